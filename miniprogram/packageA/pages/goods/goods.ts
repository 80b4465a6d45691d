/**
 * Goods detail, opened from a live room's shelf (the plugin appends room_id and custom_params to the
 * registered `packageA/pages/goods/goods?goods_id=ID`), from a share, or cold. Every query value may be
 * missing or garbage; the page always shows something useful and a way back to the live room or home.
 */
import type { Room } from "../../../../typings/api";
import {
  decideBackToLive,
  decideHome,
  decideOpen,
  HOME_URL,
  liveButtonFor,
  liveCustomParams,
  type BackToLiveAction,
  type HomeAction,
  type LiveButton,
  type OpenAction,
} from "../../../core/back-to-live";
import { attributionFor } from "../../../core/entry";
import { buildLivePageUrl, type CustomParams } from "../../../core/plugin-urls";
import { parseCustomParams, parseGoodsId, parseRoomId } from "../../../core/query";
import { mayHaveReplays, playableReplays } from "../../../core/replays";
import { roomPageUrl } from "../../../core/room-list";
import { fetchGoods, fetchReplays, fetchRoom } from "../../../services/api";
import { HttpError } from "../../../services/http";
import {
  goodsPagePath,
  stateMessage,
  toGoodsView,
  toRoomView,
  type GoodsView,
  type PageState,
  type RoomView,
  type StateMessage,
} from "./goods-view";

type GoodsOutcome =
  { ok: true; value: Awaited<ReturnType<typeof fetchGoods>> } | { ok: false; error: unknown };

function currentRoutes(): string[] {
  return getCurrentPages().map((page) => page.route);
}

function navigationFailed(): void {
  wx.showToast({ title: "页面打开失败，请稍后重试", icon: "none" });
}

/** Carries out a decision of core/back-to-live; it never produces switchTab, and reLaunch only for home. */
function run(action: BackToLiveAction | HomeAction | OpenAction): void {
  const fail = navigationFailed;
  switch (action.kind) {
    case "navigateBack":
      wx.navigateBack({ delta: action.delta, fail });
      break;
    case "navigateTo":
      wx.navigateTo({ url: action.url, fail });
      break;
    case "redirectTo":
      wx.redirectTo({ url: action.url, fail });
      break;
    case "reLaunch":
      wx.reLaunch({ url: action.url, fail });
      break;
  }
}

/** A room for display; a missing or unreachable room only hides the room card. */
async function loadRoom(roomId: number): Promise<Room | null> {
  try {
    const result = await fetchRoom(roomId);
    return result.status === 200 ? result.body : null;
  } catch {
    return null;
  }
}

/** Whether the room page would have a replay to play (expired links do not count). */
async function hasReplays(roomId: number): Promise<boolean> {
  try {
    return playableReplays((await fetchReplays(roomId)).value.replays, Date.now()).length > 0;
  } catch {
    // Unknown replays: offering 看回放 could lead to an empty page, so the button hides.
    return false;
  }
}

/** Attribution for the live pages we open: how the shopper entered, and who shared it with them. */
function attribution(): CustomParams {
  const globalData = getApp<IAppOption>()?.globalData;
  return attributionFor(globalData?.entry, "goods", globalData?.shareParams?.shareOpenid);
}

