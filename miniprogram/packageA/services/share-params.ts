/**
 * The live plugin's share params (getShareParams), read wherever a shopper can arrive inside packageA:
 * the room page, the goods page and the live bridge. They are asked once per entry, and only when the
 * shopper entered on the plugin's live page, whatever the scene: share cards (1007/1008/1044/1154/1155)
 * and, since plugin 1.2.10, 扫码/广告 scenes too (docs/wechat-live.md, "Share params"). A rejection
 * means "none for this entry". The result lives in globalData, with the sharer as a sharer id only.
 */
import { isLivePageRoute } from "../../core/live-page-route";
import { sha256Hex, toSharerId } from "../../core/sharer";
import { getShareParams, rememberViewerOpenid } from "./live-plugin";

export type StoredShareParams = NonNullable<IAppOption["globalData"]["shareParams"]>;

let pending: { entry: string; answer: Promise<StoredShareParams> } | null = null;

function globalData(): IAppOption["globalData"] | null {
  try {
    return getApp<IAppOption>()?.globalData ?? null;
  } catch {
    return null;
  }
}

/**
 * The current entry when it was the plugin's live page, as the key share params are kept under (a
 * digest: the entry's query holds the sharer's openid, which is not kept), else null.
 */
function liveEntryKey(): string | null {
  try {
    const enter = wx.getEnterOptionsSync();
    if (!isLivePageRoute(enter.path)) return null;
    return sha256Hex(JSON.stringify([enter.scene, enter.path, enter.query, enter.shareTicket ?? ""]));
  } catch {
    return null;
  }
}

/**
 * This entry's share params: at once when already asked (or when there can be none), else from the
 * plugin, one call however many pages ask at the same time. Never rejects.
 */
export function ensureShareParams(): Promise<StoredShareParams | null> {
  const data = globalData();
  const entry = liveEntryKey();
  if (!data || entry === null) return Promise.resolve(null);
  if (data.shareParams?.entry === entry) return Promise.resolve(data.shareParams);
  if (pending?.entry === entry) return pending.answer;
  const none: StoredShareParams = { entry, roomId: null, sharer: null, customParams: null };
  const answer = getShareParams()
    .then(
      (res): StoredShareParams => {
        rememberViewerOpenid(res.openid);
        return {
          entry,
          roomId: res.roomId,
          sharer: toSharerId(res.shareOpenid),
          customParams: res.customParams,
        };
      },
      () => none,
    )
    .then((stored) => {
      data.shareParams = stored;
      if (pending?.entry === entry) pending = null;
      return stored;
    });
  pending = { entry, answer };
  return answer;
}
