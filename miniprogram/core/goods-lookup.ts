/**
 * How the goods page asks the backend for its goods: by the URL it was opened with, which is the URL
 * the shop registered for the goods plus what the live plugin appended (docs/wechat-live.md, "Goods
 * URLs"). Pure: no `wx`.
 */

/** Query keys the page reads itself (the plugin appends them); never part of a goods key. */
export const PAGE_OWN_KEYS: readonly string[] = ["room_id", "custom_params"];
/** The backend refuses longer lookups; a registered goods URL is a page path and a few keys. */
export const MAX_LOOKUP_LENGTH = 2048;

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `route?key=value&…` with the shop's own keys sorted and each value percent-encoded once, the way
 * goods/add stores it; null when the query carries no key of the shop's (nothing to look up) or the
 * URL would be too long. WeChat may hand `onLoad` a value still encoded or already decoded; it is
 * decoded once here and encoded again, so both forms give the same lookup.
 */
export function goodsLookupUrl(route: string, query: Record<string, string | undefined>): string | null {
  const pairs = Object.keys(query)
    .filter((key) => !PAGE_OWN_KEYS.includes(key) && typeof query[key] === "string" && key !== "")
    .sort()
    .map(
      (key) => `${encodeURIComponent(decodeOnce(key))}=${encodeURIComponent(decodeOnce(query[key] ?? ""))}`,
    );
  if (pairs.length === 0) return null;
  const url = `${route.replace(/^\//, "")}?${pairs.join("&")}`;
  return url.length <= MAX_LOOKUP_LENGTH ? url : null;
}