Component({
  options: { pureDataPattern: /^_/ },
  data: {
    state: "loading" as PageState,
    message: null as StateMessage | null,
    goods: null as GoodsView | null,
    room: null as RoomView | null,
    liveButton: "none" as LiveButton,
    navBack: false,
    _goodsId: 0,
    /** 0 when the query had no valid room_id: the page then works without back-to-live. */
    _roomId: 0,
    _customParams: null as CustomParams | null,
    /** This page's position in the stack when it opened (1 = opened cold). */
    _depth: 1,
    /** Each load bumps it; answers of an older load are dropped. */
    _seq: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const goodsId = parseGoodsId(query.goods_id);
      const roomId = parseRoomId(query.room_id);
      const depth = Math.max(currentRoutes().length, 1);
      const liveButton: LiveButton = roomId === null ? "none" : "live";
      const state: PageState = goodsId === null ? "invalid" : "loading";
      const initial = {
        _goodsId: goodsId ?? 0,
        _roomId: roomId ?? 0,
        _customParams: parseCustomParams(query.custom_params),
        _depth: depth,
        state,
        message: stateMessage(state),
        liveButton,
        navBack: liveButton === "live" || depth > 1,
      };
      if (goodsId === null && roomId === null) {
        this.setData(initial);
        return;
      }
      void this.load(initial);
    },

    onPullDownRefresh() {
      if (this.data._goodsId === 0 && this.data._roomId === 0) {
        wx.stopPullDownRefresh();
        return;
      }
      void this.load({}).then(() => wx.stopPullDownRefresh());
    },

    onUnload() {
      this.setData({ _seq: this.data._seq + 1 });
    },

    onShareAppMessage() {
      const goods = this.data.goods;
      if (!goods) return { title: "直播好物", path: HOME_URL };
      return {
        title: goods.name,
        path: goodsPagePath(goods.goodsId, this.data._roomId || null),
        imageUrl: goods.coverImg || undefined,
      };
    },

    /** One setData to start (with `initial`), one with everything loaded. */
    async load(initial: Record<string, unknown>): Promise<void> {
      const seq = this.data._seq + 1;
      this.setData({ ...initial, _seq: seq });
      const { _goodsId: goodsId, _roomId: roomId } = this.data;

      const [goods, queryRoom] = await Promise.all([
        goodsId > 0
          ? fetchGoods(goodsId).then(
              (value): GoodsOutcome => ({ ok: true, value }),
              (error: unknown): GoodsOutcome => ({ ok: false, error }),
            )
          : Promise.resolve(null),
        roomId > 0 ? loadRoom(roomId) : Promise.resolve(null),
      ]);
      if (seq !== this.data._seq) return;

      // Without the shopper's room (none in the query, or unknown), show the first room selling it.
      let room = queryRoom;
      const firstRoomId = goods?.ok ? goods.value.roomIds.find((id) => id !== roomId) : undefined;
      if (!room && firstRoomId !== undefined) room = await loadRoom(firstRoomId);
      const replays = queryRoom && mayHaveReplays(queryRoom) ? await hasReplays(roomId) : false;
      if (seq !== this.data._seq) return;

      const update: Record<string, unknown> = { room: room ? toRoomView(room) : null };
      if (roomId > 0) {
        const liveButton = liveButtonFor(queryRoom?.liveStatus, replays);
        update.liveButton = liveButton;
        update.navBack = liveButton === "live" || this.data._depth > 1;
      }
      if (goods?.ok) {
        Object.assign(update, { state: "ready", message: null, goods: toGoodsView(goods.value.goods) });
      } else if (goods && goods.error instanceof HttpError && goods.error.status === 404) {
        Object.assign(update, { state: "notFound", message: stateMessage("notFound"), goods: null });
      } else if (goods && this.data.goods) {
        // A failed refresh keeps what is on screen.
        wx.showToast({ title: "刷新失败，请稍后重试", icon: "none" });
      } else if (goods) {
        const text = goods.error instanceof Error ? goods.error.message : "";
        Object.assign(update, { state: "error", message: stateMessage("error", text) });
      }
      this.setData(update);
    },

    onRetry() {
      void this.load({ state: "loading", message: null });
    },

    /** The custom_params the live page gets: the ones we arrived with plus our attribution, ≤600. */
    liveParams(): CustomParams | null {
      return liveCustomParams(this.data._customParams, attribution());
    },

    onBackToLive() {
      const roomId = this.data._roomId;
      if (roomId === 0) return;
      run(decideBackToLive({ routes: currentRoutes(), roomId, customParams: this.liveParams() }));
    },

    /** The nav bar's back: to the live room while it is on, else the previous page, else home. */
    onNavBack() {
      if (this.data.liveButton === "live" && this.data._roomId > 0) {
        this.onBackToLive();
      } else if (currentRoutes().length > 1) {
        run({ kind: "navigateBack", delta: 1 });
      } else {
        this.onHome();
      }
    },

    onHome() {
      run(decideHome(currentRoutes()));
    },

    onReplay() {
      const roomId = this.data._roomId;
      if (roomId > 0) run(decideOpen(currentRoutes(), roomPageUrl(roomId)));
    },

    onOpenRoom(event: WechatMiniprogram.CustomEvent<{ roomId: number }>) {
      const room = this.data.room;
      if (!room || room.roomId !== event.detail.roomId) return;
      if (!room.canEnter) {
        run(decideOpen(currentRoutes(), roomPageUrl(room.roomId)));
      } else if (room.roomId === this.data._roomId) {
        this.onBackToLive();
      } else {
        const url = buildLivePageUrl({
          roomId: room.roomId,
          customParams: liveCustomParams(null, attribution()),
        });
        run(decideOpen(currentRoutes(), url));
      }
    },
  },
});
