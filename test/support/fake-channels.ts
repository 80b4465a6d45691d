/**
 * The 视频号 world as the tests see it: the backend's GET /api/channels (the shop's CHANNELS_FINDER_IDS)
 * and WeChat's channels APIs, answering as docs/channels-live.md describes them:
 * - getChannelsLiveInfo: each status 1–4 with replayStatus (sent as a string, as the docs type it, or a
 *   number), or a documented error code; an id it does not know answers 1416100;
 * - getChannelsLiveNoticeInfo: a notice in state 0/1/2, or the failure WeChat gives without one;
 * - reserveChannelsLive: the popup's `state` 1–10 the test scripted;
 * - openChannelsLive: refused unless the mini-program is handling a tap. The harness sets `inTap` while
 *   it dispatches a tap event (test/support/harness.ts), the way WeChat only lets a user gesture
 *   through; a call after an await, a timer or a network answer is refused with WeChat's message.
 * Callbacks run asynchronously, like WeChat's. Every call is recorded with its time and whether it
 * came inside a tap.
 */
import type { BackendReply, RequestOptions } from "./harness";

export const TAP_ONLY_MESSAGE = "openChannelsLive:fail can only be invoked by user TAP gesture.";

export interface LiveInfoAnswer {
  status: 1 | 2 | 3 | 4 | number;
  replayStatus?: 0 | 1 | 3 | 6 | string | number;
  feedId?: string;
  nonceId?: string;
  description?: string;
  nickname?: string;
  headUrl?: string;
}

export interface NoticeAnswer {
  noticeId: string;
  status: 0 | 1 | 2;
  /** Unix seconds; WeChat sends it as a string. */
  startTime: number;
  reservable: boolean;
  nickname?: string;
  headUrl?: string;
}

export type ErrorAnswer = { errCode: number; errMsg?: string };

export interface ChannelsCall {
  api: "getChannelsLiveInfo" | "getChannelsLiveNoticeInfo" | "openChannelsLive" | "reserveChannelsLive";
  /** finderUserName, or the noticeId for reserveChannelsLive. */
  target: string;
  at: number;
  inTap: boolean;
  options: Record<string, unknown>;
}

interface Callbacks {
  success?: (res: Record<string, unknown>) => void;
  fail?: (err: Record<string, unknown>) => void;
  complete?: (res: Record<string, unknown>) => void;
}

const later = (fn: () => void): void => {
  void Promise.resolve().then(fn);
};

export class FakeChannels {
  /* the backend's GET /api/channels */
  ids: string[] = [];
  listEtag = '"ch1"';
  /** "ok" answers the ids; anything else is what the backend sends instead. */
  listReply: "ok" | Exclude<BackendReply, "hold"> | "hold" = "ok";
  readonly listRequests: RequestOptions[] = [];

  /* WeChat */
  readonly calls: ChannelsCall[] = [];
  readonly info = new Map<string, LiveInfoAnswer | ErrorAnswer>();
  readonly notices = new Map<string, NoticeAnswer | ErrorAnswer>();
  /** What the next reserveChannelsLive popups answer, in order (then 5: closed without reserving). */
  readonly reserveStates: Array<number | ErrorAnswer> = [];
  /** openChannelsLive: what the shopper does in WeChat's confirmation. */
  openAnswer: "ok" | "cancel" | ErrorAnswer = "ok";
  /** Set by the harness while a tap event is being dispatched. */
  inTap = false;

  /** Shorthand: the backend lists these 视频号 and WeChat answers this info for each. */
  configure(entries: Record<string, LiveInfoAnswer | ErrorAnswer>): void {
    this.ids = Object.keys(entries);
    for (const [id, answer] of Object.entries(entries)) this.info.set(id, answer);
  }

  callsOf(api: ChannelsCall["api"], target?: string): ChannelsCall[] {
    return this.calls.filter((c) => c.api === api && (target === undefined || c.target === target));
  }

  /** What the fake backend answers for GET /api/channels. */
  serveList(options: RequestOptions): BackendReply {
    this.listRequests.push(options);
    if (this.listReply === "hold") return "hold";
    if (this.listReply !== "ok") return this.listReply;
    if (options.header?.["If-None-Match"] === this.listEtag) return { statusCode: 304 };
    return {
      statusCode: 200,
      data: { channels: this.ids.map((finderUserName) => ({ finderUserName })), updatedAt: 1, stale: false },
      header: { ETag: this.listEtag },
    };
  }

  private record(api: ChannelsCall["api"], target: string, options: object): void {
    this.calls.push({ api, target, at: Date.now(), inTap: this.inTap, options: { ...options } });
  }

  private answer(api: string, cb: Callbacks, result: Record<string, unknown> | ErrorAnswer): void {
    later(() => {
      if ("errCode" in result) {
        const err = { errMsg: result.errMsg ?? `${api}:fail ${result.errCode}`, errCode: result.errCode };
        cb.fail?.(err);
        cb.complete?.(err);
      } else {
        const res = { errMsg: `${api}:ok`, ...result };
        cb.success?.(res);
        cb.complete?.(res);
      }
    });
  }

  getChannelsLiveInfo(options: { finderUserName: string } & Callbacks): void {
    this.record("getChannelsLiveInfo", options.finderUserName, options);
    const answer = this.info.get(options.finderUserName) ?? { errCode: 1416100 };
    if ("errCode" in answer) return this.answer("getChannelsLiveInfo", options, answer);
    this.answer("getChannelsLiveInfo", options, {
      feedId: `feed_${options.finderUserName}`,
      nonceId: `nonce_${options.finderUserName}`,
      description: "",
      nickname: "",
      headUrl: "",
      otherInfos: [],
      ...answer,
    });
  }

  getChannelsLiveNoticeInfo(options: { finderUserName: string } & Callbacks): void {
    this.record("getChannelsLiveNoticeInfo", options.finderUserName, options);
    // without a reservable notice WeChat fails the call (err_code 1 seen in public code)
    const answer = this.notices.get(options.finderUserName) ?? { errCode: 1 };
    if ("errCode" in answer) return this.answer("getChannelsLiveNoticeInfo", options, answer);
    this.answer("getChannelsLiveNoticeInfo", options, {
      nickname: "",
      headUrl: "",
      otherInfos: [],
      ...answer,
      startTime: String(answer.startTime),
    });
  }

  openChannelsLive(options: { finderUserName: string; feedId?: string; nonceId?: string } & Callbacks): void {
    this.record("openChannelsLive", options.finderUserName, options);
    if (!this.inTap)
      return this.answer("openChannelsLive", options, { errCode: -1, errMsg: TAP_ONLY_MESSAGE });
    const answer = this.openAnswer;
    if (answer === "ok") return this.answer("openChannelsLive", options, {});
    if (answer === "cancel") {
      return this.answer("openChannelsLive", options, {
        errCode: -2,
        errMsg: "openChannelsLive:fail cancel",
      });
    }
    this.answer("openChannelsLive", options, answer);
  }

  reserveChannelsLive(options: { noticeId: string } & Callbacks): void {
    this.record("reserveChannelsLive", options.noticeId, options);
    const next = this.reserveStates.shift() ?? 5;
    if (typeof next === "number") this.answer("reserveChannelsLive", options, { state: next });
    else this.answer("reserveChannelsLive", options, next);
  }
}
