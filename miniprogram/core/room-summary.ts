/**
 * What every card that shows a room has, under one set of names: the room list's card
 * (room-list.ts RoomCardView) and the goods page's room card (packageA/core/goods-page-view.ts GoodsRoomView) both
 * extend it. The names are short on purpose: a list page sends twenty cards in one setData. Pure.
 */
import type { LiveStatus, Room } from "../../typings/api";
import { describeLiveStatus, type StatusTone } from "./live-status";

export interface RoomSummaryView {
  id: number;
  name: string;
  anchor: string;
  cover: string;
  status: LiveStatus;
  tone: StatusTone;
  /** Badge text: the status's label, unless the card says something more precise (即将开播). */
  label: string;
}

export function roomSummary(room: Room): RoomSummaryView {
  const info = describeLiveStatus(room.liveStatus);
  return {
    id: room.roomId,
    name: room.name,
    anchor: room.anchorName,
    cover: room.coverImg,
    status: room.liveStatus,
    tone: info.tone,
    label: info.label,
  };
}
