import type { Logger } from "pino";
import type { Goods, ReplayCapableStatus, ReplayListResponse, Room } from "../api/contract";
import { isReplayList, isRoomList } from "./checks";
import { SharedEntry } from "../cache/shared-entry";
import type { SharedEntryOptions, View } from "../cache/shared-entry";
import type { Metrics } from "../metrics";
import type { QuotaGovernor } from "../quota/governor";
import type { Store } from "../store/store";
import type { ReplayList, RoomList, WechatClient } from "../wechat/client";
import { QuotaExhaustedError, describeWechatFailure } from "../wechat/errors";
import { goodsKey } from "../goods/goods-key";

export interface RoomsServiceOptions {
  client: WechatClient;
  governor: QuotaGovernor;
  store: Store;
  now: () => number;
  log: Logger;
  metrics: Metrics;
  replaysRefreshMs: number;
  /** Hidden and pinned rooms: ROOMS_HIDDEN/ROOMS_PINNED, or the operator console's choices. */
  choices: RoomChoiceSource;
  /** Bounds a refresh: pages × timeout, with room to spare. */
  lockMs: number;
  /**
   * LIVE_PLUGIN=off: the shop has no 小程序直播 rooms. The list is empty (200, not stale) and WeChat is
   * never asked, so no quota is spent; room, replay and goods lookups find nothing (404).
   */
  livePlugin?: boolean;
}

/** Which rooms shoppers do not get, and which come first (in this order). */
export interface RoomChoices {
  readonly hidden: readonly number[];
  readonly pinned: readonly number[];
}

/**
 * Where the choices come from: the configuration (`fixedChoices`) or the operator console's settings in
 * the store (admin/settings.ts). `current()` is read on every request, so it is synchronous and returns
 * the same object until the choices change; a new object re-derives the list (and so drops the answers
 * prepared for the old one).
 */
export interface RoomChoiceSource {
  current(): RoomChoices;
}

/** Choices fixed for the process's life (ROOMS_HIDDEN, ROOMS_PINNED). */
export function fixedChoices(hidden: readonly number[], pinned: readonly number[]): RoomChoiceSource {
  const choices: RoomChoices = { hidden: [...hidden], pinned: [...pinned] };
  return { current: () => choices };
}

/** A goods item found by its URL, with the visible rooms whose shelf carries it (list order). */
export interface GoodsEntry {
  goods: Goods;
  roomIds: number[];
}

export interface VisibleRooms {
  rooms: Room[];
  byId: Map<number, Room>;
  /** Goods of the visible rooms by goods key (goods/goods-key.ts), built once per list version. */
  goodsByKey: Map<string, GoodsEntry>;
  updatedAt: number;
  stale: boolean;
}

type Derived = Pick<VisibleRooms, "rooms" | "byId" | "goodsByKey">;

/** What the list was derived from: WeChat's list and the choices applied to it. */
interface DerivedFrom {
  source: RoomList;
  choices: RoomChoices;
}

type SharedOptions = SharedEntryOptions<unknown>;

/** Statuses with replays: the contract's ReplayCapableStatus exactly, or this does not compile. */
const REPLAY_STATUSES: Readonly<Record<ReplayCapableStatus, true>> = { 103: true };
const COLD_RETRY_MS = 5_000;
const pagesFor = (list: RoomList | undefined): number => Math.max(1, Math.ceil((list?.total ?? 0) / 100));

/** The merchant's view of WeChat's rooms: cached list, hidden and pinned rooms, replays per room. */
export class RoomsService {
  private readonly list: SharedEntry<RoomList>;
  private readonly replays = new Map<number, SharedEntry<ReplayList>>();
  private derived?: Derived & DerivedFrom;
  /** The answer while LIVE_PLUGIN=off: one object, so its prepared answer and ETag never change. */
  private readonly withoutPlugin: VisibleRooms;

