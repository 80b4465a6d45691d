/**
 * The room list's rules (pages/rooms): tabs, order, the compact view model a card renders, paging and
 * the footer, the freshness notice, and what a share of the list says. Pure: the page feeds it rooms
 * and `now`.
 */
import type { Room, RoomListResponse } from "../../typings/api";
import { countdownTarget, describeLiveStatus, isDue } from "./live-status";
import { mayHaveReplays } from "./replays";
import { roomSummary, type RoomSummaryView } from "./room-summary";
import { HOME_URL } from "./navigation";
import { formatAge, formatStartTime } from "./time";

export type RoomTab = "all" | "live" | "upcoming" | "replay";

export const ROOM_TABS: ReadonlyArray<{ key: RoomTab; label: string }> = [
  { key: "all", label: "全部" },
  { key: "live", label: "直播中" },
  { key: "upcoming", label: "预告" },
  { key: "replay", label: "回放" },
];

export function parseTab(raw: unknown): RoomTab {
  return ROOM_TABS.some((t) => t.key === raw) ? (raw as RoomTab) : "all";
}

/**
 * 直播中 holds the sessions whose live page can be entered right now (on air, paused, a signal drop),
 * 预告 the upcoming ones, 回放 the ended ones that may have replays.
 */
export function inTab(room: Room, tab: RoomTab): boolean {
  const info = describeLiveStatus(room.liveStatus);
  switch (tab) {
    case "all":
      return true;
    case "live":
      return info.canEnter;
    case "upcoming":
      return info.isUpcoming;
    case "replay":
      return mayHaveReplays(room);
  }
}

/** Order inside 全部: the merchant's pins, then on air, then the other enterable ones, then the rest. */
function rankInAll(room: Room): number {
  const info = describeLiveStatus(room.liveStatus);
  if (room.pinned) return 0;
  if (info.isLive) return 1;
  if (info.canEnter) return 2;
  return 3;
}

/** The rooms a tab shows, in display order (stable: equal ranks keep the backend's order). */
export function roomsForTab(rooms: readonly Room[], tab: RoomTab): Room[] {
  const shown = rooms.filter((r) => inTab(r, tab));
  if (tab !== "all") return shown;
  return shown
    .map((room, index) => ({ room, index, rank: rankInAll(room) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((e) => e.room);
}

/** Everything one card of the list renders, and nothing more: this is what crosses to the view layer. */
export interface RoomCardView extends RoomSummaryView {
  /** "今天 20:00 开播", or what a due upcoming room is waiting for. */
  time: string;
  /** Countdown target in unix ms (live-status.ts countdownTarget); 0 for none. */
  cd: number;
  /** Whether tapping opens the room page (not for a closed room: 104/107). */
  open: boolean;
  /** Why the card cannot be opened, else "". */
  reason: string;
  /** The first three goods covers. */
  thumbs: string[];
  /** Goods beyond the first three ("+N"). */
  more: number;
}

export const THUMB_COUNT = 3;
export const DUE_LABEL = "即将开播";
export const DUE_TEXT = "已到开播时间，主播即将开播";

export function toRoomCard(room: Room, now: number): RoomCardView {
  const info = describeLiveStatus(room.liveStatus);
  const startMs = room.startTime * 1000;
  const due = isDue(room.liveStatus, startMs, now);
  const summary = roomSummary(room);
  return {
    ...summary,
    label: due ? DUE_LABEL : summary.label,
    time: due ? DUE_TEXT : `${formatStartTime(room.startTime, now)} 开播`,
    cd: countdownTarget(room.liveStatus, startMs, now),
    open: !info.isClosed,
    reason: info.isClosed ? info.hint : "",
    thumbs: room.goods.slice(0, THUMB_COUNT).map((g) => g.coverImg),
    more: Math.max(0, room.goods.length - THUMB_COUNT),
  };
}

export function cardsForTab(rooms: readonly Room[], tab: RoomTab, now: number): RoomCardView[] {
  return roomsForTab(rooms, tab).map((r) => toRoomCard(r, now));
}

/** Rooms of a later page, minus any the list already has (a new room shifts the backend's pages). */
export function mergePage(existing: readonly Room[], incoming: readonly Room[]): Room[] {
  const seen = new Set(existing.map((r) => r.roomId));
  const added = incoming.filter((r) => !seen.has(r.roomId) && seen.add(r.roomId));
  return [...existing, ...added];
}

/** Cached lists older than this get a quiet "更新于 N 分钟前". */
export const OLD_AFTER_MS = 5 * 60 * 1000;
/** onShow revalidates when the last check is older than this. */
export const RECHECK_AFTER_MS = 60 * 1000;

export interface Freshness {
  /** Unix ms of the last time the list was known to be current. */
  asOf: number;
  /** The backend said it could not reach WeChat, or our own refresh failed. */
  stale: boolean;
  refreshFailed: boolean;
}

/** The notice above the list: "" when the list is fresh. */
export function freshnessNotice(f: Freshness, now: number): string {
  const age = `更新于 ${formatAge(f.asOf, now)}`;
  if (f.refreshFailed) return `刷新失败，显示的是缓存内容（${age}），点击重试`;
  if (f.stale || now - f.asOf >= OLD_AFTER_MS) return age;
  return "";
}

/** When a list answer was current: now, unless the backend itself served its last good copy. */
export function listAsOf(list: RoomListResponse, receivedAt: number): number {
  return list.stale ? Math.min(list.updatedAt, receivedAt) : receivedAt;
}

export type FooterState = "hidden" | "more" | "loading" | "end" | "error";

/** Where paging stands: what the page knows about the pages after the first. */
export interface Paging {
  /** `start` of the next page (counts dropped rooms too: they occupy backend positions). */
  next: number;
  total: number;
  loadingMore: boolean;
  moreFailed: boolean;
}

export function hasMore(paging: Paging): boolean {
  return paging.next < paging.total;
}

/** The footer under `shown` cards. */
export function footerFor(paging: Paging, shown: number): FooterState {
  if (paging.loadingMore) return "loading";
  if (paging.moreFailed) return "error";
  if (hasMore(paging)) return "more";
  return shown > 0 ? "end" : "hidden";
}

/** A tab with cards (视频号 cards above the rooms count too), or with more on their way, is a list. */
export function listPhase(cards: number, channelCards: number, footer: FooterState): "list" | "empty" {
  return cards > 0 || channelCards > 0 || footer === "loading" || footer === "more" ? "list" : "empty";
}

/** A share of the list: how many sessions are on air right now, rooms and 视频号 together. */
export function listShareTitle(rooms: readonly Room[], channelsLive: number): string {
  const live = rooms.filter((r) => describeLiveStatus(r.liveStatus).isLive).length + channelsLive;
  return live > 0 ? `${live} 个直播间正在直播，快来看看` : "好物直播间，精彩不错过";
}

/** The query a share of the list carries: its tab, when not 全部 (the timeline takes it bare). */
export function listShareQuery(tab: RoomTab): string {
  return tab === "all" ? "" : `tab=${tab}`;
}

/** The path a chat share of the list opens. */
export function listSharePath(tab: RoomTab): string {
  const query = listShareQuery(tab);
  return query ? `${HOME_URL}?${query}` : HOME_URL;
}

export const EMPTY_TEXT: Record<RoomTab, string> = {
  all: "还没有直播间，敬请期待",
  live: "现在没有正在直播的直播间",
  upcoming: "暂时没有直播预告",
  replay: "暂时没有可看的回放",
};
