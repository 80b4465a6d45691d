/**
 * The typed adapter over `requirePlugin("live-player-plugin")` (docs/wechat-live.md). The plugin is
 * declared in packageA, so only packageA code may import this. `requirePlugin` is called on use, never
 * at import time, so importing this module needs no plugin.
 *
 * We keep our own record of when getLiveStatus was last called per room, in storage: the plugin
 * answers a call made within 60 s of the previous one with a promise that never settles, and its own
 * timestamp key is an internal detail we do not read.
 */
import type { LiveStatus, LivePlayerPlugin } from "../../../typings/live-player-plugin";
import { describeLiveStatus, isLiveStatus } from "../../core/live-status";
import { parseRoomId, parseCustomParams } from "../../core/query";
import type { CustomParams } from "../../core/custom-params";

/** The plugin's minimum gap between two getLiveStatus calls for one room. */
export const STATUS_CALL_GAP_MS = 60_000;
const CALLS_KEY = "live-status-calls:v1";
const OPENID_KEY = "live-viewer-openid:v1";
const KNOWN_KEY = "live-status-known:v1";
/** How long an answer stays good enough to show before the next allowed call. */
export const KNOWN_STATUS_MAX_AGE_MS = 2 * STATUS_CALL_GAP_MS;
/** Terminal answers are kept for good, so the record is capped. */
const KNOWN_MAX_ROOMS = 50;

export class StatusTooSoonError extends Error {
  constructor(readonly waitMs: number) {
    super(`getLiveStatus was called less than 60 s ago; wait ${waitMs} ms`);
    this.name = "StatusTooSoonError";
  }
}

function plugin(): LivePlayerPlugin {
  return requirePlugin("live-player-plugin") as LivePlayerPlugin;
}

function readCalls(): Record<string, number> {
  try {
    const raw: unknown = wx.getStorageSync(CALLS_KEY);
    if (typeof raw !== "object" || raw === null) return {};
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
    }
    return out;
  } catch {
    return {};
  }
}

/** When we last called getLiveStatus for this room (unix ms), from any page or launch; null if never. */
export function lastStatusCallAt(roomId: number): number | null {
  return readCalls()[String(roomId)] ?? null;
}

/** Records a call; entries older than the gap are pruned, since they no longer hold anything back. */
export function recordStatusCall(roomId: number, at: number): void {
  const calls = readCalls();
  const kept: Record<string, number> = {};
  for (const [key, value] of Object.entries(calls)) {
    if (at - value < STATUS_CALL_GAP_MS) kept[key] = value;
  }
  kept[String(roomId)] = at;
  try {
    wx.setStorageSync(CALLS_KEY, kept);
  } catch (err) {
    console.warn("status call record failed", err);
  }
}

/**
 * The room's raw status code (101–107, or 0/anything else for a room the plugin does not know).
 * Refuses (rejects at once) a call within 60 s of our last one instead of hanging like the plugin.
 * It does not time out by itself: callers race it against their own timer.
 */
export function getLiveStatus(roomId: number, now: () => number = Date.now): Promise<number> {
  const last = lastStatusCallAt(roomId);
  const at = now();
  if (last !== null && at - last < STATUS_CALL_GAP_MS && at >= last) {
    return Promise.reject(new StatusTooSoonError(STATUS_CALL_GAP_MS - (at - last)));
  }
  let pending: Promise<{ liveStatus: number }>;
  try {
    pending = plugin().getLiveStatus({ room_id: roomId });
  } catch (err) {
    return Promise.reject(err);
  }
  // Recorded after the plugin stamped its own time, so our gap is never shorter than the plugin's.
  recordStatusCall(roomId, now());
  return pending.then((res) => {
    const code: unknown = res?.liveStatus;
    if (isLiveStatus(code)) rememberStatus(roomId, code, now());
    return typeof code === "number" ? code : Number.NaN;
  });
}

type KnownStatuses = Record<string, { status: LiveStatus; at: number }>;

function readKnown(): KnownStatuses {
  try {
    const raw: unknown = wx.getStorageSync(KNOWN_KEY);
    if (typeof raw !== "object" || raw === null) return {};
    const out: KnownStatuses = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const entry = value as { status?: unknown; at?: unknown } | null;
      if (entry && isLiveStatus(entry.status) && typeof entry.at === "number") {
        out[key] = { status: entry.status, at: entry.at };
      }
    }
    return out;
  } catch {
    return {};
  }
}

/** Keeps the plugin's latest answer per room, so a page reopened within the 60 s gap can show it. */
function rememberStatus(roomId: number, status: LiveStatus, at: number): void {
  const entries = Object.entries(readKnown())
    .filter(([key, value]) => key !== String(roomId) && isStillTrue(value, at))
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, KNOWN_MAX_ROOMS - 1);
  const kept: KnownStatuses = Object.fromEntries(entries);
  kept[String(roomId)] = { status, at };
  try {
    wx.setStorageSync(KNOWN_KEY, kept);
  } catch (err) {
    console.warn("status record failed", err);
  }
}

/**
 * The plugin's latest answer for the room if it is recent, else null. A terminal answer (103/104/107)
 * never changes, so it is good whatever its age.
 */
export function recentStatus(roomId: number, now: number = Date.now()): LiveStatus | null {
  const entry = readKnown()[String(roomId)];
  return entry && isStillTrue(entry, now) ? entry.status : null;
}

function isStillTrue(entry: { status: LiveStatus; at: number }, now: number): boolean {
  if (entry.at > now) return false;
  return describeLiveStatus(entry.status).isTerminal || now - entry.at < KNOWN_STATUS_MAX_AGE_MS;
}

export interface ShareParams {
  roomId: number | null;
  /** The viewer's own openid. */
  openid: string;
  /** Who shared the card: an openid, turned into a sharer id before it is kept anywhere. */
  shareOpenid: string;
  customParams: CustomParams | null;
}

/** Share parameters; rejects for entries the plugin has none for (normal: see share-params.ts). */
export async function getShareParams(): Promise<ShareParams> {
  const res = await plugin().getShareParams();
  return {
    roomId: parseRoomId(res?.room_id),
    openid: typeof res?.openid === "string" ? res.openid : "",
    shareOpenid: typeof res?.share_openid === "string" ? res.share_openid : "",
    customParams: parseCustomParams(res?.custom_params),
  };
}

export async function getSubscribeStatus(roomId: number): Promise<boolean> {
  const res = await plugin().getSubscribeStatus({ room_id: roomId });
  return res?.is_subscribe === true;
}

const OPENID_PATTERN = /^[\w-]{1,64}$/;

/** The viewer's openid as last seen (share params, subscribe events, getOpenid), or null. */
export function knownViewerOpenid(): string | null {
  try {
    const raw: unknown = wx.getStorageSync(OPENID_KEY);
    return typeof raw === "string" && OPENID_PATTERN.test(raw) ? raw : null;
  } catch {
    return null;
  }
}

export function rememberViewerOpenid(openid: unknown): void {
  if (typeof openid !== "string" || !OPENID_PATTERN.test(openid)) return;
  try {
    wx.setStorageSync(OPENID_KEY, openid);
  } catch (err) {
    console.warn("openid record failed", err);
  }
}

/** The viewer's openid from the plugin (a number room id, docs/wechat-live.md "Share params"). */
export async function fetchViewerOpenid(roomId: number): Promise<string> {
  const res = await plugin().getOpenid({ room_id: roomId });
  if (typeof res?.openid !== "string" || !OPENID_PATTERN.test(res.openid)) throw new Error("no openid");
  rememberViewerOpenid(res.openid);
  return res.openid;
}
