/**
 * The shop's 视频号 lives: one card per 视频号 the backend lists (GET /api/channels, cached on the
 * device with its ETag like the room list), each filled from WeChat's own APIs (services/channels).
 *
 * - Cache first: the last answers kept in storage are the first thing shown; a failed call never
 *   blanks a card or the list.
 * - At most one live-info and one notice call per 视频号 per minute (WeChat asks for it), across pages
 *   and launches: the time of each call is kept in storage with its answer.
 * - wx.openChannelsLive runs inside the shopper's tap, with info fetched beforehand.
 * - 100008/1416100 (and the other "cannot be shown here" codes) hide that card; develop and trial
 *   builds say why, on screen and with console.warn, so the operator can fix the id or the entity.
 *
 * In the plugin build it sits above the room list and follows its tab; in the build without the
 * plugin it is the whole page (`standalone`, with its own loading, empty and error states).
 * Facts: docs/channels-live.md.
 */
import type { ChannelListResponse } from "../../../typings/api";
import {
  channelsSupport,
  isCallDue,
  parseChannelList,
  supportsNotice,
  type ChannelsSupport,
} from "../../core/channels";
import {
  forgetReservation,
  inChannelTab,
  isOnAir,
  rememberReservation,
  reserveOutcome,
  toChannelCard,
  type ChannelCardView,
  type ChannelRecord,
  type HiddenChannel,
  type Reservations,
} from "../../core/channels-view";
import { instanceState } from "../../core/instance-state";
import { RECHECK_AFTER_MS, parseTab } from "../../core/room-list";
import { patchList } from "../../core/set-data-patch";
import { fetchChannels } from "../../services/api";
import {
  getChannelsLiveInfo,
  getChannelsLiveNotice,
  openChannelsLive,
  readRecord,
  readReservations,
  reserveChannelsLive,
  sdkVersion,
  writeRecord,
  writeReservations,
  ChannelsCallError,
} from "../../services/channels";
import { envVersion } from "../../services/config";
import { errorText } from "../../services/http";
import { readCache, touchCache, writeCache } from "../../services/storage-cache";

export const CHANNELS_CACHE_KEY = "channels:list";

type Phase = "loading" | "list" | "empty" | "error" | "unsupported";

/** What the list knows but never renders (core/instance-state.ts says why it is not in `data`). */
interface ListState {
  support: ChannelsSupport;
  notices: boolean;
  /** Develop and trial builds: hidden cards are explained on screen. */
  operator: boolean;
  ids: string[];
  etag: string | null;
  listLoaded: boolean;
  listError: string;
  listCheckedAt: number;
  records: Map<string, ChannelRecord>;
  reservations: Reservations;
  refreshing: Promise<void> | null;
  shown: boolean;
  /** `${id}:${code}` already reported with console.warn. */
  warned: Set<string>;
  /** What the last `change` event said, so it fires only on a change. */
  announced: string;
}

const states = instanceState<ListState>(() => ({
  support: "none",
  notices: false,
  operator: false,
  ids: [],
  etag: null,
  listLoaded: false,
  listError: "",
  listCheckedAt: 0,
  records: new Map(),
  reservations: {},
  refreshing: null,
  shown: false,
  warned: new Set(),
  announced: "",
}));

function cachedList(raw: unknown): ChannelListResponse | null {
  return parseChannelList(raw)?.value ?? null;
}

function record(s: ListState, id: string): ChannelRecord {
  let r = s.records.get(id);
  if (!r) {
    r = readRecord(id);
    s.records.set(id, r);
  }
  return r;
}

function noteFor(hidden: HiddenChannel): string {
  return `视频号 ${hidden.id} 已对顾客隐藏：${hidden.reason || "无法展示"}（错误码 ${hidden.code}）`;
}

