/**
 * Rooms' official 小程序码 for the console: fetched with getsharedcode through the server's token service,
 * kept in the store for a week (every instance shares them; a room's code does not change), counted
 * against the console's own daily budget (ADMIN_SHARECODE_DAILY_QUOTA), and the image downloaded once
 * per instance and served from our own origin (the console's CSP loads images from itself only).
 */
import type { Logger } from "pino";
import { isFiniteNumber, isRecord } from "../cache/checks";
import { shanghaiDay } from "../quota/governor";
import { isCount } from "../store/store";
import type { Store } from "../store/store";
import { NO_LIVE_PERMISSION_ERRCODE, TOKEN_ERRCODES } from "../wechat/errors";
import { ShareCodeError, downloadCodeImage, fetchSharedCode } from "../wechat/share-code";
import type { CodeImage, ShareCodeDeps, SharedCode } from "../wechat/share-code";

export type CodeResult = { ok: true; code: SharedCode; fetchedAt: number } | { ok: false; reason: string };

interface Cached {
  code: SharedCode;
  fetchedAt: number;
}

const KEPT_MS = 7 * 86_400_000;
const IMAGES_KEPT = 64;
const DAY_MS = 86_400_000;

const isCached = (v: unknown): v is Cached =>
  isRecord(v) &&
  isFiniteNumber(v.fetchedAt) &&
  isRecord(v.code) &&
  typeof v.code.cdnUrl === "string" &&
  /^https?:\/\//.test(v.code.cdnUrl) &&
  typeof v.code.pagePath === "string" &&
  (v.code.posterUrl === undefined || typeof v.code.posterUrl === "string");

/** Why getsharedcode failed, for the operator. */
function reasonInWords(err: unknown): string {
  if (!(err instanceof ShareCodeError)) return "获取失败：服务器内部错误，详见服务器日志";
  if (err.errcode === 300022) return "微信说没有这个直播间（300022）";
  if (err.errcode === NO_LIVE_PERMISSION_ERRCODE)
    return "没有直播权限（48001）：请在小程序后台开通「小程序直播」";
  if (err.errcode !== undefined && TOKEN_ERRCODES.has(err.errcode)) {
    return `微信拒绝了 access_token（${err.errcode}）`;
  }
  return `获取失败：${err.message}`;
}

export interface ShareCodesOptions {
  store: Store;
  deps: ShareCodeDeps;
  now: () => number;
  dailyQuota: number;
  log: Logger;
}

export class ShareCodes {
  private readonly inflight = new Map<number, Promise<CodeResult>>();
  private readonly images = new Map<string, CodeImage>();

  constructor(private readonly o: ShareCodesOptions) {}

  private quotaKey(): string {
    return `console:sharecode-quota:${shanghaiDay(this.o.now())}`;
  }

  /** getsharedcode calls the console made today (every instance). */
  async usedToday(): Promise<number> {
    return (await this.o.store.get(this.quotaKey(), isCount)) ?? 0;
  }

  /** The room's code from the store, or fetched now if today's budget allows; one fetch per room at a time. */
  async code(roomId: number): Promise<CodeResult> {
    const cached = await this.o.store.get(`console:sharecode:${roomId}`, isCached);
    if (cached) return { ok: true, ...cached };
    let pending = this.inflight.get(roomId);
    if (!pending) {
      pending = this.fetch(roomId).finally(() => this.inflight.delete(roomId));
      this.inflight.set(roomId, pending);
    }
    return pending;
  }

  private async fetch(roomId: number): Promise<CodeResult> {
    const { store, dailyQuota, now, log } = this.o;
    if ((await this.usedToday()) >= dailyQuota) {
      return { ok: false, reason: `今天的小程序码额度（${dailyQuota} 次）已用完，北京时间零点后恢复` };
    }
    await store.incrBy(this.quotaKey(), 1, 2 * DAY_MS);
    try {
      const code = await fetchSharedCode(this.o.deps, roomId);
      const cached: Cached = { code, fetchedAt: now() };
      await store.set(`console:sharecode:${roomId}`, cached, KEPT_MS);
      return { ok: true, ...cached };
    } catch (err) {
      log.warn({ roomId, err: (err as Error).message }, "console: getsharedcode failed");
      return { ok: false, reason: reasonInWords(err) };
    }
  }

  /** The code image of a room whose code is known; undefined when it is not (or cannot be downloaded). */
  async image(roomId: number): Promise<CodeImage | undefined> {
    const cached = await this.o.store.get(`console:sharecode:${roomId}`, isCached);
    if (!cached) return undefined;
    const url = cached.code.cdnUrl;
    const kept = this.images.get(url);
    if (kept) return kept;
    try {
      const image = await downloadCodeImage(this.o.deps, url);
      if (this.images.size >= IMAGES_KEPT) this.images.delete(this.images.keys().next().value ?? "");
      this.images.set(url, image);
      return image;
    } catch (err) {
      this.o.log.warn({ roomId, err: (err as Error).message }, "console: share code image download failed");
      // a CDN address that is gone (4xx): forget the code so the next view fetches a new one
      const status = err instanceof ShareCodeError ? (err.status ?? 0) : 0;
      if (status >= 400 && status < 500) await this.o.store.del(`console:sharecode:${roomId}`);
      return undefined;
    }
  }
}
