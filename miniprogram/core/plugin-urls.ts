/**
 * URLs of the live-player-plugin (live-plugin.md §3, §4). Pure: no `wx`.
 */

import { LIVE_PLUGIN_APPID } from "./live-page-route";

export { LIVE_PAGE_ROUTE_MARK, LIVE_PLUGIN_APPID, isLivePageRoute } from "./live-page-route";
/** The only plugin page open to callers. No leading slash: '/plugin-private://…' fails. */
export const LIVE_PAGE_PATH = `plugin-private://${LIVE_PLUGIN_APPID}/pages/live-player-plugin`;
export const SUBSCRIBE_COMPONENT_PATH = `plugin-private://${LIVE_PLUGIN_APPID}/components/subscribe/subscribe`;
/** The plugin truncates longer custom_params; we refuse instead of losing attribution silently. */
export const CUSTOM_PARAMS_MAX_LENGTH = 600;

/** `type=9`: a room's mini-program code (QR); `type=10`: a card in an official-account article. */
export type LiveEntryKind = "plain" | "qrcode" | "article";
export const ENTRY_TYPE_PARAM: Record<Exclude<LiveEntryKind, "plain">, 9 | 10> = { qrcode: 9, article: 10 };

export type CustomParams = Record<string, unknown>;

export class CustomParamsTooLongError extends Error {
  constructor(readonly length: number) {
    super(`custom_params is ${length} characters once encoded; the limit is ${CUSTOM_PARAMS_MAX_LENGTH}`);
    this.name = "CustomParamsTooLongError";
  }
}

/** `encodeURIComponent(JSON.stringify(obj))`, refused over 600 characters. */
export function encodeCustomParams(params: CustomParams): string {
  const encoded = encodeURIComponent(JSON.stringify(params));
  if (encoded.length > CUSTOM_PARAMS_MAX_LENGTH) throw new CustomParamsTooLongError(encoded.length);
  return encoded;
}

export interface LivePageUrlOptions {
  roomId: number;
  customParams?: CustomParams | null;
  entry?: LiveEntryKind;
  closePictureInPicture?: boolean;
}

function assertRoomId(roomId: number): void {
  if (!Number.isSafeInteger(roomId) || roomId <= 0) {
    throw new RangeError(`room_id must be a positive integer, got ${String(roomId)}`);
  }
}

/** The live page URL for `wx.navigateTo`, a QR code (`entry: "qrcode"`) or an article card (`"article"`). */
export function buildLivePageUrl(options: LivePageUrlOptions): string {
  assertRoomId(options.roomId);
  const parts = [`room_id=${options.roomId}`];
  if (options.customParams && Object.keys(options.customParams).length > 0) {
    parts.push(`custom_params=${encodeCustomParams(options.customParams)}`);
  }
  if (options.entry && options.entry !== "plain") parts.push(`type=${ENTRY_TYPE_PARAM[options.entry]}`);
  if (options.closePictureInPicture) parts.push("close_picture_in_picture_mode=1");
  return `${LIVE_PAGE_PATH}?${parts.join("&")}`;
}
