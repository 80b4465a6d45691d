/**
 * What the live-room page shows for a status, decided once here and bound in the view (the page never
 * repeats these conditions in WXML). Pure: no `wx`.
 */
import type { LiveStatus } from "../../typings/api";
import { describeLiveStatus, type StatusTone } from "./live-status";

export const UNKNOWN_LABEL = "状态未知";

/** Flat primitives so the page can diff them key by key and send only what changed. */
export interface RoomStatusView {
  statusCode: number;
  statusLabel: string;
  statusHint: string;
  statusTone: StatusTone | "unknown";
  /** The latest check failed; the last known status stays on screen. */
  statusUnknown: boolean;
  /** 102: start time, countdown and the plugin's subscribe button. */
  upcoming: boolean;
  /** 101/105/106: the 进入直播间 button. */
  canEnter: boolean;
  /** 103: replays. */
  ended: boolean;
  /** 104/107: the room will never open; explain and offer the list. */
  closed: boolean;
}

const CLOSED_HINT: Partial<Record<LiveStatus, string>> = {
  104: "该直播间因违规已被禁播，无法观看直播和回放。去看看其他正在进行的直播吧。",
  107: "主播没有在计划时间内开播，这场直播已过期，不会再开始了。去看看其他直播吧。",
};

/** `status` is the last known (null before any), `unknown` whether the latest check failed. */
export function roomStatusView(status: LiveStatus | null, unknown: boolean): RoomStatusView {
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
    };
  }
  const info = describeLiveStatus(status);
  return {
    statusCode: status,
    statusLabel: info.label,
    statusHint: CLOSED_HINT[status] ?? info.hint,
    statusTone: info.tone,
    statusUnknown: unknown,
    upcoming: info.isUpcoming,
    canEnter: info.canEnter,
    ended: status === 103,
    closed: status === 104 || status === 107,
  };
}

/** The keys of `next` whose values differ from `current` (primitives compared by value). */
export function changedFields<T extends object>(current: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (current[key] !== next[key]) out[key] = next[key];
  }
  return out;
}
