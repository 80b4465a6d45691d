/**
 * What the live-room page (packageA/pages/room) shows, decided here and bound in the view: the header
 * from the backend's room, and what the status allows (the page never repeats these conditions in
 * WXML). Flat primitives, so the page can diff them key by key and send only what changed. Pure. In
 * packageA/core/ because only packageA uses it (a file's folder decides which package downloads it).
 */
import type { LiveStatus, Room } from "../../../typings/api";
import { countdownTarget, describeLiveStatus, isLiveStatus, type StatusTone } from "../../core/live-status";
import { formatStartTime } from "../../core/time";

export const UNKNOWN_LABEL = "状态未知";

/** The header: the room's name, cover and anchor under the names every room view uses (room-summary.ts). */
export interface RoomHeaderView {
  name: string;
  cover: string;
  anchor: string;
  /** The anchor's initial in a circle: getliveinfo has no anchor picture. */
  initial: string;
  startText: string;
  endText: string;
}

export function roomHeaderView(room: Room, now: number): RoomHeaderView {
  return {
    name: room.name,
    cover: room.coverImg,
    anchor: room.anchorName,
    initial: Array.from(room.anchorName.trim())[0] ?? "",
    startText: room.startTime > 0 ? formatStartTime(room.startTime, now) : "",
    endText: room.endTime > 0 ? formatStartTime(room.endTime, now) : "",
  };
}

export interface RoomStatusView {
  statusCode: number;
  statusLabel: string;
  statusHint: string;
  statusTone: StatusTone | "unknown";
  /** The latest check failed; the last known status stays on screen. */
  statusUnknown: boolean;
  /** Upcoming: start time, countdown and the plugin's subscribe button. */
  upcoming: boolean;
  /** The 进入直播间 button. */
  canEnter: boolean;
  /** Ended: the replays. */
  ended: boolean;
  /** The room will never open: explain and offer the list. */
  closed: boolean;
  /** Planned start (unix ms) while a countdown makes sense, else 0. */
  countdownTarget: number;
}

/**
 * `status` is the last known one (null before any), `unknown` whether the latest check failed, `room`
 * the backend's copy once loaded (its start time drives the countdown).
 */
export function roomStatusView(
  status: LiveStatus | null,
  unknown: boolean,
  room: Pick<Room, "startTime"> | null = null,
  now = 0,
): RoomStatusView {
  if (status === null) {
    return {
      statusCode: 0,
      statusLabel: unknown ? UNKNOWN_LABEL : "查询中",
      statusHint: unknown ? "暂时查不到直播状态，稍后会自动重试" : "",
      statusTone: "unknown",
      statusUnknown: unknown,
      upcoming: false,
      canEnter: false,
      ended: false,
      closed: false,
      countdownTarget: 0,
    };
  }
  const info = describeLiveStatus(status);
  return {
    statusCode: status,
    statusLabel: info.label,
    statusHint: info.detail,
    statusTone: info.tone,
    statusUnknown: unknown,
    upcoming: info.isUpcoming,
    canEnter: info.canEnter,
    ended: info.canHaveReplays,
    closed: info.isClosed,
    countdownTarget: room ? countdownTarget(status, room.startTime * 1000, now) : 0,
  };
}

/** The room went from upcoming to on air while the shopper watched (`before`, `now`: codes shown, 0 = none). */
export function startedLive(before: number | null, now: number): boolean {
  return (
    isLiveStatus(before) &&
    isLiveStatus(now) &&
    describeLiveStatus(before).isUpcoming &&
    describeLiveStatus(now).isLive
  );
}
