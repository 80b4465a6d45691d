/**
 * The room list's rules: tabs, order, the compact view model a card renders, list patches with path
 * keys, and the freshness notice. Pure: the page feeds it rooms and `now`.
 */
import type { LiveStatus, Room, RoomListResponse } from "../../typings/api";
import { describeLiveStatus, type StatusTone } from "./live-status";
import { COUNTDOWN_WINDOW_MS, formatAge, formatStartTime } from "./time";
import { mayHaveReplays } from "./replays";

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

/** 直播中 holds the sessions that are on air right now, including a pause or a signal drop. */
export function inTab(room: Room, tab: RoomTab): boolean {
  switch (tab) {
    case "all":
      return true;
    case "live":
      return room.liveStatus === 101 || room.liveStatus === 105 || room.liveStatus === 106;
    case "upcoming":
      return room.liveStatus === 102;
    case "replay":
      return mayHaveReplays(room);
  }
}

/** Order inside 全部: the merchant's pins, then live, then paused/abnormal, then the backend's order. */
function rankInAll(room: Room): number {
  if (room.pinned) return 0;
  if (room.liveStatus === 101) return 1;
  if (room.liveStatus === 105 || room.liveStatus === 106) return 2;
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

/** Everything one card renders, and nothing more: this is what crosses to the view layer. */
export interface RoomView {
  id: number;
  name: string;
  anchor: string;
  cover: string;
  status: LiveStatus;
  tone: StatusTone;
  /** Badge text. */
  label: string;
  /** "今天 20:00 开播", or what a due upcoming room is waiting for. */
  time: string;
  /** Countdown target in unix ms for an upcoming room starting within 24 h; 0 for none. */
  cd: number;
  /** Whether tapping opens the room page. */
  open: boolean;
  /** Why the card cannot be opened (104/107), else "". */
  reason: string;
  /** The first three goods covers. */
  thumbs: string[];
  /** Goods beyond the first three ("+N"). */
  more: number;
}

export const THUMB_COUNT = 3;
export const DUE_LABEL = "即将开播";
export const DUE_TEXT = "已到开播时间，主播即将开播";

/** 104 banned and 107 expired can never be watched; everything else has a room page worth opening. */
export function canOpenRoom(status: LiveStatus): boolean {
  return status !== 104 && status !== 107;
}

export function toRoomView(room: Room, now: number): RoomView {
  const info = describeLiveStatus(room.liveStatus);
  const startMs = room.startTime * 1000;
  const upcoming = room.liveStatus === 102;
  // WeChat keeps a room at 102 until the anchor actually starts, so a passed start time means "due".
  const due = upcoming && startMs <= now;
  const open = canOpenRoom(room.liveStatus);
  return {
    id: room.roomId,
    name: room.name,
    anchor: room.anchorName,
    cover: room.coverImg,
    status: room.liveStatus,
    tone: info.tone,
    label: due ? DUE_LABEL : info.label,
    time: due ? DUE_TEXT : `${formatStartTime(room.startTime, now)} 开播`,
    cd: upcoming && !due && startMs - now <= COUNTDOWN_WINDOW_MS ? startMs : 0,
    open,
    reason: open ? "" : info.hint,
    thumbs: room.goods.slice(0, THUMB_COUNT).map((g) => g.coverImg),
    more: Math.max(0, room.goods.length - THUMB_COUNT),
  };
}

export function listViewFor(rooms: readonly Room[], tab: RoomTab, now: number): RoomView[] {
  return roomsForTab(rooms, tab).map((r) => toRoomView(r, now));
}

/** The room page in packageA (it shows the live entry, the subscription or the replays). */
export { roomPageUrl } from "./navigation";

/** Rooms of a later page, minus any the list already has (a new room shifts the backend's pages). */
export function mergePage(existing: readonly Room[], incoming: readonly Room[]): Room[] {
  const seen = new Set(existing.map((r) => r.roomId));
  const added = incoming.filter((r) => !seen.has(r.roomId) && seen.add(r.roomId));
  return [...existing, ...added];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The smallest setData that turns `prev` into `next` under `key`: `key[i]` for each changed or new
 * item, the whole list only when it shrinks (path keys cannot remove items), null when nothing changed.
 */
export function patchList<T>(
  key: string,
  prev: readonly T[],
  next: readonly T[],
): Record<string, T | T[]> | null {
  if (next.length < prev.length) return { [key]: [...next] };
  const patch: Record<string, T> = {};
  let changed = false;
  next.forEach((item, i) => {
    if (i < prev.length && same(prev[i], item)) return;
    patch[`${key}[${i}]`] = item;
    changed = true;
  });
  return changed ? patch : null;
}

/** Only the fields that differ, as `key[index].field` paths (a countdown flipping one card). */
export function patchItem<T extends object>(
  key: string,
  index: number,
  prev: T,
  next: T,
): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  for (const field of Object.keys(next) as Array<keyof T & string>) {
    if (!same(prev[field], next[field])) patch[`${key}[${index}].${field}`] = next[field];
  }
  return Object.keys(patch).length > 0 ? patch : null;
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

export const EMPTY_TEXT: Record<RoomTab, string> = {
  all: "还没有直播间，敬请期待",
  live: "现在没有正在直播的直播间",
  upcoming: "暂时没有直播预告",
  replay: "暂时没有可看的回放",
};
