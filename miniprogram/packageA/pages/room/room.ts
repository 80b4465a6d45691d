/**
 * The live room: header from our backend (cached), the live status from the plugin's poller, and what
 * the status allows: subscribe (102), enter the live page (101/105/106), replays (103), or an
 * explanation and the way back to the list (104/107).
 */
import type { LiveStatus, Room } from "../../../../typings/api";
import type { SubscribeEventDetail } from "../../../../typings/live-player-plugin";
import type { Attribution } from "../../../core/entry";
import { parseRoom } from "../../../core/contract";
import { liveCustomParams, type CustomParams } from "../../../core/custom-params";
import { instanceState } from "../../../core/instance-state";
import { describeLiveStatus } from "../../../core/live-status";
import { HOME_URL, decideHome, decideOpen, roomPageUrl } from "../../../core/navigation";
import { buildLivePageUrl, encodeCustomParams } from "../../../core/plugin-urls";
import { parseRoomId } from "../../../core/query";
import { playableReplays, type ReplayItem } from "../../../core/replays";
import {
  roomHeaderView,
  roomStatusView,
  startedLive,
  type RoomHeaderView,
  type RoomStatusView,
} from "../../core/room-page-view";
import { changedFields } from "../../../core/set-data-patch";
import { sharerIdOf, toSharerId } from "../../../core/sharer";
import { SHOP_OPTIONS } from "../../../core/shop-options";
import { fetchReplays, fetchRoom } from "../../../services/api";
import { currentAttribution, sharedCustomParams } from "../../../services/attribution";
import { HttpError, errorText } from "../../../services/http";
import { currentStack, navigate } from "../../../services/navigation";
import { readCache, touchCache, writeCache } from "../../../services/storage-cache";
import {
  fetchViewerOpenid,
  getSubscribeStatus,
  knownViewerOpenid,
  recentStatus,
  rememberViewerOpenid,
} from "../../services/live-plugin";
import { ensureShareParams } from "../../services/share-params";
import {
  createRoomStatusPoller,
  type LiveStatusPoller,
  type PollState,
} from "../../services/live-status-poller";

type HeaderState = "loading" | "ready" | "invalid" | "missing" | "error";
type ReplayState = "idle" | "loading" | "ready" | "empty" | "error";

/** What the page knows but never renders (core/instance-state.ts says why it is not in `data`). */
interface Runtime {
  roomId: number;
  poller: LiveStatusPoller | null;
  room: Room | null;
  /** The plugin's answer from a recent visit (any page), shown until the poller answers. */
  recent: LiveStatus | null;
  polled: PollState;
  /** The sharer id from our own share link (`sharer=`), if any. */
  sharer: string | null;
  askedSubscribe: boolean;
  navigating: boolean;
  unloaded: boolean;
}

/** Only a page with a valid room_id has a runtime: the others make no request, poll or navigation. */
const runtimes = instanceState<Runtime>();

function newRuntime(roomId: number, sharer: string | null): Runtime {
  return {
    roomId,
    poller: null,
    room: null,
    recent: null,
    polled: { status: null, unknown: false },
    sharer,
    askedSubscribe: false,
    navigating: false,
    unloaded: false,
  };
}

const cacheKey = (roomId: number): string => `room:${roomId}`;

const NO_HEADER: RoomHeaderView = {
  name: "",
  cover: "",
  anchor: "",
  initial: "",
  startText: "",
  endText: "",
};

