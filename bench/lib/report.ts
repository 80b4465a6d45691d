/** Turns bench results into table rows, a Markdown table, and the README's Performance block. */
import { writeReadmeSection } from "../../scripts/lib/readme-section";
import type { PackageSize } from "../../scripts/lib/ci-project";
import type { AppBudgets, Figure } from "./app-budgets";
import type { EconomyResult } from "./economy";
import type { LoadFigures, ThroughputResult } from "./throughput";

export interface Row {
  area: string;
  measure: string;
  result: string;
  target: string;
  /** undefined: a figure without a target. */
  met?: boolean;
}

const n = (value: number): string => Math.round(value).toLocaleString("en-US");
const ms = (value: number): string => `${value} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const setData = (f: Figure): string => `${f.calls} setData, ${n(f.bytes)} B`;

export function throughputRows(t: ThroughputResult): Row[] {
  const area = `throughput (${t.connections} conn, ${t.durationSeconds} s, ${n(t.bodyBytes)} B body)`;
  const clean = (f: LoadFigures): string =>
    f.non2xx || f.errors ? `; ${n(f.non2xx)} unexpected statuses, ${n(f.errors)} errors` : "";
  return t.cases.flatMap((c) => [
    {
      area,
      measure: `${c.name}: req/s`,
      result: `server ${n(c.server.requestsPerSecond)} vs node:http ${n(c.baseline.requestsPerSecond)} → ratio ${c.ratio.toFixed(2)}${clean(c.server)}`,
      target: "ratio ≥ 0.9",
      met: c.ratio >= 0.9 && c.server.non2xx === 0 && c.server.errors === 0,
    },
    {
      area,
      measure: `${c.name}: latency p50 / p99`,
      result: `server ${ms(c.server.p50Ms)} / ${ms(c.server.p99Ms)}; node:http ${ms(c.baseline.p50Ms)} / ${ms(c.baseline.p99Ms)}`,
      target: "p99 ≤ 5 ms",
      met: c.server.p99Ms <= 5,
    },
  ]);
}

export function economyRows(e: EconomyResult): Row[] {
  const area = "upstream economy (emulator counters)";
  const { coldBurst: b, cluster: c, day: d } = e;
  return [
    {
      area,
      measure: `${n(b.requests)} concurrent cold requests`,
      result: `${b.listPasses} list pass, ${b.tokenRequests} token request (${n(b.ok)} answered 200)`,
      target: "1 pass, 1 token",
      met: b.listPasses === 1 && b.tokenRequests === 1 && b.ok === b.requests,
    },
    {
      area,
      measure: `${c.instances} instances on one Redis, ${c.intervals} refresh intervals`,
      result: `${c.listPasses} list passes, ${c.tokenRequests} token request(s)`,
      target: `≤ ${c.intervals + 1} passes (not ${c.instances * c.intervals})`,
      met: c.listPasses <= c.intervals + 1,
    },
    {
      area,
      measure: "one simulated day at the default quota",
      result:
        `${n(d.callsUsed)} of ${n(d.dailyQuota)} calls (${n(d.listPasses)} list passes, ${d.replayCalls} replay), ` +
        `${d.quotaRejections} × 45009, ${d.tokenRequests} token requests; ` +
        `${n(d.shopperRequests)} shopper requests, ${d.nonOk} not 200`,
      target: `≤ ${n(d.dailyQuota)} calls, no 45009`,
      met: d.callsUsed <= d.dailyQuota && d.quotaRejections === 0 && d.nonOk === 0,
    },
  ];
}

export function appRows(a: AppBudgets): Row[] {
  const area = "mini-program setData (miniprogram-simulate)";
  const r = a.rooms;
  return [
    {
      area,
      measure: "room list cold load",
      result: setData(r.coldLoad),
      target: "1 setData",
      met: r.coldLoad.calls === 1,
    },
    {
      area,
      measure: "room list cached load (304)",
      result: `${setData(r.cachedLoad)}; rooms in the first: ${r.cachedLoad.firstCallHasRooms ? "yes" : "no"}`,
      target: "rooms in the 1st setData, ≤ 2",
      met: r.cachedLoad.firstCallHasRooms && r.cachedLoad.calls <= 2,
    },
    {
      area,
      measure: "room list page-2 append",
      result: `${setData(r.page2Append)} (new rooms' JSON ${n(r.page2Append.newRoomsJsonBytes)} B)`,
      target: `≤ 1.2 × ${n(r.page2Append.newRoomsJsonBytes)} B`,
      met: r.page2Append.bytes <= 1.2 * r.page2Append.newRoomsJsonBytes,
    },
    {
      area,
      measure: "room list: one countdown second",
      result: setData(r.countdownSecond),
      target: "< 200 B",
      met: r.countdownSecond.bytes < 200,
    },
    {
      area,
      measure: "room page: poll tick, status unchanged",
      result: setData(a.room.unchanged),
      target: "0 setData",
      met: a.room.unchanged.calls === 0,
    },
    {
      area,
      measure: "room page: poll tick, status changed",
      result: setData(a.room.changed),
      target: "1 setData, < 256 B",
      met: a.room.changed.calls === 1 && a.room.changed.bytes < 256,
    },
    {
      area,
      measure: "goods page load",
      result: `${setData(a.goods)} (largest ${n(a.goods.largest)} B)`,
      target: "≤ 2 setData, < 1,536 B",
      met: a.goods.calls <= 2 && a.goods.bytes < 1536,
    },
  ];
}

export function sizeRows(sizes: PackageSize[]): Row[] {
  return sizes.map((s) => ({
    area: "package size (offline compile)",
    measure: s.name === "__APP__" ? "main package" : s.name,
    result: `${kb(s.bytes)} (${s.files} files)`,
    target: `≤ ${kb(s.budget)}`,
    met: s.bytes <= s.budget,
  }));
}

const verdict = (row: Row): string => (row.met === undefined ? "" : row.met ? "met" : "not met");
const cell = (text: string): string => text.replace(/\|/g, "\\|");

export function markdownTable(rows: Row[]): string {
  return [
    "| area | measure | result | target | verdict |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${[r.area, r.measure, r.result, r.target, verdict(r)].map(cell).join(" | ")} |`),
  ].join("\n");
}

/** Replaces only the text between the bench markers. */
export async function writeReadme(readme: string, table: string, command: string, when: Date): Promise<void> {
  await writeReadmeSection(
    readme,
    "bench",
    `Made by \`${command}\` on ${when.toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}); ` +
      "benchmarks print figures and never fail the build on time.\n\n" +
      table,
  );
}