  constructor(private readonly o: RoomsServiceOptions) {
    const { governor, client } = o;
    this.withoutPlugin = {
      rooms: [],
      byId: new Map(),
      goodsByKey: new Map(),
      updatedAt: o.now(),
      stale: false,
    };
    this.list = new SharedEntry<RoomList>({
      ...this.common(),
      cache: "rooms",
      key: "rooms",
      check: isRoomList,
      fetch: async () => {
        // with a known list size, only start a pass the budget can finish
        if (!governor.canRefreshList(pagesFor(this.derived?.source)))
          throw new QuotaExhaustedError("getliveinfo");
        return client.listRooms();
      },
      dueAt: (last, current) => governor.listDueAt(last, pagesFor(current)),
    });
  }

  private common(): Pick<
    SharedOptions,
    "store" | "now" | "log" | "metrics" | "coldRetryMs" | "lockMs" | "prepare" | "describeFailure"
  > {
    const { store, now, log, metrics, lockMs, governor } = this.o;
    return {
      store,
      now,
      log,
      metrics,
      lockMs,
      coldRetryMs: COLD_RETRY_MS,
      prepare: () => governor.load(),
      describeFailure: describeWechatFailure,
    };
  }

  /** Hidden rooms removed, pinned rooms first (in the pinned order), the rest in WeChat's order. */
  private derive(source: RoomList, choices: RoomChoices): Derived {
    if (this.derived?.source === source && this.derived.choices === choices) return this.derived;
    const hidden = new Set(choices.hidden);
    const shown = source.rooms.filter((r) => !hidden.has(r.roomId));
    const pinnedIds = choices.pinned.filter((id) => !hidden.has(id));
    const pinned = pinnedIds
      .map((id) => shown.find((r) => r.roomId === id))
      .filter((r) => r !== undefined)
      .map((r) => ({ ...r, pinned: true }));
    const pinnedSet = new Set(pinnedIds);
    const rooms = [...pinned, ...shown.filter((r) => !pinnedSet.has(r.roomId))];
    const byId = new Map(rooms.map((r) => [r.roomId, r]));
    this.derived = { source, choices, rooms, byId, goodsByKey: this.indexGoods(rooms) };
    return this.derived;
  }

  /**
   * Every visible room's goods by the key of the URL the shop registered. Goods whose URL is not a
   * page URL, or a second goods registered under a URL already taken, cannot be found by a goods page;
   * they are named in one log line per list version so the shop can fix the registration.
   */
  private indexGoods(rooms: Room[]): Map<string, GoodsEntry> {
    const byKey = new Map<string, GoodsEntry>();
    const unusable = new Set<number>();
    const clashing = new Set<number>();
    for (const room of rooms) {
      for (const goods of room.goods) {
        const key = goodsKey(goods.url);
        if (key === null) {
          unusable.add(goods.goodsId);
          continue;
        }
        const entry = byKey.get(key);
        if (!entry) byKey.set(key, { goods, roomIds: [room.roomId] });
        else if (entry.goods.goodsId !== goods.goodsId) clashing.add(goods.goodsId);
        else if (!entry.roomIds.includes(room.roomId)) entry.roomIds.push(room.roomId);
      }
    }
    if (unusable.size > 0 || clashing.size > 0) {
      this.o.log.warn(
        { unusableUrl: [...unusable], sameUrlAsOtherGoods: [...clashing] },
        "some goods cannot be found by their page URL; check the URLs registered for them",
      );
    }
    return byKey;
  }

  private visibleMemo?: { view: View<RoomList>; choices: RoomChoices; visible: VisibleRooms };

  /** The same object for as long as the cached copy, its staleness and the choices do not change. */
  private visibleOf(view: View<RoomList>): VisibleRooms {
    const choices = this.o.choices.current();
    const memo = this.visibleMemo;
    if (memo?.view === view && memo.choices === choices) return memo.visible;
    const visible = { ...this.derive(view.value, choices), updatedAt: view.updatedAt, stale: view.stale };
    this.visibleMemo = { view, choices, visible };
    return visible;
  }

