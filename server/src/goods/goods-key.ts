/**
 * The goods key: how a goods item registered with WeChat is found again from the URL its page was
 * opened with. A shop registers the goods page URL (its own page path and its own product key, e.g.
 * `packageA/pages/goods/goods?id=8812`) when it adds the goods; WeChat assigns `goodsId` only
 * afterwards, so the URL is the only thing the page and the registration share (docs/wechat-live.md,
 * "Goods URLs").
 *
 * The key is the page path (leading `/` dropped) plus the shop's own query pairs, sorted, each value
 * URL-decoded once and re-encoded the same way, without the keys the live plugin appends.
 */
import { MAX_GOODS_URL_LENGTH } from "../api/endpoints";

export { MAX_GOODS_URL_LENGTH };

/**
 * Keys the live plugin adds to a goods URL when a shopper taps the shelf: `room_id` and
 * `custom_params` today; `openid`, `share_openid` and `scene` were documented in the 1.0.2 era. None of
 * them can be one of the shop's product keys (the plugin would overwrite it), so all are left out.
 */
export const PLUGIN_APPENDED_KEYS: ReadonlySet<string> = new Set([
  "room_id",
  "custom_params",
  "openid",
  "share_openid",
  "scene",
]);

/** A mini-program page path: letters, digits, `_`, `-`, `.` and `/`, no empty or `..` segments. */
const PAGE_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // a value that is not valid %-encoding is kept as it is (on both sides of the comparison)
    return text;
  }
}

/**
 * The key of a goods page URL, or null when it is not a page URL at all (empty, a scheme, a `..`
 * segment, control characters). Order of the query pairs, a leading `/` and a `#fragment` do not
 * matter; neither do the plugin's own keys.
 */
export function goodsKey(url: string): string | null {
  if (url.length > MAX_GOODS_URL_LENGTH || hasSpaceOrControl(url)) return null;
  const withoutFragment = url.split("#")[0];
  const question = withoutFragment.indexOf("?");
  const rawPath = question < 0 ? withoutFragment : withoutFragment.slice(0, question);
  const path = rawPath.replace(/^\//, "");
  if (!PAGE_PATH.test(path) || path.split("/").some((segment) => segment === "." || segment === "..")) {
    return null;
  }
  const pairs: Array<[string, string]> = [];
  const query = question < 0 ? "" : withoutFragment.slice(question + 1);
  for (const part of query.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const key = decodeOnce(equals < 0 ? part : part.slice(0, equals));
    const value = decodeOnce(equals < 0 ? "" : part.slice(equals + 1));
    if (key === "" || PLUGIN_APPENDED_KEYS.has(key)) continue;
    pairs.push([encodeURIComponent(key), encodeURIComponent(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)));
  return pairs.length === 0 ? path : `${path}?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
}

/** Raw white space or control characters never appear in a URL WeChat stores (they are %-encoded). */
function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
