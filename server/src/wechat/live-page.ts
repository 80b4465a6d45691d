/**
 * The live-player-plugin's live page, as a path for entries made outside the app: a room's 小程序码
 * (`type=9`) and a card in a 公众号 article (`type=10`), docs/wechat-live.md ("The live page URL").
 * Used by the operator console and `npm run links`. The mini-program builds the same paths for itself in
 * miniprogram/core/plugin-urls.ts (WeChat compiles only miniprogram/, so it cannot import this);
 * test/server/admin/links.test.ts holds the two equal.
 */
export const LIVE_PLUGIN_APPID = "wx2b03c6e691cd7370";
/** No leading slash: '/plugin-private://…' fails. */
export const LIVE_PAGE_PATH = `plugin-private://${LIVE_PLUGIN_APPID}/pages/live-player-plugin`;

export type LiveEntryKind = "plain" | "qrcode" | "article";
const ENTRY_TYPE: Record<Exclude<LiveEntryKind, "plain">, 9 | 10> = { qrcode: 9, article: 10 };

/** The live page of `roomId` for an entry; `customParams` is already encoded (or empty). */
export function livePagePath(roomId: number, entry: LiveEntryKind = "plain", customParams = ""): string {
  if (!Number.isSafeInteger(roomId) || roomId <= 0) {
    throw new RangeError(`room_id must be a positive integer, got ${String(roomId)}`);
  }
  const parts = [`room_id=${roomId}`];
  if (customParams !== "") parts.push(`custom_params=${customParams}`);
  if (entry !== "plain") parts.push(`type=${ENTRY_TYPE[entry]}`);
  return `${LIVE_PAGE_PATH}?${parts.join("&")}`;
}

export interface RoomLinks {
  roomId: number;
  /** For a room's mini-program code (type=9). */
  qrcode: string;
  /** For a mini-program card in an official-account article (type=10). */
  article: string;
  plain: string;
}

/** The three paths of a room; `customParams` is already encoded (or empty). */
export function roomLinks(roomId: number, customParams = ""): RoomLinks {
  return {
    roomId,
    qrcode: livePagePath(roomId, "qrcode", customParams),
    article: livePagePath(roomId, "article", customParams),
    plain: livePagePath(roomId, "plain", customParams),
  };
}
