/**
 * The room list shoppers land on. Cache first (the device's last good list is in the first setData),
 * then revalidated with an ETag; later pages are appended with path keys; every state has a view.
 * The shop's 视频号 lives (components/channels-list) sit above the rooms and follow the tab. In the
 * build without the plugin (config/live-source) the page shows only them: no room is fetched and
 * nothing links to packageA, which that build does not have.
 */
import type { Room, RoomListResponse } from "../../../typings/api";
import { LIVE_PLUGIN } from "../../config/live-source";
import { parseRoomList } from "../../core/contract";
import {
  EMPTY_TEXT,
  ROOM_TABS,
  RECHECK_AFTER_MS,
  freshnessNotice,
  listAsOf,
  listViewFor,
  mergePage,
  parseTab,
  patchItem,
  patchList,
  roomPageUrl,
  toRoomView,
  type FooterState,
  type RoomTab,
  type RoomView,
} from "../../core/room-list";
import { decideOpen } from "../../core/navigation";
import { fetchRooms, PAGE_SIZE } from "../../services/api";
import { currentStack, navigate } from "../../services/navigation";
import { HttpError } from "../../services/http";
import { readCache, touchCache, writeCache } from "../../services/storage-cache";

export const ROOMS_CACHE_KEY = "rooms:list";
/** Fewer cards than this do not fill a screen. */
const AUTOFILL_BELOW = 8;

type Phase = "loading" | "list" | "empty" | "error";

/** What the page knows but never renders: kept off `data`, so it never costs a setData byte. */
interface ListState {
  all: Room[];
  etag: string | null;
  /** `start` of the next page (counts dropped rooms too: they occupy backend positions). */
  next: number;
  total: number;
  asOf: number;
  stale: boolean;
  refreshFailed: boolean;
  /** Last successful check with the backend (200 or 304), for onShow revalidation. */
  checkedAt: number;
  /** Bumped when a first page replaces the list, so a late page-2 answer never lands on it. */
  generation: number;
  firstLoad: Promise<void> | null;
  loadingMore: boolean;
  moreFailed: boolean;
  shown: boolean;
  /** 视频号 cards the channels list shows for the current tab, and how many of them are live. */
  channelCards: number;
  channelsLive: number;
}

const states = new WeakMap<object, ListState>();

function stateOf(page: object): ListState {
  let state = states.get(page);
  if (!state) {
    state = {
      all: [],
      etag: null,
      next: 0,
      total: 0,
      asOf: 0,
      stale: false,
      refreshFailed: false,
      checkedAt: 0,
      generation: 0,
      firstLoad: null,
      loadingMore: false,
      moreFailed: false,
      shown: false,
      channelCards: 0,
      channelsLive: 0,
    };
    states.set(page, state);
  }
  return state;
}

function errorText(err: unknown): string {
  return err instanceof HttpError ? err.message : "加载失败，请稍后重试";
}

function hasMore(s: ListState): boolean {
  return s.next < s.total;
}

function footerFor(s: ListState, shown: number): FooterState {
  if (s.loadingMore) return "loading";
  if (s.moreFailed) return "error";
  if (hasMore(s)) return "more";
  return shown > 0 ? "end" : "hidden";
}

function cachedList(raw: unknown): RoomListResponse | null {
  return parseRoomList(raw)?.value ?? null;
}

