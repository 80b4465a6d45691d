/**
 * What the goods page (packageA/pages/goods) renders, built from the backend's payloads, and the path
 * a share of it carries. Pure (no wx), so the page stays a thin shell and these rules get plain tests.
 * It sits in packageA/core/, not core/: only packageA uses it, and a file's folder decides which
 * package downloads it.
 */
import type { Goods, Room } from "../../../typings/api";
import { encodeCustomParams, shareCustomParams, type CustomParams } from "../../core/custom-params";
import { describeLiveStatus } from "../../core/live-status";
import { describePrice, type PriceView } from "../../core/price";
import { mayHaveReplays } from "../../core/replays";
import { roomSummary, type RoomSummaryView } from "../../core/room-summary";

export interface GoodsView {
  goodsId: number;
  name: string;
  coverImg: string;
  price: PriceView;
}

/** The room card under the goods (packageA/components/goods-room). */
export interface GoodsRoomView extends RoomSummaryView {
  /** On air: the card gets the 直播中 banner. */
  live: boolean;
  /** A tap opens the live page; otherwise our room page (subscribe, replays, status). */
  enter: boolean;
  /** What a tap does, in words. */
  action: string;
}

export function toGoodsView(goods: Goods): GoodsView {
  return { goodsId: goods.goodsId, name: goods.name, coverImg: goods.coverImg, price: describePrice(goods) };
}

function roomAction(room: Room): string {
  const status = describeLiveStatus(room.liveStatus);
  if (status.canEnter) return "点击进入直播间";
  if (status.isUpcoming) return "直播还没开始，点击订阅开播提醒";
  if (mayHaveReplays(room)) return "直播已结束，点击看回放";
  return status.hint;
}

export function toGoodsRoomView(room: Room): GoodsRoomView {
  const status = describeLiveStatus(room.liveStatus);
  return { ...roomSummary(room), live: status.isLive, enter: status.canEnter, action: roomAction(room) };
}

export type PageState = "loading" | "ready" | "invalid" | "notFound" | "error";

export interface StateMessage {
  title: string;
  hint: string;
  /** Offer 重新加载 (only when trying again can help). */
  retry: boolean;
}

/** What a non-ready page says, and whether trying again can help. */
export function stateMessage(state: PageState, errorText = ""): StateMessage | null {
  switch (state) {
    case "invalid":
      return { title: "商品链接有误", hint: "这个链接缺少商品信息，可能已失效", retry: false };
    case "notFound":
      return { title: "商品不存在或已下架", hint: "去直播间看看其他好物吧", retry: false };
    case "error":
      return { title: "商品加载失败", hint: errorText || "网络不太稳定，请稍后重试", retry: true };
    default:
      return null;
  }
}

/** An HTTP status of a failed goods lookup: 404 is an unknown goods, 400 a URL that is no goods URL. */
export function failedLookupState(httpStatus: number): PageState | null {
  if (httpStatus === 404) return "notFound";
  return httpStatus === 400 ? "invalid" : null;
}

export interface GoodsShare {
  /** The URL the shop registered for the goods (the page's own route and the shop's keys). */
  registeredUrl: string;
  /** The room the shopper came from, or 0. */
  roomId: number;
  /** The custom_params the page arrived with. */
  arrived: CustomParams | null;
  /** The sharer id of the shopper who shares, or null. */
  sharerId: string | null;
}

/**
 * The path a share of the goods page carries: the registered URL, the room and the custom_params
 * (with the shopper who shares as the sharer), so the friend lands on the same goods.
 */
export function goodsSharePath(share: GoodsShare): string {
  const base = `/${share.registeredUrl.replace(/^\//, "")}`;
  const extra: string[] = [];
  if (share.roomId > 0) extra.push(`room_id=${share.roomId}`);
  const params = shareCustomParams(share.arrived, share.sharerId);
  if (params) extra.push(`custom_params=${encodeCustomParams(params)}`);
  return extra.length === 0 ? base : `${base}${base.includes("?") ? "&" : "?"}${extra.join("&")}`;
}
