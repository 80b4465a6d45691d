import type { Logger } from "pino";
import type { Replay, Room } from "../api/contract";
import type { QuotaGovernor } from "../quota/governor";
import {
  EMPTY_LIST_ERRCODES,
  NO_LIVE_PERMISSION_ERRCODE,
  NO_LIVE_PERMISSION_TEXT,
  QUOTA_ERRCODE,
  QuotaExhaustedError,
  WechatApiError,
} from "./errors";
import type { WechatApi } from "./errors";
import type { WechatBody, WechatHttp } from "./http";
import { toReplay, toRoom } from "./mapping";
import type { TokenService } from "./token";

const PAGE_SIZE = 100; // WeChat's documented maximum
const MAX_PAGES = 200; // a guard against a `total` that never stops growing

export interface RoomList {
  rooms: Room[];
  total: number;
}

export interface ReplayList {
  replays: Replay[];
  total: number;
}

/** getliveinfo (list and get_replay) with token retry, quota accounting and paging. */
export class WechatClient {
  /** Whether the last live API answer said 48001, so the operator is told once, not per retry. */
  private noLivePermission = false;

  constructor(
    private readonly http: WechatHttp,
    private readonly tokens: TokenService,
    private readonly governor: QuotaGovernor,
    private readonly log?: Logger,
  ) {}

  private async once(api: WechatApi, body: object, token: string): Promise<WechatBody> {
    await this.governor.record();
    try {
      const answer = await this.http.post(api, "/wxa/business/getliveinfo", { access_token: token }, body);
      this.livePermission(true);
      return answer;
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === QUOTA_ERRCODE) {
        await this.governor.markExhausted();
        throw new QuotaExhaustedError(api);
      }
      if (err instanceof WechatApiError && err.errcode === NO_LIVE_PERMISSION_ERRCODE)
        this.livePermission(false);
      // "no rooms" is an answer of the live API: the permission is there
      if (err instanceof WechatApiError && EMPTY_LIST_ERRCODES.has(err.errcode)) this.livePermission(true);
      throw err;
    }
  }

  /** One log line when WeChat starts answering 48001, and one when it stops. */
  private livePermission(granted: boolean): void {
    if (granted === !this.noLivePermission) return;
    this.noLivePermission = !granted;
    if (granted) this.log?.info("WeChat answers the live APIs again: the live permission is back");
    else this.log?.error({ errcode: NO_LIVE_PERMISSION_ERRCODE }, NO_LIVE_PERMISSION_TEXT);
  }

  /** One getliveinfo call; a rejected token is refreshed once and the call retried once. */
  private call(api: WechatApi, body: object): Promise<WechatBody> {
    return this.tokens.withToken((token) => this.once(api, body, token));
  }

  /** Calls `fetchPage` until `total` is reached; 9410000 (or 1) means no more items. */
  private async pages(api: WechatApi, request: (start: number) => object, field: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let total = Infinity;
    for (let page = 0; page < MAX_PAGES && items.length < total; page++) {
      let body: WechatBody;
      try {
        body = await this.call(api, request(items.length));
      } catch (err) {
        if (err instanceof WechatApiError && EMPTY_LIST_ERRCODES.has(err.errcode)) break;
        throw err;
      }
      const batch = Array.isArray(body[field]) ? (body[field] as unknown[]) : [];
      items.push(...batch);
      total = typeof body.total === "number" ? body.total : items.length;
      if (batch.length === 0) break;
    }
    return items;
  }

  async listRooms(): Promise<RoomList> {
    const raw = await this.pages("getliveinfo", (start) => ({ start, limit: PAGE_SIZE }), "room_info");
    // a room created while paging shifts the list by one: keep the first copy of each id
    const seen = new Set<number>();
    const rooms: Room[] = [];
    for (const item of raw) {
      const room = toRoom(item);
      if (room && !seen.has(room.roomId)) {
        seen.add(room.roomId);
        rooms.push(room);
      }
    }
    return { rooms, total: rooms.length };
  }

  async listReplays(roomId: number): Promise<ReplayList> {
    const raw = await this.pages(
      "get_replay",
      (start) => ({ action: "get_replay", room_id: roomId, start, limit: PAGE_SIZE }),
      "live_replay",
    );
    const replays = raw.map(toReplay).filter((r) => r !== undefined);
    return { replays, total: replays.length };
  }
}