Component({
  data: {
    /** Build-time: false in the build without the plugin (视频号 cards only). */
    plugin: LIVE_PLUGIN,
    tabs: ROOM_TABS,
    tab: "all" as RoomTab,
    rooms: [] as RoomView[],
    phase: "loading" as Phase,
    footer: "hidden" as FooterState,
    notice: "",
    errorText: "",
    emptyText: EMPTY_TEXT.all,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      wx.showShareMenu({ menus: ["shareAppMessage", "shareTimeline"] });
      // without the plugin there are no rooms to ask for: the channels list is the page
      if (!LIVE_PLUGIN) return;
      const s = stateOf(this);
      const tab = parseTab(query?.tab);
      const cache = readCache(ROOMS_CACHE_KEY, cachedList);
      if (cache) {
        s.all = cache.value.rooms;
        s.total = cache.value.total;
        s.next = cache.value.rooms.length;
        s.etag = cache.etag;
        s.stale = cache.value.stale;
        s.asOf = listAsOf(cache.value, cache.savedAt);
        // Stale-while-revalidate: the cached list is the very first thing the shopper sees.
        this.render({ tab });
      } else if (tab !== "all") {
        this.setData({ tab, emptyText: EMPTY_TEXT[tab] });
      }
      void this.refresh();
    },

    onShow() {
      const s = stateOf(this);
      if (!LIVE_PLUGIN) return;
      if (!s.shown) {
        s.shown = true;
        return;
      }
      if (Date.now() - s.checkedAt > RECHECK_AFTER_MS) void this.refresh();
      else this.render();
    },

    onPullDownRefresh() {
      const channels = this.selectComponent("#channels") as unknown as { refresh(): Promise<void> } | null;
      void Promise.all([LIVE_PLUGIN ? this.refresh() : null, channels?.refresh()]).then(() =>
        wx.stopPullDownRefresh(),
      );
    },

    onReachBottom() {
      if (LIVE_PLUGIN) void this.loadMore();
    },

    onShareAppMessage() {
      return { title: this.shareTitle(), path: `/pages/rooms/rooms${this.shareQuery("?")}` };
    },

    onShareTimeline() {
      return { title: this.shareTitle(), query: this.shareQuery("") };
    },

    shareTitle(): string {
      const s = stateOf(this);
      const live = s.all.filter((r) => r.liveStatus === 101).length + s.channelsLive;
      return live > 0 ? `${live} 个直播间正在直播，快来看看` : "好物直播间，精彩不错过";
    },

    shareQuery(prefix: string): string {
      return this.data.tab === "all" ? "" : `${prefix}tab=${this.data.tab}`;
    },

    /** The first page, single-flight: pull-down, onShow and retries share one request. */
    refresh(): Promise<void> {
      const s = stateOf(this);
      if (!s.firstLoad) {
        s.firstLoad = this.loadFirstPage().finally(() => {
          s.firstLoad = null;
          this.autofill();
        });
      }
      return s.firstLoad;
    },

    async loadFirstPage(): Promise<void> {
      const s = stateOf(this);
      try {
        // An ETag only makes sense when there is a list to keep on 304.
        const result = await fetchRooms(0, PAGE_SIZE, s.all.length > 0 ? s.etag : null);
        const now = Date.now();
        if (result.status === 304) {
          touchCache(ROOMS_CACHE_KEY, now);
          s.asOf = now;
          s.stale = false;
        } else {
          const { value, dropped } = result.body;
          if (dropped > 0) console.warn(`rooms: ${dropped} room(s) dropped for missing or invalid fields`);
          // A new first page replaces the list: a page-2 answer still on its way no longer fits it.
          s.generation += 1;
          s.loadingMore = false;
          s.all = value.rooms;
          s.total = value.total;
          s.next = value.rooms.length + dropped;
          s.etag = result.etag;
          s.stale = value.stale;
          s.asOf = listAsOf(value, now);
          s.moreFailed = false;
          writeCache(ROOMS_CACHE_KEY, value, result.etag, now);
        }
        s.checkedAt = now;
        s.refreshFailed = false;
        this.render();
      } catch (err) {
        if (s.all.length > 0) {
          // Keep what the shopper is reading; say quietly that it could not be refreshed.
          s.refreshFailed = true;
          this.render();
        } else {
          this.setData({ phase: "error", errorText: errorText(err), notice: "" });
        }
      }
    },

    async loadMore(): Promise<void> {
      const s = stateOf(this);
      if (s.loadingMore || s.firstLoad || !hasMore(s)) return;
      const generation = s.generation;
      s.loadingMore = true;
      s.moreFailed = false;
      this.setData({ footer: "loading" });
      try {
        const result = await fetchRooms(s.next, PAGE_SIZE);
        if (generation !== s.generation) return;
        if (result.status === 200) {
          const { value, dropped } = result.body;
          if (dropped > 0) console.warn(`rooms: ${dropped} room(s) dropped for missing or invalid fields`);
          s.all = mergePage(s.all, value.rooms);
          s.next += value.rooms.length + dropped;
          // An empty page means the list shrank under us: stop instead of asking forever.
          s.total = value.rooms.length + dropped > 0 ? value.total : s.next;
        }
      } catch {
        if (generation !== s.generation) return;
        s.moreFailed = true;
      } finally {
        if (generation === s.generation) s.loadingMore = false;
      }
      this.render();
      this.autofill();
    },

    /** Brings the view in line with the state in one setData of only what changed. */
    render(extra: { tab?: RoomTab } = {}) {
      const s = stateOf(this);
      const tab = extra.tab ?? this.data.tab;
      const now = Date.now();
      const rooms = listViewFor(s.all, tab, now);
      const footer = footerFor(s, rooms.length);
      // 视频号 cards above the list mean the tab is not empty
      const filled = rooms.length > 0 || s.channelCards > 0;
      const phase: Phase = filled || footer === "loading" || footer === "more" ? "list" : "empty";
      const scalars: Record<string, unknown> = {
        tab,
        phase,
        footer,
        notice: freshnessNotice(s, now),
        emptyText: EMPTY_TEXT[tab],
      };
      const patch: Record<string, unknown> = patchList("rooms", this.data.rooms, rooms) ?? {};
      const current = this.data as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(scalars)) if (current[key] !== value) patch[key] = value;
      if (Object.keys(patch).length > 0) this.setData(patch);
    },

    /** A filtered tab this short cannot be scrolled, so onReachBottom would never fire: fetch on. */
    autofill() {
      if (this.data.footer === "more" && this.data.rooms.length < AUTOFILL_BELOW) void this.loadMore();
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<object, object, { tab: string }>) {
      const tab = parseTab(e.currentTarget.dataset.tab);
      if (tab === this.data.tab) return;
      this.render({ tab });
      this.autofill();
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },

    onRoomTap(e: WechatMiniprogram.TouchEvent<object, object, { id: number }>) {
      const view = this.data.rooms.find((r) => r.id === Number(e.currentTarget.dataset.id));
      // 104/107 cards show their reason instead of opening a page that has nothing to show.
      if (!view || !view.open) return;
      void navigate(decideOpen(currentStack(), roomPageUrl(view.id)), { toast: "打开失败，请重试" });
    },

    /** An upcoming room's countdown reached zero: flip that one card by path keys. */
    onRoomDue(e: WechatMiniprogram.CustomEvent<{ id: number }>) {
      const index = this.data.rooms.findIndex((r) => r.id === e.detail.id);
      const room = stateOf(this).all.find((r) => r.roomId === e.detail.id);
      if (index < 0 || !room) return;
      const patch = patchItem("rooms", index, this.data.rooms[index], toRoomView(room, Date.now()));
      if (patch) this.setData(patch);
    },

    /** The channels list says how many 视频号 cards it shows for the tab (and how many are live). */
    onChannelsChange(e: WechatMiniprogram.CustomEvent<{ count: number; live: number }>) {
      const s = stateOf(this);
      s.channelCards = e.detail.count;
      s.channelsLive = e.detail.live;
      // while the rooms have not answered, the skeleton or the error stays as it is
      if (LIVE_PLUGIN && (this.data.phase === "list" || this.data.phase === "empty")) this.render();
    },

    onRetry() {
      this.setData({ phase: "loading", errorText: "" });
      void this.refresh();
    },

    onNoticeTap() {
      void this.refresh();
    },

    onFooterRetry() {
      void this.loadMore();
    },
  },
});
