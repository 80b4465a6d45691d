/**
 * Thin adapters over WeChat's 视频号 APIs (none of them is promise-style) and the device's memory of
 * them. `wx` is touched only when a function is called. Rules live in core/channels*.ts; facts in
 * docs/channels-live.md.
 */
import { parseLiveInfo, parseNotice, type ChannelLiveInfo, type ChannelNotice } from "../core/channels";
import {
  EMPTY_RECORD,
  pruneReservations,
  type ChannelRecord,
  type Reservations,
} from "../core/channels-view";
import { readCache, writeCache } from "./storage-cache";

/** A failed channels call: WeChat's error code (-1 when it gave none) and message. */
export class ChannelsCallError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg || `channels call failed (${errCode})`);
    this.name = "ChannelsCallError";
  }
}

function callError(raw: unknown): ChannelsCallError {
  const err = (typeof raw === "object" && raw !== null ? raw : {}) as {
    errCode?: unknown;
    err_code?: unknown;
    errno?: unknown;
    errMsg?: unknown;
  };
  const code = [err.errCode, err.err_code, err.errno].find((c) => typeof c === "number");
  return new ChannelsCallError(
    typeof code === "number" ? code : -1,
    typeof err.errMsg === "string" ? err.errMsg : "",
  );
}

/** The base library version ("3.4.0"): getAppBaseInfo from 2.25.3, getSystemInfoSync before it. */
export function sdkVersion(): string {
  try {
    if (typeof wx.getAppBaseInfo === "function") return wx.getAppBaseInfo().SDKVersion;
  } catch {
    // fall through to the older API
  }
  try {
    return wx.getSystemInfoSync().SDKVersion;
  } catch {
    return "0.0.0";
  }
}

/** wx.getChannelsLiveInfo (2.15.0): the newest live of a 视频号. Rejects with ChannelsCallError. */
export function getChannelsLiveInfo(finderUserName: string): Promise<ChannelLiveInfo> {
  return new Promise((resolve, reject) => {
    wx.getChannelsLiveInfo({
      finderUserName,
      success: (res) => {
        const info = parseLiveInfo(res);
        if (info) resolve(info);
        else reject(new ChannelsCallError(-1, "getChannelsLiveInfo: no usable status in the answer"));
      },
      fail: (err) => reject(callError(err)),
    });
  });
}

/**
 * wx.getChannelsLiveNoticeInfo (2.19.0): the next notice, or null. WeChat fails the call when there
 * is no reservable notice, so a failure is "no notice" rather than an error.
 */
export function getChannelsLiveNotice(finderUserName: string): Promise<ChannelNotice | null> {
  return new Promise((resolve) => {
    wx.getChannelsLiveNoticeInfo({
      finderUserName,
      success: (res) => resolve(parseNotice(res)),
      fail: () => resolve(null),
    });
  });
}

/**
 * wx.openChannelsLive (2.15.0). WeChat accepts it only while handling the shopper's tap, so call it
 * synchronously from a tap handler with info fetched beforehand (never after an await). WeChat then
 * asks the shopper to confirm; resolves when the 视频号 opened.
 */
export function openChannelsLive(target: {
  finderUserName: string;
  feedId: string;
  nonceId: string;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openChannelsLive({
      finderUserName: target.finderUserName,
      feedId: target.feedId,
      nonceId: target.nonceId,
      success: () => resolve(),
      fail: (err) => reject(callError(err)),
    });
  });
}

/**
 * wx.reserveChannelsLive (2.19.0): opens WeChat's reservation popup; resolves with its `state` (1–10,
 * core/channels-view RESERVE_OUTCOMES), rejects when the popup could not open. Called from the tap
 * handler too: it shows a popup.
 */
export function reserveChannelsLive(noticeId: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.reserveChannelsLive({
      noticeId,
      success: (res) => resolve((res as unknown as { state?: unknown }).state),
      fail: (err) => reject(callError(err)),
    });
  });
}

/* ---------- what the device remembers (services/storage-cache) ---------- */

const recordKey = (finderUserName: string): string => `channels:live:${finderUserName}`;
export const RESERVATIONS_KEY = "channels:reserved";

const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

function parseRecord(raw: unknown): ChannelRecord | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isTime(r.infoAt) || !isTime(r.noticeAt)) return null;
  return {
    infoAt: r.infoAt,
    info: r.info === null ? null : parseLiveInfo(r.info),
    infoError: typeof r.infoError === "number" ? r.infoError : null,
    noticeAt: r.noticeAt,
    notice: r.notice === null ? null : parseNotice(r.notice),
  };
}

export function readRecord(finderUserName: string): ChannelRecord {
  return readCache(recordKey(finderUserName), parseRecord)?.value ?? { ...EMPTY_RECORD };
}

export function writeRecord(finderUserName: string, record: ChannelRecord, now: number): void {
  writeCache(recordKey(finderUserName), record, null, now);
}

function parseReservations(raw: unknown): Reservations | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const out: Reservations = {};
  for (const [id, until] of Object.entries(raw as Record<string, unknown>))
    if (isTime(until)) out[id] = until;
  return out;
}

export function readReservations(now: number): Reservations {
  return pruneReservations(readCache(RESERVATIONS_KEY, parseReservations)?.value ?? {}, now);
}

export function writeReservations(list: Reservations, now: number): void {
  writeCache(RESERVATIONS_KEY, list, null, now);
}
