/**
 * URLs of the live-player-plugin (docs/wechat-live.md, "The live page URL"). Pure: no `wx`. Only
 * packageA and the tooling may load this module: it builds `plugin-private://` URLs, which work only
 * where the plugin is declared. Main-package code uses live-page-route.ts and custom-params.ts.
 */
import { encodeCustomParams, type CustomParams } from "./custom-params";
import { LIVE_PLUGIN_APPID } from "./live-page-route";

export { LIVE_PAGE_ROUTE_MARK, LIVE_PLUGIN_APPID, isLivePageRoute } from "./live-page-route";
export {
  CUSTOM_PARAMS_MAX_LENGTH,
  CustomParamsTooLongError,
  encodeCustomParams,
  type CustomParams,
} from "./custom-params";

/** The only plugin page open to callers. No leading slash: '/plugin-private://…' fails. */
export const LIVE_PAGE_PATH = `plugin-private://${LIVE_PLUGIN_APPID}/pages/live-player-plugin`;
export const SUBSCRIBE_COMPONENT_PATH = `plugin-private://${LIVE_PLUGIN_APPID}/components/subscribe/subscribe`;

/** `type=9`: a room's mini-program code (QR); `type=10`: a card in an official-account article. */
export type LiveEntryKind = "plain" | "qrcode" | "article";
export const ENTRY_TYPE_PARAM: Record<Exclude<LiveEntryKind, "plain">, 9 | 10> = { qrcode: 9, article: 10 };

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
