/**
 * The day's getliveinfo calls per hour as a small inline SVG: 24 bars, the current hour marked, hour
 * labels every 6 hours, and a text summary for screen readers. Colours come from CSS classes (so dark
 * mode applies) and geometry from attributes: the console's CSP allows no inline styles.
 */

const WIDTH = 360;
const HEIGHT = 130;
const TOP = 22;
const BOTTOM = 20;
const BAR_GAP = 3;

const escapeXml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** What the chart says in words (its accessible name). */
export function chartSummary(hourly: readonly number[], currentHour: number): string {
  const total = hourly.reduce((a, b) => a + b, 0);
  if (total === 0) return "今天还没有调用 getliveinfo";
  const peak = Math.max(...hourly);
  const peakHour = hourly.indexOf(peak);
  return `今天共调用 ${total} 次；最多的是 ${peakHour} 点（${peak} 次）；当前 ${currentHour} 点已调用 ${hourly[currentHour] ?? 0} 次`;
}

/** The SVG markup; `hourly` has 24 counts (Beijing hours), `currentHour` is marked, later hours are empty. */
export function quotaChartSvg(hourly: readonly number[], currentHour: number): string {
  const summary = escapeXml(chartSummary(hourly, currentHour));
  const peak = Math.max(1, ...hourly);
  const slot = WIDTH / 24;
  const usable = HEIGHT - TOP - BOTTOM;
  const bars = hourly
    .slice(0, 24)
    .map((count, hour) => {
      if (count === 0) return "";
      const h = Math.max(2, Math.round((count / peak) * usable));
      const x = (hour * slot + BAR_GAP / 2).toFixed(1);
      const y = HEIGHT - BOTTOM - h;
      const cls = hour === currentHour ? "bar now" : hour > currentHour ? "bar later" : "bar";
      return `<rect class="${cls}" x="${x}" y="${y}" width="${(slot - BAR_GAP).toFixed(1)}" height="${h}"><title>${hour} 点：${count} 次</title></rect>`;
    })
    .join("");
  const labels = [0, 6, 12, 18]
    .map(
      (hour) =>
        `<text class="label" x="${(hour * slot + slot / 2).toFixed(1)}" y="${HEIGHT - 4}">${hour}</text>`,
    )
    .join("");
  const peakLabel = `<text class="label peak" x="0" y="14">最高 ${Math.max(...hourly, 0)} 次/小时</text>`;
  return (
    `<svg class="quota-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">` +
    `<line class="axis" x1="0" y1="${HEIGHT - BOTTOM}" x2="${WIDTH}" y2="${HEIGHT - BOTTOM}"/>` +
    `${bars}${labels}${peakLabel}</svg>`
  );
}