Component({
  properties: {
    /** The room list's tab (plugin build); the cards it shows follow it. */
    tab: { type: String, value: "all" },
    /** The whole page (the build without the plugin): own loading, empty and error states. */
    standalone: { type: Boolean, value: false },
  },
  data: {
    cards: [] as ChannelCardView[],
    phase: "loading" as Phase,
    notes: [] as string[],
    errorText: "",
  },
  observers: {
    tab() {
      if (states.peek(this)) this.render();
    },
  },
  lifetimes: {
    attached() {
      this.start();
    },
  },
  pageLifetimes: {
    show() {
      const s = states.of(this);
      // the first show comes with the attach, which already asked
      if (!s.shown) {
        s.shown = true;
        return;
      }
      if (s.support !== "none" && Date.now() - s.listCheckedAt > RECHECK_AFTER_MS) void this.refresh();
    },
  },
  methods: {
    start() {
      const s = states.of(this);
      const sdk = sdkVersion();
      s.support = channelsSupport(sdk);
      s.notices = supportsNotice(sdk);
      s.operator = envVersion() !== "release";
      // below 2.15.0 nothing can be shown, so nothing is asked either
      if (s.support === "none") {
        this.render();
        return;
      }
      const now = Date.now();
      s.reservations = readReservations(now);
      const cache = readCache(CHANNELS_CACHE_KEY, cachedList);
      if (cache) {
        s.ids = cache.value.channels.map((c) => c.finderUserName);
        s.etag = cache.etag;
        s.listLoaded = true;
      }
      this.render();
      void this.refresh();
    },

    /** The list from the backend, then WeChat for each 视频号 that is due. Single-flight. */
    refresh(): Promise<void> {
      const s = states.of(this);
      if (s.support === "none") return Promise.resolve();
      if (!s.refreshing) {
        s.refreshing = this.loadList()
          .then(() => this.askWeChat())
          .finally(() => {
            s.refreshing = null;
          });
      }
      return s.refreshing;
    },

    async loadList(): Promise<void> {
      const s = states.of(this);
      try {
        const result = await fetchChannels(s.listLoaded ? s.etag : null);
        const now = Date.now();
        if (result.status === 304) {
          touchCache(CHANNELS_CACHE_KEY, now);
        } else {
          const { value, dropped } = result.body;
          if (dropped > 0) console.warn(`channels: ${dropped} 视频号 id(s) dropped as malformed`);
          s.ids = value.channels.map((c) => c.finderUserName);
          s.etag = result.etag;
          writeCache(CHANNELS_CACHE_KEY, value, result.etag, now);
        }
        s.listLoaded = true;
        s.listError = "";
        s.listCheckedAt = now;
      } catch (err) {
        // a cached list stays as it is; only a first load without one has nothing to show
        s.listError = errorText(err, "视频号直播加载失败，请稍后重试");
      }
      this.render();
    },

    /** One info and one notice call per 视频号, each only when its minute has passed. */
    askWeChat(): Promise<void> {
      const s = states.of(this);
      const calls: Array<Promise<void>> = [];
      for (const id of s.ids) {
        const now = Date.now();
        const r = record(s, id);
        if (isCallDue(r.infoAt, now)) calls.push(this.askInfo(id, now));
        if (s.notices && isCallDue(r.noticeAt, now)) calls.push(this.askNotice(id, now));
      }
      return Promise.all(calls).then(() => undefined);
    },

    async askInfo(id: string, now: number): Promise<void> {
      const s = states.of(this);
      // the time is kept before the answer: a call in flight counts against the minute too
      s.records.set(id, { ...record(s, id), infoAt: now });
      writeRecord(id, record(s, id), now);
      try {
        const info = await getChannelsLiveInfo(id);
        s.records.set(id, { ...record(s, id), info, infoError: null });
      } catch (err) {
        const code = err instanceof ChannelsCallError ? err.errCode : -1;
        s.records.set(id, { ...record(s, id), infoError: code });
      }
      writeRecord(id, record(s, id), now);
      this.render();
    },

    async askNotice(id: string, now: number): Promise<void> {
      const s = states.of(this);
      s.records.set(id, { ...record(s, id), noticeAt: now });
      writeRecord(id, record(s, id), now);
      const notice = await getChannelsLiveNotice(id);
      s.records.set(id, { ...record(s, id), notice });
      writeRecord(id, record(s, id), now);
      this.render();
    },

    /** Cards for the current tab in one setData of what changed; tells the page how many there are. */
    render() {
      const s = states.of(this);
      const now = Date.now();
      const tab = parseTab(this.data.tab);
      const cards: ChannelCardView[] = [];
      const notes: string[] = [];
      let shown = 0;
      for (const id of s.support === "none" ? [] : s.ids) {
        const result = toChannelCard(id, record(s, id), s.reservations, s.support, now);
        if ("hidden" in result) {
          this.report(result.hidden);
          if (s.operator) notes.push(noteFor(result.hidden));
          continue;
        }
        shown += 1;
        if (this.data.standalone || inChannelTab(result.card, tab)) cards.push(result.card);
      }
      const phase: Phase =
        s.support === "none"
          ? "unsupported"
          : cards.length > 0
            ? "list"
            : !s.listLoaded
              ? s.listError
                ? "error"
                : "loading"
              : shown === 0
                ? "empty"
                : "list";
      const patch: Record<string, unknown> = patchList("cards", this.data.cards, cards) ?? {};
      if (this.data.phase !== phase) patch.phase = phase;
      if (this.data.errorText !== s.listError) patch.errorText = s.listError;
      if (JSON.stringify(this.data.notes) !== JSON.stringify(notes)) patch.notes = notes;
      if (Object.keys(patch).length > 0) this.setData(patch);
      const live = cards.filter(isOnAir).length;
      const announced = `${cards.length}:${live}`;
      if (announced !== s.announced) {
        s.announced = announced;
        this.triggerEvent("change", { count: cards.length, live });
      }
    },

    /** Tells the operator once per 视频号 and code, in every build's console. */
    report(hidden: HiddenChannel) {
      const s = states.of(this);
      const key = `${hidden.id}:${hidden.code}`;
      if (s.warned.has(key)) return;
      s.warned.add(key);
      console.warn(`channels: ${noteFor(hidden)}`);
    },

    /** 去看直播 / 看回放: still inside the shopper's tap, with the info fetched beforehand. */
    onCardOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const card = this.data.cards.find((c) => c.id === e.detail.id);
      if (!card || !card.action) return;
      openChannelsLive({ finderUserName: card.id, feedId: card.feedId, nonceId: card.nonceId }).catch(
        (err: unknown) => {
          // the shopper said no in WeChat's confirmation: nothing to report
          if (err instanceof ChannelsCallError && /cancel/i.test(err.errMsg)) return;
          wx.showToast({ title: "打开视频号失败，请稍后重试", icon: "none" });
        },
      );
    },

    /** 预约 / 已预约: WeChat's popup; its `state` says what the shopper did. */
    onCardReserve(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      const s = states.of(this);
      const id = e.detail.id;
      const notice = record(s, id).notice;
      if (!notice) return;
      reserveChannelsLive(notice.noticeId).then(
        (state) => {
          const outcome = reserveOutcome(state);
          const now = Date.now();
          if (outcome.reserved === true) s.reservations = rememberReservation(s.reservations, notice, now);
          if (outcome.reserved === false)
            s.reservations = forgetReservation(s.reservations, notice.noticeId, now);
          if (outcome.reserved !== undefined) writeReservations(s.reservations, now);
          if (outcome.notice) {
            const current = record(s, id);
            const next =
              outcome.notice === "gone" || !current.notice ? null : { ...current.notice, status: 1 as const };
            s.records.set(id, { ...current, notice: next });
            writeRecord(id, record(s, id), now);
          }
          if (outcome.message) wx.showToast({ title: outcome.message, icon: "none" });
          this.render();
        },
        () => wx.showToast({ title: "预约失败，请稍后重试", icon: "none" }),
      );
    },

    onRetry() {
      const s = states.of(this);
      s.listError = "";
      this.setData({ phase: "loading", errorText: "" });
      void this.refresh();
    },
  },
});