  /** The visible rooms, fetching them from WeChat when nothing is cached yet. */
  async visible(): Promise<VisibleRooms> {
    if (this.o.livePlugin === false) return this.withoutPlugin;
    return this.visibleOf(await this.list.get());
  }

  /** The visible rooms as cached now, without waiting (a due refresh starts behind); undefined when none. */
  visibleNow(): VisibleRooms | undefined {
    if (this.o.livePlugin === false) return this.withoutPlugin;
    const view = this.list.current();
    return view && this.visibleOf(view);
  }

  // --- operator console (server/src/admin) ---

  /**
   * Every room in the cached list, hidden ones included, in WeChat's order (refreshing as shoppers'
   * requests do); undefined with LIVE_PLUGIN=off. Throws NothingCachedError like `visible()`.
   */
  async everyRoom(): Promise<View<RoomList> | undefined> {
    if (this.o.livePlugin === false) return undefined;
    return this.list.get();
  }

  /**
   * The console's 刷新: one list pass now if today's budget allows one, joining a pass already running
   * (in this process or, through the store's lock, another instance) instead of starting a second.
   */
  async refreshNow(): Promise<"done" | "no_quota" | "off"> {
    if (this.o.livePlugin === false) return "off";
    await this.o.governor.load();
    if (!this.o.governor.canRefreshList(pagesFor(this.list.peek()?.value))) return "no_quota";
    await this.list.refreshNow();
    return "done";
  }

  /**
   * Replays of a visible room, and the object that stays the same while they do (it keys the prepared
   * answer); undefined when the room is unknown or hidden.
   */
  async replaysOf(roomId: number): Promise<{ answer: ReplayListResponse; version: object } | undefined> {
    const rooms = await this.visible();
    const room = rooms.byId.get(roomId);
    if (!room) return undefined;
    if (!(room.liveStatus in REPLAY_STATUSES)) {
      // a room that has not ended cannot have replays: no quota spent
      const answer = { replays: [], total: 0, updatedAt: rooms.updatedAt, stale: rooms.stale };
      return { answer, version: rooms };
    }
    const view = await this.replayEntry(roomId).get();
    return { answer: { ...view.value, updatedAt: view.updatedAt, stale: view.stale }, version: view };
  }

  private replayEntry(roomId: number): SharedEntry<ReplayList> {
    let entry = this.replays.get(roomId);
    if (!entry) {
      const { governor, client, replaysRefreshMs } = this.o;
      entry = new SharedEntry<ReplayList>({
        ...this.common(),
        cache: "replays",
        key: `replays:${roomId}`,
        check: isReplayList,
        fetch: async () => {
          if (!governor.canFetchReplay()) throw new QuotaExhaustedError("get_replay");
          return client.listReplays(roomId);
        },
        dueAt: (last) => last + replaysRefreshMs,
      });
      this.replays.set(roomId, entry);
    }
    return entry;
  }

  /** The goods registered under a goods key (goods/goods-key.ts), or undefined. */
  async goods(key: string): Promise<{ entry: GoodsEntry; stale: boolean; version: Room[] } | undefined> {
    const { rooms, goodsByKey, stale } = await this.visible();
    const entry = goodsByKey.get(key);
    return entry && { entry, stale, version: rooms };
  }

  /** What the list cache holds, without touching WeChat; `failure` is why the last refresh failed. */
  listStatus(): { cached: boolean; updatedAt?: number; stale?: boolean; failure?: string } {
    const view = this.list.peek();
    const failure = this.list.lastFailure();
    return {
      cached: view !== undefined,
      ...(view ? { updatedAt: view.updatedAt, stale: view.stale } : {}),
      ...(failure ? { failure } : {}),
    };
  }

  async settled(): Promise<void> {
    await this.list.settled();
    await Promise.all([...this.replays.values()].map((e) => e.settled()));
  }
}
