/**
 * WeChat's seven room statuses and every rule about them, each written once, here: what a status is
 * called and how it looks, whether the live page can be entered, whether the room is over for good,
 * whether it can have replays, whether anything can be opened at all, and when a countdown shows.
 * The list, the room page, the goods page, the back-to-live button and the poller ask this module
 * instead of naming codes (docs/wechat-live.md, "Room statuses and getLiveStatus"). Pure: no `wx`.
 *
 * The one rule the backend applies too (only an ended room can have replays) is the shared type
 * `ReplayCapableStatus` in typings/api.d.ts: the `replays` column below is typed by it, and so is the
 * server's replay guard, so neither side compiles if it disagrees with the other.
 */
import type { LiveStatus, ReplayCapableStatus } from "../../typings/api";

/** Visual family of a status; the room card and the room page map it to colours. */
export type StatusTone = "live" | "upcoming" | "paused" | "abnormal" | "ended" | "banned" | "expired";

interface StatusRow<S extends LiveStatus> {
  /** Short badge text. */
  label: string;
  /** One sentence a shopper understands, for the room page and disabled cards. */
  hint: string;
  /** The room page's longer word where the hint is not enough (a room that will never open). */
  detail?: string;
  tone: StatusTone;
  /** The anchor is broadcasting right now. */
  onAir: boolean;
  /** Not started yet: a start time, a countdown, the subscribe button. */
  upcoming: boolean;
  /** The plugin's live page has something to show (106 recovers within 15 min). */
  enter: boolean;
  /** WeChat records replays of this status only (typings/api.d.ts ReplayCapableStatus). */
  replays: S extends ReplayCapableStatus ? true : false;
  /** Never watchable again, and no replays either: nothing to open. */
  closed: boolean;
}

const RULES: { [S in LiveStatus]: StatusRow<S> } = {
  101: {
    label: "直播中",
    hint: "主播正在直播，快进去看看吧",
    tone: "live",
    onAir: true,
    upcoming: false,
    enter: true,
    replays: false,
    closed: false,
  },
  102: {
    label: "预告",
    hint: "直播还没开始，可以先订阅开播提醒",
    tone: "upcoming",
    onAir: false,
    upcoming: true,
    enter: false,
    replays: false,
    closed: false,
  },
  103: {
    label: "已结束",
    hint: "直播已结束，可以看看回放",
    tone: "ended",
    onAir: false,
    upcoming: false,
    enter: false,
    replays: true,
    closed: false,
  },
  104: {
    label: "已禁播",
    hint: "该直播间因违规已被禁播，暂时无法观看",
    detail: "该直播间因违规已被禁播，无法观看直播和回放。去看看其他正在进行的直播吧。",
    tone: "banned",
    onAir: false,
    upcoming: false,
    enter: false,
    replays: false,
    closed: true,
  },
  105: {
    label: "暂停中",
    hint: "主播暂停了直播，稍后会恢复",
    tone: "paused",
    onAir: false,
    upcoming: false,
    enter: true,
    replays: false,
    closed: false,
  },
  106: {
    label: "信号中断",
    hint: "主播网络不稳定，正在恢复中",
    tone: "abnormal",
    onAir: false,
    upcoming: false,
    enter: true,
    replays: false,
    closed: false,
  },
  107: {
    label: "已过期",
    hint: "该直播未按计划开播，已过期",
    detail: "主播没有在计划时间内开播，这场直播已过期，不会再开始了。去看看其他直播吧。",
    tone: "expired",
    onAir: false,
    upcoming: false,
    enter: false,
    replays: false,
    closed: true,
  },
};

export interface LiveStatusInfo {
  code: LiveStatus;
  label: string;
  hint: string;
  /** The hint, or the longer word the room page gives a room that will never open. */
  detail: string;
  tone: StatusTone;
  /** 101: the anchor is broadcasting. */
  isLive: boolean;
  /** 102: not started yet. */
  isUpcoming: boolean;
  /** 101, 105, 106: the 进入直播间 button, the 直播中 tab. */
  canEnter: boolean;
  /** 103: the room may have replays (unless the merchant turned them off, see replays.ts). */
  canHaveReplays: boolean;
  /** 104 banned, 107 expired: nothing to watch, ever; cards cannot be opened. */
  isClosed: boolean;
  /** 103, 104, 107: the room can never become live again, so polling stops. */
  isTerminal: boolean;
}

export const LIVE_STATUSES: readonly LiveStatus[] = [101, 102, 103, 104, 105, 106, 107];

export function isLiveStatus(value: unknown): value is LiveStatus {
  return typeof value === "number" && (LIVE_STATUSES as readonly number[]).includes(value);
}

export function describeLiveStatus(code: LiveStatus): LiveStatusInfo {
  const row: StatusRow<LiveStatus> = RULES[code];
  return {
    code,
    label: row.label,
    hint: row.hint,
    detail: row.detail ?? row.hint,
    tone: row.tone,
    isLive: row.onAir,
    isUpcoming: row.upcoming,
    canEnter: row.enter,
    canHaveReplays: row.replays,
    isClosed: row.closed,
    // over for good: ended (replays may follow) or closed (nothing follows)
    isTerminal: row.replays || row.closed,
  };
}

/** Countdowns are shown for upcoming rooms starting within this window. */
export const COUNTDOWN_WINDOW_MS = 24 * 3600 * 1000;

/**
 * An upcoming room whose start time has passed: WeChat keeps a room at 102 until the anchor really
 * starts, so it is due, not late.
 */
export function isDue(status: LiveStatus, startMs: number, now: number): boolean {
  return describeLiveStatus(status).isUpcoming && startMs <= now;
}

/** What a countdown counts to: the start (unix ms) of an upcoming room due within 24 h, else 0. */
export function countdownTarget(status: LiveStatus, startMs: number, now: number): number {
  const remaining = startMs - now;
  return describeLiveStatus(status).isUpcoming && remaining > 0 && remaining <= COUNTDOWN_WINDOW_MS
    ? startMs
    : 0;
}
