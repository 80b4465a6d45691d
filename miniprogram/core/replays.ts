/**
 * Replays of an ended room (GET /api/rooms/:id/replays): which to offer and how to name them.
 * WeChat's times arrive in more than one format, so parsing is defensive and never throws. Pure.
 */
import type { Replay, Room } from "../../typings/api";
import { describeLiveStatus } from "./live-status";
import { zh } from "./time";

/** Only an ended room can have replays, and not when the merchant turned them off (closeReplay = 1). */
export function mayHaveReplays(room: Pick<Room, "liveStatus" | "closeReplay">): boolean {
  return describeLiveStatus(room.liveStatus).canHaveReplays && room.closeReplay !== 1;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** WeChat's times without a zone are Beijing time, whatever the phone's zone. */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** Unix ms from "2020-11-11T16:12:23+08:00", "2020-11-11 16:12:23" (Beijing) or unix s/ms; else null. */
export function parseWechatTime(raw: unknown): number | null {
  if (typeof raw === "number") return toMs(raw);
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (/^\d{9,13}$/.test(text)) return toMs(Number(text));
  if (ISO_WITH_ZONE.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  const m = LOCAL.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject rollovers such as 2月31日.
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc - BEIJING_OFFSET_MS;
}

function toMs(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return value < 1e11 ? value * 1000 : value;
}

export interface ReplayItem {
  url: string;
  title: string;
  /** "11月11日 16:12 录制", or "" when the time is unreadable. */
  subtitle: string;
}

/**
 * Playable replays, oldest first (the order they were recorded in). A link whose expiry has passed is
 * left out; one whose expiry cannot be read is kept, since hiding a working replay is worse.
 */
export function playableReplays(replays: readonly Replay[], nowMs: number): ReplayItem[] {
  const seen = new Set<string>();
  const kept = replays
    .filter((r) => {
      if (!/^https?:\/\//.test(r.mediaUrl) || seen.has(r.mediaUrl)) return false;
      seen.add(r.mediaUrl);
      const expires = parseWechatTime(r.expireTime);
      return expires === null || expires > nowMs;
    })
    .map((r) => ({ replay: r, created: parseWechatTime(r.createTime) }));
  kept.sort((a, b) => (a.created ?? Infinity) - (b.created ?? Infinity));
  return kept.map(({ replay, created }, i) => ({
    url: replay.mediaUrl,
    title: kept.length > 1 ? `回放 ${i + 1}` : "直播回放",
    subtitle: created === null ? "" : `${zh(created).format("M月D日 HH:mm")} 录制`,
  }));
}
