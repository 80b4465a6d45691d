/**
 * Goods detail, opened from a live room's shelf (the plugin opens the URL the shop registered, e.g.
 * `packageA/pages/goods/goods?id=8812`, with room_id and custom_params appended), from a share, or
 * cold. The page asks the backend for its goods by that URL (core/goods-lookup), whatever keys the
 * shop uses. Every query value may be missing or garbage; the page always shows something useful and a
 * way back to the live room or home.
 */
import type { Room } from "../../../../typings/api";
import { decideBackToLive, liveButtonFor, type LiveButton } from "../../../core/back-to-live";
import { liveCustomParams, type CustomParams } from "../../../core/custom-params";
import { goodsLookupUrl } from "../../../core/goods-lookup";
import {
  failedLookupState,
  goodsSharePath,
  stateMessage,
  toGoodsRoomView,
  toGoodsView,
  type GoodsRoomView,
  type GoodsView,
  type PageState,
  type StateMessage,
} from "../../core/goods-page-view";
import { instanceState } from "../../../core/instance-state";
import {
  GOODS_ROUTE,
  HOME_URL,
  decideBack,
  decideHome,
  decideOpen,
  roomPageUrl,
} from "../../../core/navigation";
import { buildLivePageUrl } from "../../../core/plugin-urls";
import { parseCustomParams, parseRoomId } from "../../../core/query";
import { mayHaveReplays, playableReplays } from "../../../core/replays";
import { sharerIdOf } from "../../../core/sharer";
import { fetchGoods, fetchReplays, fetchRoom } from "../../../services/api";
import { currentAttribution } from "../../../services/attribution";
import { HttpError, errorText } from "../../../services/http";
import { currentStack, navigate } from "../../../services/navigation";
import { knownViewerOpenid } from "../../services/live-plugin";
import { ensureShareParams } from "../../services/share-params";

type GoodsOutcome =
  { ok: true; value: Awaited<ReturnType<typeof fetchGoods>> } | { ok: false; error: unknown };

/** What the page knows but never renders (core/instance-state.ts says why it is not in `data`). */
interface GoodsPageState {
  /** What the backend is asked with (`route?shop keys`), or "" when the query has none. */
  lookup: string;
  /** The URL the shop registered for the goods, once loaded (the share path is built from it). */
  registeredUrl: string;
  /** 0 when the query had no valid room_id: the page then works without back-to-live. */
  roomId: number;
  customParams: CustomParams | null;
  /** This page's position in the stack when it opened (1 = opened cold). */
  depth: number;
  /** Each load bumps it; answers of an older load are dropped. */
  seq: number;
}

const pageStates = instanceState<GoodsPageState>(() => ({
  lookup: "",
  registeredUrl: "",
  roomId: 0,
  customParams: null,
  depth: 1,
  seq: 0,
}));

/** A room for display; a missing or unreachable room only hides the room card. */
async function loadRoom(roomId: number): Promise<Room | null> {
  try {
    const result = await fetchRoom(roomId);
    return result.status === 200 ? result.body : null;
  } catch {
    return null;
  }
}

/** Whether the ended room has a replay to watch (expired links do not count). */
async function hasReplays(roomId: number): Promise<boolean> {
  try {
    return playableReplays((await fetchReplays(roomId)).value.replays, Date.now()).length > 0;
  } catch {
    // Unknown replays: offering 看回放 could lead to an empty page, so the button hides.
    return false;
  }
}

