/**
 * Local stand-ins for every image a gallery page shows. The fixtures keep realistic https URLs (the
 * pages and the contract check them); the serialiser swaps each one for a small SVG made here, so a
 * screenshot never touches the network and looks the same on every machine.
 */

const svgUri = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** A stable number from a string: the same URL always gets the same colours. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A live-room cover: a warm studio gradient with a ring light and a presenter silhouette. */
function cover(hue: number): string {
  return svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 400" preserveAspectRatio="xMidYMid slice">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="hsl(${hue},70%,72%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},65%,45%)"/>` +
      `</linearGradient></defs><rect width="300" height="400" fill="url(#g)"/>` +
      `<circle cx="150" cy="150" r="90" fill="none" stroke="#fff" stroke-opacity=".55" stroke-width="14"/>` +
      `<circle cx="150" cy="170" r="46" fill="hsl(${hue},30%,25%)" fill-opacity=".75"/>` +
      `<path d="M60 400c0-70 40-120 90-120s90 50 90 120z" fill="hsl(${hue},30%,25%)" fill-opacity=".75"/></svg>`,
  );
}

/** A goods photo: a folded scarf on a light backdrop. */
function goods(hue: number): string {
  return svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">` +
      `<rect width="200" height="200" fill="hsl(${hue},35%,92%)"/>` +
      `<path d="M40 60h120l-20 90H60z" fill="hsl(${hue},60%,55%)"/>` +
      `<path d="M40 60h120v22H40z" fill="hsl(${hue},60%,42%)"/>` +
      `<path d="M70 150h14v30H70zm46 0h14v30h-14z" fill="hsl(${hue},60%,42%)"/></svg>`,
  );
}

/** An anchor's avatar: a face on a round colour. */
function avatar(hue: number): string {
  return svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
      `<circle cx="32" cy="32" r="32" fill="hsl(${hue},55%,70%)"/>` +
      `<circle cx="32" cy="26" r="12" fill="#fff" fill-opacity=".9"/>` +
      `<path d="M12 56c4-12 12-16 20-16s16 4 20 16z" fill="#fff" fill-opacity=".9"/></svg>`,
  );
}

/** Vant's van-empty pictures (img.yzcdn.cn on a phone): a quiet grey illustration. */
function emptyPicture(kind: string): string {
  const mark =
    kind === "network"
      ? `<path d="M52 70a40 40 0 0 1 56 0M64 84a22 22 0 0 1 32 0" stroke="#c8c9cc" stroke-width="8" fill="none" stroke-linecap="round"/><circle cx="80" cy="100" r="6" fill="#c8c9cc"/>`
      : kind === "search"
        ? `<circle cx="74" cy="74" r="26" stroke="#c8c9cc" stroke-width="8" fill="none"/><path d="M94 94l20 20" stroke="#c8c9cc" stroke-width="10" stroke-linecap="round"/>`
        : `<rect x="46" y="58" width="68" height="50" rx="6" fill="#dcdee0"/><path d="M46 74h68" stroke="#c8c9cc" stroke-width="4"/>`;
  return svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160">` +
      `<ellipse cx="80" cy="136" rx="50" ry="8" fill="#ebedf0"/>${mark}</svg>`,
  );
}

/** Anything else: a neutral picture frame, so an unexpected image is visible rather than blank. */
function generic(): string {
  return svgUri(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#dcdee0"/>` +
      `<path d="M15 80l25-30 18 20 12-12 15 22z" fill="#c8c9cc"/><circle cx="70" cy="30" r="9" fill="#c8c9cc"/></svg>`,
  );
}

/** The local picture for an image URL (already local data:/file: URLs are kept). */
export function localImage(url: string): string {
  if (url === "" || url.startsWith("data:") || url.startsWith("file:")) return url;
  const empty = /empty-image-(\w+)\.png/.exec(url);
  if (empty) return emptyPicture(empty[1]);
  const hue = hash(url) % 360;
  if (/cover|feeds|share|\/rooms\//i.test(url)) return cover(hue);
  if (/goods/i.test(url)) return goods(hue);
  if (/anchor|avatar/i.test(url)) return avatar(hue);
  return generic();
}
