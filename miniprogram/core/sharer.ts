/**
 * The sharer id: an opaque, stable stand-in for a sharer's openid in anything another user can see
 * (share paths, the live page's custom_params). It is the first 16 hex digits of the SHA-256 of the
 * openid, so the shop's backend, which knows its users' openids, reproduces it without asking us:
 * `sha256(openid).hex.slice(0, 16)` (docs/wechat-live.md, "Sharer id"). Pure: no `wx`, no network.
 */
import { sha256 } from "js-sha256";

/** What our links carry: 16 lowercase hex digits. */
const SHARER_ID = /^[0-9a-f]{16}$/;
/** What an openid looks like: letters, digits, `_` and `-` (28 characters in practice). */
const OPENID = /^[\w-]{1,64}$/;

/** The sharer id of an openid; null when the value does not look like an openid. */
export function sharerIdOf(openid: unknown): string | null {
  return typeof openid === "string" && OPENID.test(openid) ? sha256Hex(openid).slice(0, 16) : null;
}

/**
 * A sharer from a link or from the plugin, as a sharer id: one of ours is kept; an openid (links of
 * older versions, the plugin's share_openid) is turned into its id; anything else is null.
 */
export function toSharerId(raw: unknown): string | null {
  if (typeof raw === "string" && SHARER_ID.test(raw)) return raw;
  return sharerIdOf(raw);
}

/**
 * SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits. js-sha256's plain JavaScript path:
 * the mini-program has no `process`, so the package never reaches for Node's crypto there.
 */
export function sha256Hex(text: string): string {
  return sha256(text);
}
