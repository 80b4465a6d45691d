import { randomBytes } from "node:crypto";
import { shanghaiDay } from "../quota/governor";
import { SAMPLE_GOODS, generatedRooms, sampleRooms } from "./sample-data";
import type { EmuRoom } from "./sample-data";

export type EmuApi = "token" | "stable_token" | "getliveinfo" | "get_replay" | "getsharedcode";
export const EMU_APIS: EmuApi[] = ["token", "stable_token", "getliveinfo", "get_replay", "getsharedcode"];

/** One injected failure. Effects combine: the delay comes first, then at most one of status/badJson/reset/errcode. */
export interface Fault {
  /** Which API it hits; "*" hits all. */
  api: EmuApi | "*";
  /** How many calls it affects (default 1), or "always" until cleared. */
  times: number | "always";
  delayMs?: number;
  /** Answer with this HTTP status (e.g. 500) and a plain-text body. */
  status?: number;
  /** Answer 200 with a truncated JSON body. */
  badJson?: boolean;
  /** Destroy the connection without answering. */
  reset?: boolean;
  /** Answer 200 with this errcode. */
  errcode?: number;
  errmsg?: string;
}

interface IssuedToken {
  family: "stable" | "classic";
  expiresAt: number;
}

export interface EmulatorConfig {
  appId: string;
  appSecret: string;
  dailyQuota: number;
  tokenTtlSeconds: number;
  /**
   * false: the appid has no live permission (the live feature was never granted, or was withdrawn),
   * and every live API answers 48001 "api unauthorized", as WeChat does.
   */
  livePermission: boolean;
}

export const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  1: "未创建直播间",
  40001: "invalid credential, access_token is invalid or not latest",
  40013: "invalid appid",
  40125: "invalid appsecret",
  41001: "access_token missing",
  41002: "appid missing",
  41004: "appsecret missing",
  42001: "access_token expired",
  45009: "reach max api daily quota limit",
  47001: "data format error",
  48001: "api unauthorized",
  9410000: "empty room list",
  300022: "此房间号不存在",
};

const REPLAY_DELAY_S = 600; // WeChat generates replays about 10 minutes after a room ends

/** Everything the emulator knows; mutated by API calls and the admin endpoints. */
export class EmulatorState {
  offsetMs = 0;
  t0: number;
  rooms: EmuRoom[];
  faults: Fault[] = [];
  calls = new Map<EmuApi, number>();
  answers = new Map<string, number>();
  listPasses = 0;
  tokensIssued = 0;
  private tokens = new Map<string, IssuedToken>();
  private stableToken?: string;
  private quotaDay = "";
  private quotaUsed = 0;

  constructor(
    readonly config: EmulatorConfig,
    private readonly baseNow: () => number,
    roomCount?: number,
  ) {
    this.t0 = this.nowSeconds();
    this.rooms = roomCount === undefined ? sampleRooms(this.t0) : generatedRooms(this.t0, roomCount);
  }

  nowMs(): number {
    return this.baseNow() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  reset(): void {
    this.t0 = this.nowSeconds();
    this.rooms = sampleRooms(this.t0);
    this.faults = [];
    this.calls.clear();
    this.answers.clear();
    this.listPasses = 0;
    this.tokensIssued = 0;
    this.tokens.clear();
    this.stableToken = undefined;
    this.quotaDay = "";
    this.quotaUsed = 0;
  }

  count(api: EmuApi): void {
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1);
  }