Component({
  data: {
    state: "loading" as PageState,
    message: null as StateMessage | null,
    goods: null as GoodsView | null,
    room: null as GoodsRoomView | null,
    liveButton: "none" as LiveButton,
    navBack: false,
    /** For the back-to-live component: the query's room_id and custom_params as they arrived. */
    roomIdText: "",
    customParamsText: "",
    /** The room's status once loaded (0 = unknown) and whether its replay can be watched. */
    roomStatus: 0,
    hasReplays: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const s = pageStates.of(this);
      const lookup = goodsLookupUrl(GOODS_ROUTE, query);
      const roomId = parseRoomId(query.room_id);
      s.lookup = lookup ?? "";
      s.roomId = roomId ?? 0;
      s.customParams = parseCustomParams(query.custom_params);
      s.depth = Math.max(currentStack().length, 1);
      const liveButton: LiveButton = roomId === null ? "none" : "live";
      const state: PageState = lookup === null ? "invalid" : "loading";
      const initial = {
        roomIdText: roomId === null ? "" : String(roomId),
        customParamsText: typeof query.custom_params === "string" ? query.custom_params : "",
        state,
        message: stateMessage(state),
        liveButton,
        navBack: liveButton === "live" || s.depth > 1,
      };
      if (lookup === null && roomId === null) {
        this.setData(initial);
        return;
      }
      void this.load(initial);
    },

    onShow() {
      // opened from the plugin's live page after a share card or a scan: the sharer is read here too
      void ensureShareParams();
    },

    onPullDownRefresh() {
      const s = pageStates.of(this);
      if (s.lookup === "" && s.roomId === 0) {
        wx.stopPullDownRefresh();
        return;
      }
      void this.load({}).then(() => wx.stopPullDownRefresh());
    },

    onUnload() {
      // an answer still on its way finds a newer load and is dropped
      pageStates.of(this).seq += 1;
    },

    onShareAppMessage() {
      const s = pageStates.of(this);
      const goods = this.data.goods;
      if (!goods || s.registeredUrl === "") return { title: "直播好物", path: HOME_URL };
      const path = goodsSharePath({
        registeredUrl: s.registeredUrl,
        roomId: s.roomId,
        arrived: s.customParams,
        // the one sharing is the sharer, as a sharer id: an openid never goes into a link
        sharerId: sharerIdOf(knownViewerOpenid()),
      });
      return { title: goods.name, path, imageUrl: goods.coverImg || undefined };
    },

    /** One setData to start (with `initial`, when there is any), one with everything loaded. */
    async load(initial: Record<string, unknown>): Promise<void> {
      const s = pageStates.of(this);
      const seq = (s.seq += 1);
      if (Object.keys(initial).length > 0) this.setData(initial);
      const { lookup, roomId } = s;

      const [goods, queryRoom] = await Promise.all([
        lookup !== ""
          ? fetchGoods(lookup).then(
              (value): GoodsOutcome => ({ ok: true, value }),
              (error: unknown): GoodsOutcome => ({ ok: false, error }),
            )
          : Promise.resolve(null),
        roomId > 0 ? loadRoom(roomId) : Promise.resolve(null),
      ]);
      if (seq !== s.seq) return;

      // Without the shopper's room (none in the query, or unknown), show the first room selling it.
      let room = queryRoom;
      const firstRoomId = goods?.ok ? goods.value.roomIds.find((id) => id !== roomId) : undefined;
      if (!room && firstRoomId !== undefined) room = await loadRoom(firstRoomId);
      const replays = queryRoom && mayHaveReplays(queryRoom) ? await hasReplays(roomId) : false;
      if (seq !== s.seq) return;

      const update: Record<string, unknown> = { room: room ? toGoodsRoomView(room) : null };
      if (roomId > 0) {
        const liveButton = liveButtonFor(queryRoom?.liveStatus, replays);
        Object.assign(update, {
          liveButton,
          navBack: liveButton === "live" || s.depth > 1,
          roomStatus: queryRoom?.liveStatus ?? 0,
          hasReplays: replays,
        });
      }
      const failed =
        goods && !goods.ok && goods.error instanceof HttpError && goods.error.status !== undefined
          ? failedLookupState(goods.error.status)
          : null;
      if (goods?.ok) {
        s.registeredUrl = goods.value.goods.url;
        Object.assign(update, { state: "ready", message: null, goods: toGoodsView(goods.value.goods) });
      } else if (goods && failed) {
        Object.assign(update, { state: failed, message: stateMessage(failed), goods: null });
      } else if (goods && this.data.goods) {
        // A failed refresh keeps what is on screen.
        wx.showToast({ title: "刷新失败，请稍后重试", icon: "none" });
      } else if (goods && !goods.ok) {
        Object.assign(update, { state: "error", message: stateMessage("error", errorText(goods.error, "")) });
      }
      this.setData(update);
    },

    onRetry() {
      void this.load({ state: "loading", message: null });
    },

    /** The custom_params a live page opened from here gets: what we arrived with plus attribution. */
    liveParams(roomId: number, arrived: CustomParams | null): CustomParams | null {
      return liveCustomParams(arrived, currentAttribution("goods", roomId));
    },

    /** The same way back as the back-to-live component's, for the nav bar and the room card. */
    backToLive() {
      const { roomId, customParams } = pageStates.of(this);
      if (roomId === 0) return;
      void navigate(
        decideBackToLive({
          stack: currentStack(),
          roomId,
          customParams: this.liveParams(roomId, customParams),
        }),
      );
    },

    /** The nav bar's back: to the live room while it is on, else the previous page, else home. */
    onNavBack() {
      if (this.data.liveButton === "live" && pageStates.of(this).roomId > 0) this.backToLive();
      else void navigate(decideBack(currentStack()));
    },

    onHome() {
      void navigate(decideHome(currentStack()));
    },

    onOpenRoom(event: WechatMiniprogram.CustomEvent<{ id: number }>) {
      const room = this.data.room;
      if (!room || room.id !== event.detail.id) return;
      const stack = currentStack();
      if (!room.enter) {
        void navigate(decideOpen(stack, roomPageUrl(room.id)));
      } else if (room.id === pageStates.of(this).roomId) {
        this.backToLive();
      } else {
        const url = buildLivePageUrl({ roomId: room.id, customParams: this.liveParams(room.id, null) });
        void navigate(decideOpen(stack, url));
      }
    },
  },
});
