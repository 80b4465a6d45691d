import type { LiveStatus } from "../../typings/api";

/** Visual family of a status; the room card and the room page map it to colours. */
export type StatusTone = "live" | "upcoming" | "paused" | "abnormal" | "ended" | "banned" | "expired";

export interface LiveStatusInfo {
  code: LiveStatus;
  /** Short badge text. */
  label: string;
  /** One sentence a shopper understands, for the room page and disabled cards. */
  hint: string;
  tone: StatusTone;
  /** 101: the anchor is broadcasting. */
  isLive: boolean;
  /** 102: not started yet. */
  isUpcoming: boolean;
  /** 103, 104, 107: the room can never become live again, so polling stops. */
  isTerminal: boolean;
  /** 101, 105, 106: the plugin's live page has something to show (106 recovers within 15 min). */
  canEnter: boolean;
}

export const LIVE_STATUSES: readonly LiveStatus[] = [101, 102, 103, 104, 105, 106, 107];

const TABLE: Record<
  LiveStatus,
  Omit<LiveStatusInfo, "code" | "isLive" | "isUpcoming" | "isTerminal" | "canEnter">
> = {
  101: { label: "直播中", hint: "主播正在直播，快进去看看吧", tone: "live" },
  102: { label: "预告", hint: "直播还没开始，可以先订阅开播提醒", tone: "upcoming" },
  103: { label: "已结束", hint: "直播已结束，可以看看回放", tone: "ended" },
  104: { label: "已禁播", hint: "该直播间因违规已被禁播，暂时无法观看", tone: "banned" },
  105: { label: "暂停中", hint: "主播暂停了直播，稍后会恢复", tone: "paused" },
  106: { label: "信号中断", hint: "主播网络不稳定，正在恢复中", tone: "abnormal" },
  107: { label: "已过期", hint: "该直播未按计划开播，已过期", tone: "expired" },
};

export function isLiveStatus(value: unknown): value is LiveStatus {
  return typeof value === "number" && (LIVE_STATUSES as readonly number[]).includes(value);
}

export function describeLiveStatus(code: LiveStatus): LiveStatusInfo {
  return {
    code,
    ...TABLE[code],
    isLive: code === 101,
    isUpcoming: code === 102,
    isTerminal: code === 103 || code === 104 || code === 107,
    canEnter: code === 101 || code === 105 || code === 106,
  };
}
