/**
 * 视频号 (Channels) lives: what the base library supports, what WeChat's channels APIs answer and what
 * their errors mean, and how often we may ask. Pure: services/channels.ts feeds it `wx` answers.
 * Facts and sources: docs/channels-live.md.
 */
import type { ChannelListResponse } from "../../typings/api";
import type { Parsed } from "./contract";

/* ---------- base library versions ---------- */

/** getChannelsLiveInfo and openChannelsLive. */
export const CHANNELS_MIN_SDK = "2.15.0";
/** getChannelsLiveNoticeInfo and reserveChannelsLive. */
export const NOTICE_MIN_SDK = "2.19.0";
/** The `<channel-live>` component (same entity only), and replayStatus in the live info. */
export const EMBED_MIN_SDK = "2.29.0";

/**
 * Compares dotted versions numerically ("2.29.0" > "2.9.10"); a missing or non-numeric part counts as
 * 0. Negative when a < b, 0 when equal, positive when a > b.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = Number.parseInt(pa[i] ?? "0", 10);
    const y = Number.parseInt(pb[i] ?? "0", 10);
    const diff = (Number.isNaN(x) ? 0 : x) - (Number.isNaN(y) ? 0 : y);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** What a phone can show: `<channel-live>`, our own card, or nothing (below 2.15.0). */
export type ChannelsSupport = "embed" | "card" | "none";

export function channelsSupport(sdkVersion: string): ChannelsSupport {
  if (compareVersions(sdkVersion, EMBED_MIN_SDK) >= 0) return "embed";
  if (compareVersions(sdkVersion, CHANNELS_MIN_SDK) >= 0) return "card";
  return "none";
}

export function supportsNotice(sdkVersion: string): boolean {
  return compareVersions(sdkVersion, NOTICE_MIN_SDK) >= 0;
}

/* ---------- the shop's 视频号 ids (GET /api/channels) ---------- */

/** "sph" and letters and digits, as 视频号助手 shows them (the backend checks the same shape). */
export const FINDER_ID = /^sph[0-9A-Za-z]{4,32}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The backend's list: malformed or repeated ids are dropped (and counted), never shown. */
export function parseChannelList(raw: unknown): Parsed<ChannelListResponse> | null {
  if (!isObject(raw) || !Array.isArray(raw.channels)) return null;
  if (typeof raw.updatedAt !== "number" || !Number.isSafeInteger(raw.updatedAt)) return null;
  const seen = new Set<string>();
  const channels: ChannelListResponse["channels"] = [];
  for (const item of raw.channels) {
    const id = isObject(item) ? item.finderUserName : undefined;
    if (typeof id === "string" && FINDER_ID.test(id) && !seen.has(id)) {
      seen.add(id);
      channels.push({ finderUserName: id });
    }
  }
  return {
    value: { channels, updatedAt: raw.updatedAt, stale: raw.stale === true },
    dropped: raw.channels.length - channels.length,
  };
}

/* ---------- what wx.getChannelsLiveInfo / wx.getChannelsLiveNoticeInfo answer ---------- */

/** 1 never streamed, 2 live, 3 ended, 4 preparing. */
export type ChannelLiveStatus = 1 | 2 | 3 | 4;
/** 0 none, 1 ready, 3 generating, 6 expired (base library 2.29.0+; absent before). */
export type ReplayStatus = 0 | 1 | 3 | 6;

export interface ChannelLiveInfo {
  feedId: string;
  nonceId: string;
  description: string;
  status: ChannelLiveStatus;
  headUrl: string;
  nickname: string;
  replayStatus: ReplayStatus | null;
}

/** 0 usable, 1 cancelled, 2 used. */
export type NoticeStatus = 0 | 1 | 2;

export interface ChannelNotice {
  noticeId: string;
  status: NoticeStatus;
  /** Unix seconds, or null when WeChat sent something that is not a time. */
  startTime: number | null;
  reservable: boolean;
  nickname: string;
  headUrl: string;
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * A number WeChat may send as a string: the docs type replayStatus as a string and Taro as a number,
 * so both are accepted (docs/channels-live.md, "Live info").
 */
function loose(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return null;
}

function oneOf<T extends number>(v: unknown, allowed: readonly T[]): T | null {
  const n = loose(v);
  return n !== null && (allowed as readonly number[]).includes(n) ? (n as T) : null;
}

/** The success result of getChannelsLiveInfo, or null when it has no usable status. */
export function parseLiveInfo(raw: unknown): ChannelLiveInfo | null {
  if (!isObject(raw)) return null;
  const status = oneOf<ChannelLiveStatus>(raw.status, [1, 2, 3, 4]);
  if (status === null) return null;
  return {
    feedId: text(raw.feedId),
    nonceId: text(raw.nonceId),
    description: text(raw.description),
    status,
    headUrl: text(raw.headUrl),
    nickname: text(raw.nickname),
    replayStatus: oneOf<ReplayStatus>(raw.replayStatus, [0, 1, 3, 6]),
  };
}

/** The success result of getChannelsLiveNoticeInfo, or null without a notice id. */
export function parseNotice(raw: unknown): ChannelNotice | null {
  if (!isObject(raw) || typeof raw.noticeId !== "string" || raw.noticeId === "") return null;
  const start = loose(raw.startTime);
  return {
    noticeId: raw.noticeId,
    status: oneOf<NoticeStatus>(raw.status, [0, 1, 2]) ?? 0,
    startTime: start !== null && start > 0 ? start : null,
    reservable: raw.reservable === true,
    nickname: text(raw.nickname),
    headUrl: text(raw.headUrl),
  };
}

/* ---------- errors ---------- */

/**
 * What a failed getChannelsLiveInfo means for the card:
 * - "hidden": this 视频号 cannot be shown by this mini-program (not verified, another entity, a bad
 *   id or parameters): shoppers never see the card; the operator is told in develop/trial builds;
 * - "empty": 1416104, no live data: the card says 暂无直播;
 * - "transient": anything else (a failed fetch, the network): the last good answer stays.
 */
export type ChannelErrorKind = "hidden" | "empty" | "transient";

export const CHANNEL_ERRORS: Readonly<Record<number, { kind: ChannelErrorKind; meaning: string }>> = {
  100008: { kind: "hidden", meaning: "视频号未认证，或与小程序不是同一主体/关联主体" },
  1416100: { kind: "hidden", meaning: "视频号 id 无效（检查是否多了空格）" },
  40097: { kind: "hidden", meaning: "参数有误（视频号 id 格式）" },
  1416102: { kind: "hidden", meaning: "直播 feedId 无效" },
  1416103: { kind: "hidden", meaning: "主体校验未通过" },
  1416104: { kind: "empty", meaning: "视频号没有直播数据" },
  1416101: { kind: "transient", meaning: "获取直播信息失败" },
  [-14]: { kind: "hidden", meaning: "开发者工具不支持视频号接口，请用真机预览" },
};

export function classifyChannelError(code: number): ChannelErrorKind {
  return CHANNEL_ERRORS[code]?.kind ?? "transient";
}

/* ---------- the one-call-per-minute rule ---------- */

/**
 * WeChat asks for the channels calls to be rate-limited on the device: at most one info and one notice
 * call per 视频号 per minute, failures included (docs/channels-live.md).
 */
export const CALL_GAP_MS = 60_000;

/** Whether a call may go out now; a clock that went backwards does not block calls forever. */
export function isCallDue(lastCallAt: number, now: number): boolean {
  return lastCallAt <= 0 || now - lastCallAt >= CALL_GAP_MS || lastCallAt > now;
}
