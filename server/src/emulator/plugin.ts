/**
 * What the live plugin does with a goods URL on the shopper's phone, for tests and the demo: when a
 * shelf item is tapped, the plugin opens the URL the shop registered with `room_id` and
 * `custom_params` appended (docs/wechat-live.md, "Goods URLs"). The exact encoding is not documented;
 * this follows what shops observe: the live page's `custom_params` (already `encodeURIComponent`ed
 * JSON) is encoded once more when it is appended, so the goods page may receive it encoded twice.
 */

export interface ShelfTap {
  roomId: number;
  /** The custom_params object the live page was opened with, if any. */
  customParams?: Record<string, unknown>;
}

/** The path the plugin navigates to for a registered goods URL (with a leading `/`). */
export function shelfTapPath(registeredUrl: string, tap: ShelfTap): string {
  const url = registeredUrl.replace(/^\//, "");
  const parts = [`room_id=${tap.roomId}`];
  if (tap.customParams) {
    const onLivePage = encodeURIComponent(JSON.stringify(tap.customParams));
    parts.push(`custom_params=${encodeURIComponent(onLivePage)}`);
  }
  return `/${url}${url.includes("?") ? "&" : "?"}${parts.join("&")}`;
}

/**
 * How a page opened with `path` sees it: its route and the `onLoad` options. Values are passed as
 * they stand in the URL (not decoded); pages and the backend decode defensively either way.
 */
export function openedPage(path: string): { route: string; query: Record<string, string> } {
  const full = path.replace(/^\//, "");
  const question = full.indexOf("?");
  const route = question < 0 ? full : full.slice(0, question);
  const search = question < 0 ? "" : full.slice(question + 1);
  const query: Record<string, string> = {};
  for (const part of search.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    query[equals < 0 ? part : part.slice(0, equals)] = equals < 0 ? "" : part.slice(equals + 1);
  }
  return { route, query };
}
