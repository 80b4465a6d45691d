/**
 * What the goods page renders, built from the backend's payloads. Pure (no wx), so the page stays a
 * thin shell and these rules get plain tests.
 */
import type { Goods, Room } from "../../../../typings/api";
import { describeLiveStatus } from "../../../core/live-status";
import { describePrice, type PriceView } from "../../../core/price";
import { mayHaveReplays } from "../../../core/replays";

export interface GoodsView {
  goodsId: number;
  name: string;
  coverImg: string;
  price: PriceView;
}

/** Rendered by packageA/components/goods-room. */
export interface RoomView {
  roomId: number;
  name: string;
  anchorName: string;
  coverImg: string;
  statusLabel: string;
  tone: string;
  isLive: boolean;
  /** 101/105/106: a tap opens the live page; otherwise our room page (subscribe, replays, status). */
  canEnter: boolean;
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

export function toRoomView(room: Room): RoomView {
  const status = describeLiveStatus(room.liveStatus);
  return {
    roomId: room.roomId,
    name: room.name,
    anchorName: room.anchorName,
    coverImg: room.coverImg,
    statusLabel: status.label,
    tone: status.tone,
    isLive: status.isLive,
    canEnter: status.canEnter,
    action: roomAction(room),
  };
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