  answered(api: EmuApi, outcome: string | number): void {
    const key = `${api} ${outcome}`;
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  /** The first matching fault, used up by one call. */
  takeFault(api: EmuApi): Fault | undefined {
    const index = this.faults.findIndex((f) => f.api === "*" || f.api === api);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.times !== "always") {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }

  private issue(family: IssuedToken["family"]): { access_token: string; expires_in: number } {
    const token = `${this.tokensIssued + 90}_${randomBytes(96).toString("base64url")}`;
    const ttl = this.config.tokenTtlSeconds;
    this.tokens.set(token, { family, expiresAt: this.nowMs() + ttl * 1000 });
    this.tokensIssued += 1;
    return { access_token: token, expires_in: ttl };
  }

  /** cgi-bin/token: always a new token; the previous ones stay valid for 5 more minutes. */
  classicToken(): { access_token: string; expires_in: number } {
    const graceEnd = this.nowMs() + 300_000;
    for (const t of this.tokens.values()) {
      if (t.family === "classic") t.expiresAt = Math.min(t.expiresAt, graceEnd);
    }
    return this.issue("classic");
  }

  /** cgi-bin/stable_token: the same token while it has over 5 minutes left, unless forced. */
  stableTokenFor(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const current = this.stableToken ? this.tokens.get(this.stableToken) : undefined;
    if (this.stableToken && current && !forceRefresh && current.expiresAt - this.nowMs() > 300_000) {
      return {
        access_token: this.stableToken,
        expires_in: Math.floor((current.expiresAt - this.nowMs()) / 1000),
      };
    }
    if (forceRefresh && this.stableToken) this.tokens.delete(this.stableToken);
    const issued = this.issue("stable");
    this.stableToken = issued.access_token;
    return issued;
  }

  /** 0 when the token is good, else the errcode WeChat would answer. */
  checkToken(token: string | null): number {
    if (!token) return 41001;
    const issued = this.tokens.get(token);
    if (!issued) return 40001;
    return issued.expiresAt > this.nowMs() ? 0 : 42001;
  }

  validTokens(): string[] {
    return [...this.tokens.entries()].filter(([, t]) => t.expiresAt > this.nowMs()).map(([token]) => token);
  }

  /** Counts one getliveinfo call; false when today's quota is spent (45009). */
  spendQuota(): boolean {
    const day = shanghaiDay(this.nowMs());
    if (day !== this.quotaDay) {
      this.quotaDay = day;
      this.quotaUsed = 0;
    }
    if (this.quotaUsed >= this.config.dailyQuota) return false;
    this.quotaUsed += 1;
    return true;
  }

  quota(): { day: string; used: number; limit: number } {
    const day = shanghaiDay(this.nowMs());
    return { day, used: day === this.quotaDay ? this.quotaUsed : 0, limit: this.config.dailyQuota };
  }

  statusOf(room: EmuRoom): number {
    if (room.fixed_status) return room.fixed_status;
    const now = this.nowSeconds();
    if (now < room.start_time) return 102;
    return now < room.end_time ? 101 : 103;
  }

  /** Rooms as getliveinfo lists them: newest start_time first, WeChat's field names. */
  roomInfo(baseUrl: string): Record<string, unknown>[] {
    const goodsById = new Map(SAMPLE_GOODS.map((g) => [g.goods_id, g]));
    return [...this.rooms]
      .sort((a, b) => b.start_time - a.start_time || b.roomid - a.roomid)
      .map((room) => {
        const { fixed_status: _fixed, replays: _replays, goods, ...fields } = room;
        const image = (kind: string, w: number, h: number): string =>
          `${baseUrl}/__static/${kind}/${room.roomid}.png?w=${w}&h=${h}`;
        return {
          ...fields,
          cover_img: image("cover", 600, 800),
          share_img: image("share", 500, 400),
          feeds_img: image("feeds", 600, 600),
          live_status: this.statusOf(room),
          creater_openid: "o_emulator_creator",
          goods: goods.flatMap((id) => {
            const g = goodsById.get(id);
            if (!g) return [];
            return [
              {
                ...g,
                cover_img: `${baseUrl}/__static/goods/${id}.png?w=300&h=300`,
              },
            ];
          }),
        };
      });
  }

  /** Replay files of a room, once it has ended and WeChat has had time to generate them. */
  replaysOf(room: EmuRoom): Record<string, string>[] {
    if (this.statusOf(room) !== 103 || room.close_replay) return [];
    const ready = room.end_time + REPLAY_DELAY_S;
    if (this.nowSeconds() < ready) return [];
    return Array.from({ length: room.replays }, (_, i) => ({
      media_url: `https://emulator.vod2.myqcloud.com/replay/${room.roomid}/part${i + 1}.mp4`,
      create_time: new Date((ready + i * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      expire_time: new Date((ready + 90 * 86400) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }));
  }

  useGeneratedRooms(count: number): void {
    this.t0 = this.nowSeconds();
    this.rooms = generatedRooms(this.t0, count);
  }

  useSampleRooms(): void {
    this.t0 = this.nowSeconds();
    this.rooms = sampleRooms(this.t0);
  }
}