Component({
  data: {
    state: "loading" as HeaderState,
    roomId: 0,
    errorText: "",
    /** Shown above the content when the header is the last saved copy. */
    notice: "",
    ...NO_HEADER,
    ...roomStatusView(null, false),
    subscribed: false,
    subscribeParams: "",
    replayState: "idle" as ReplayState,
    replays: [] as ReplayItem[],
    replayIndex: 0,
    replayBroken: false,
    /** SHOP_OPTIONS.inPageReplayPlayer: replays in our own <video>, else 看回放 opens WeChat's. */
    inPagePlayer: SHOP_OPTIONS.inPageReplayPlayer,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const roomId = parseRoomId(query?.room_id);
      // older links carried the sharer's openid; it is turned into a sharer id right here
      const sharer = toSharerId(query?.sharer);
      if (roomId === null) {
        // No request, poll or navigation can be made with a bad id: explain and offer the list.
        this.setData({ state: "invalid", errorText: "直播间链接有误，可能是复制不完整" });
        return;
      }
      const rt = runtimes.set(this, newRuntime(roomId, sharer));
      rt.recent = recentStatus(roomId);
      this.setData({ roomId, subscribeParams: this.subscribeParams(), ...this.statusChanges() });
      // A room known to be over for good (103/104/107) is never polled again.
      if (rt.recent === null || !describeLiveStatus(rt.recent).isTerminal) {
        rt.poller = createRoomStatusPoller(roomId, (next) => this.onPolled(next));
      }
      void this.loadRoom();
      this.afterStatus(null);
      if (knownViewerOpenid() === null) fetchViewerOpenid(roomId).catch(() => undefined);
    },

    onShow() {
      const rt = runtimes.peek(this);
      if (!rt) return;
      rt.navigating = false;
      rt.poller?.start();
      // a shopper who entered on the live page (a share card, a scan) brings share params
      void ensureShareParams().then(() => {
        if (rt.unloaded) return;
        const subscribeParams = this.subscribeParams();
        if (subscribeParams !== this.data.subscribeParams) this.setData({ subscribeParams });
      });
    },

    onHide() {
      runtimes.peek(this)?.poller?.pause();
    },

    onUnload() {
      const rt = runtimes.peek(this);
      if (!rt) return;
      rt.unloaded = true;
      rt.poller?.stop();
    },

    onPullDownRefresh() {
      const rt = runtimes.peek(this);
      if (!rt) {
        wx.stopPullDownRefresh();
        return;
      }
      // The status is not forced here: the plugin refuses calls within 60 s, the poller keeps time.
      const jobs: Array<Promise<void>> = [this.loadRoom()];
      if (this.data.ended) jobs.push(this.loadReplays());
      void Promise.all(jobs).then(() => wx.stopPullDownRefresh());
    },

    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const rt = runtimes.peek(this);
      if (!rt) return { title: "精彩直播", path: HOME_URL };
      // the one sharing is the sharer, as a sharer id: an openid never goes into a link
      const room = rt.room;
      return {
        title: room?.name || "精彩直播，快来看看",
        path: roomPageUrl(rt.roomId, sharerIdOf(knownViewerOpenid())),
        ...(room && (room.shareImg || room.coverImg) ? { imageUrl: room.shareImg || room.coverImg } : {}),
      };
    },

    /** The header: the saved copy at once, then the backend (revalidated with its ETag). */
    async loadRoom(): Promise<void> {
      const rt = runtimes.peek(this);
      if (!rt) return;
      const key = cacheKey(rt.roomId);
      const cached = readCache(key, parseRoom);
      if (cached && !rt.room) this.showRoom(cached.value);
      try {
        const result = await fetchRoom(rt.roomId, cached?.etag);
        if (rt.unloaded) return;
        if (result.status === 304) {
          touchCache(key, Date.now());
          if (this.data.notice) this.setData({ notice: "" });
          return;
        }
        writeCache(key, result.body, result.etag, Date.now());
        this.showRoom(result.body, "");
      } catch (err) {
        if (rt.unloaded) return;
        if (err instanceof HttpError && err.status === 404) {
          // The shop removed or hid the room: nothing to poll for.
          rt.poller?.stop();
          this.setData({ state: "missing", errorText: "这个直播间不存在或已下架" });
          return;
        }
        if (rt.room) {
          this.setData({ notice: "网络不太好，显示的是上次保存的信息" });
          return;
        }
        this.setData({ state: "error", errorText: errorText(err, "直播间加载失败，请稍后重试") });
      }
    },

    showRoom(room: Room, notice?: string) {
      const rt = runtimes.peek(this);
      if (!rt) return;
      rt.room = room;
      const header = {
        state: "ready" as HeaderState,
        ...roomHeaderView(room, Date.now()),
        ...(notice === undefined ? {} : { notice }),
      };
      const changes = { ...changedFields(this.data, header), ...this.statusChanges() };
      if (Object.keys(changes).length > 0) this.setData(changes);
      if (room.name) wx.setNavigationBarTitle({ title: room.name }).catch(() => undefined);
      this.afterStatus(null);
    },

    /** The status to show: the plugin's latest answer, else the backend's copy. */
    knownStatus(): LiveStatus | null {
      const rt = runtimes.peek(this);
      if (!rt) return null;
      return rt.polled.status ?? rt.recent ?? rt.room?.liveStatus ?? null;
    },

    statusChanges(): Partial<RoomStatusView> {
      const rt = runtimes.peek(this);
      if (!rt) return {};
      return changedFields(
        this.data,
        roomStatusView(this.knownStatus(), rt.polled.unknown, rt.room, Date.now()),
      );
    },

    onPolled(next: PollState) {
      const rt = runtimes.peek(this);
      if (!rt || rt.unloaded) return;
      const before = this.data.statusCode;
      rt.polled = next;
      const changes = this.statusChanges();
      if (Object.keys(changes).length > 0) this.setData(changes);
      this.afterStatus(before);
    },

    /** Effects of the status on screen; `before` is the code shown before this change. */
    afterStatus(before: number | null) {
      const rt = runtimes.peek(this);
      if (!rt) return;
      if (startedLive(before, this.data.statusCode)) {
        wx.showToast({ title: "直播开始了", icon: "none", duration: 1500 }).catch(() => undefined);
      }
      if (this.data.ended && this.data.replayState === "idle") void this.loadReplays();
      if (this.data.upcoming && !rt.askedSubscribe) {
        rt.askedSubscribe = true;
        // Plugin 1.3.0+; older plugins just leave the button to show its own state.
        getSubscribeStatus(rt.roomId)
          .then((subscribed) => {
            if (!rt.unloaded && subscribed !== this.data.subscribed) this.setData({ subscribed });
          })
          .catch(() => undefined);
      }
    },

    async loadReplays(): Promise<void> {
      const rt = runtimes.peek(this);
      if (!rt) return;
      if (this.data.replayState !== "ready") this.setData({ replayState: "loading" });
      try {
        const list = await fetchReplays(rt.roomId);
        if (rt.unloaded) return;
        const replays = playableReplays(list.value.replays, Date.now());
        this.setData({
          replays,
          replayIndex: 0,
          replayBroken: false,
          replayState: replays.length > 0 ? "ready" : "empty",
        });
      } catch {
        if (!rt.unloaded) this.setData({ replayState: "error" });
      }
    },

    onRetryReplays() {
      void this.loadReplays();
    },

    onPickReplay(
      e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>,
    ) {
      const index = Number(e.currentTarget.dataset.index);
      if (!Number.isInteger(index) || index < 0 || index >= this.data.replays.length) return;
      if (index !== this.data.replayIndex) this.setData({ replayIndex: index, replayBroken: false });
    },

    onReplayError() {
      if (!this.data.replayBroken) this.setData({ replayBroken: true });
    },

    onRetry() {
      if (!runtimes.peek(this)) return;
      this.setData({ state: "loading", errorText: "" });
      void this.loadRoom();
    },

    /** Attribution for the live page and the subscribe reminder: entry source and sharer. */
    attribution(): Attribution {
      const rt = runtimes.peek(this);
      return currentAttribution("room", rt?.roomId ?? 0, rt?.sharer);
    },

    /** What the live page gets: the share card's custom_params for this room, plus our attribution. */
    liveParams(): CustomParams | null {
      const rt = runtimes.peek(this);
      return liveCustomParams(rt ? sharedCustomParams(rt.roomId) : null, this.attribution());
    },

    subscribeParams(): string {
      const params = this.liveParams();
      return params ? encodeCustomParams(params) : "";
    },

    onEnterLive() {
      if (this.data.canEnter) this.openLivePage("打开直播间失败，请重试");
    },

    /** WeChat's own replay: the plugin's live page of the ended room (with its comments). */
    onWatchReplay() {
      if (this.data.ended && this.data.replayState === "ready") this.openLivePage("打开回放失败，请重试");
    },

    /** Opens this room's live page with our custom_params; one at a time, a failure says so. */
    openLivePage(failure: string) {
      const rt = runtimes.peek(this);
      if (!rt || rt.navigating) return;
      // liveCustomParams keeps the whole value within the plugin's 600 characters
      const url = buildLivePageUrl({ roomId: rt.roomId, customParams: this.liveParams() });
      rt.navigating = true;
      void navigate(decideOpen(currentStack(), url), { toast: failure }).then(() => {
        rt.navigating = false;
      });
    },

    onBackToList() {
      void navigate(decideHome(currentStack()));
    },

    onSubscribe(e: WechatMiniprogram.CustomEvent<SubscribeEventDetail>) {
      const detail = e?.detail;
      if (!detail || typeof detail.is_subscribe !== "boolean") return;
      rememberViewerOpenid(detail.openid);
      if (detail.is_subscribe !== this.data.subscribed) this.setData({ subscribed: detail.is_subscribe });
    },
  },
});
