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
import { instanceState } from "../../core/instance-state";
import { decideOpen, roomPageUrl } from "../../core/navigation";
import {
  EMPTY_TEXT,
  ROOM_TABS,
  RECHECK_AFTER_MS,
  cardsForTab,
  footerFor,
  freshnessNotice,
  hasMore,
  listAsOf,
  listPhase,
  listShareQuery,
  listSharePath,
  listShareTitle,
  mergePage,
  parseTab,
  toRoomCard,
  type FooterState,
  type Paging,
  type RoomCardView,
  type RoomTab,
} from "../../core/room-list";
import { changedFields, patchItem, patchList } from "../../core/set-data-patch";
import { fetchRooms, PAGE_SIZE } from "../../services/api";
import { errorText } from "../../services/http";
import { currentStack, navigate } from "../../services/navigation";
import { readCache, touchCache, writeCache } from "../../services/storage-cache";

export const ROOMS_CACHE_KEY = "rooms:list";
const LOAD_FAILED = "加载失败，请稍后重试";
/** Fewer cards than this do not fill a screen. */
const AUTOFILL_BELOW = 8;

type Phase = "loading" | "list" | "empty" | "error";

/** What the page knows but never renders (core/instance-state.ts says why it is not in `data`). */
interface ListState extends Paging {
  all: Room[];
  etag: string | null;
  asOf: number;
  stale: boolean;
  refreshFailed: boolean;
  /** Last successful check with the backend (200 or 304), for onShow revalidation. */
  checkedAt: number;
  /** Bumped when a first page replaces the list, so a late page-2 answer never lands on it. */
  generation: number;
  firstLoad: Promise<void> | null;
  shown: boolean;
  /** 视频号 cards the channels list shows for the current tab, and how many of them are live. */
  channelCards: number;
  channelsLive: number;
}

const states = instanceState<ListState>(() => ({
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
}));

function cachedList(raw: unknown): RoomListResponse | null {
  return parseRoomList(raw)?.value ?? null;
}

Component({
  data: {
    /** Build-time: false in the build without the plugin (视频号 cards only). */
    plugin: LIVE_PLUGIN,
    tabs: ROOM_TABS,
    tab: "all" as RoomTab,
    rooms: [] as RoomCardView[],
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
      const s = states.of(this);
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
      const s = states.of(this);
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
      const s = states.of(this);
      return { title: listShareTitle(s.all, s.channelsLive), path: listSharePath(this.data.tab) };
    },

    onShareTimeline() {
      const s = states.of(this);
      return { title: listShareTitle(s.all, s.channelsLive), query: listShareQuery(this.data.tab) };
    },

    /** The first page, single-flight: pull-down, onShow and retries share one request. */
    refresh(): Promise<void> {
      const s = states.of(this);
      if (!s.firstLoad) {
        s.firstLoad = this.loadFirstPage().finally(() => {
          s.firstLoad = null;
          this.autofill();
        });
      }
      return s.firstLoad;
    },

    async loadFirstPage(): Promise<void> {
      const s = states.of(this);
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
          this.setData({ phase: "error", errorText: errorText(err, LOAD_FAILED), notice: "" });
        }
      }
    },

    async loadMore(): Promise<void> {
      const s = states.of(this);
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
      const s = states.of(this);
      const tab = extra.tab ?? this.data.tab;
      const now = Date.now();
      const rooms = cardsForTab(s.all, tab, now);
      const footer = footerFor(s, rooms.length);
      const scalars = {
        tab,
        phase: listPhase(rooms.length, s.channelCards, footer) as Phase,
        footer,
        notice: freshnessNotice(s, now),
        emptyText: EMPTY_TEXT[tab],
      };
      const patch = { ...patchList("rooms", this.data.rooms, rooms), ...changedFields(this.data, scalars) };
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
      const room = states.of(this).all.find((r) => r.roomId === e.detail.id);
      if (index < 0 || !room) return;
      const patch = patchItem("rooms", index, this.data.rooms[index], toRoomCard(room, Date.now()));
      if (patch) this.setData(patch);
    },

    /** The channels list says how many 视频号 cards it shows for the tab (and how many are live). */
    onChannelsChange(e: WechatMiniprogram.CustomEvent<{ count: number; live: number }>) {
      const s = states.of(this);
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
