import type { Logger } from "pino";
import type { Goods, ReplayListResponse, Room } from "../../../typings/api";
import { SharedEntry } from "../cache/shared-entry";
import type { SharedEntryOptions, View } from "../cache/shared-entry";
import type { Metrics } from "../metrics";
import type { QuotaGovernor } from "../quota/governor";
import type { Store } from "../store/store";
import type { ReplayList, RoomList, WechatClient } from "../wechat/client";
import { QuotaExhaustedError } from "../wechat/errors";

export interface RoomsServiceOptions {
  client: WechatClient;
  governor: QuotaGovernor;
  store: Store;
  now: () => number;
  log: Logger;
  metrics: Metrics;
  replaysRefreshMs: number;
  hiddenRoomIds: number[];
  pinnedRoomIds: number[];
  /** Bounds a refresh: pages × timeout, with room to spare. */
  lockMs: number;
  /**
   * LIVE_PLUGIN=off: the shop has no 小程序直播 rooms. The list is empty (200, not stale) and WeChat is
   * never asked, so no quota is spent; room, replay and goods lookups find nothing (404).
   */
  livePlugin?: boolean;
}

export interface VisibleRooms {
  rooms: Room[];
  byId: Map<number, Room>;
  updatedAt: number;
  stale: boolean;
}

type SharedOptions = SharedEntryOptions<unknown>;

const ENDED = 103; // the only status whose rooms can have replays
const COLD_RETRY_MS = 5_000;
const pagesFor = (list: RoomList | undefined): number => Math.max(1, Math.ceil((list?.total ?? 0) / 100));

/** The merchant's view of WeChat's rooms: cached list, hidden and pinned rooms, replays per room. */
export class RoomsService {
  private readonly list: SharedEntry<RoomList>;
  private readonly replays = new Map<number, SharedEntry<ReplayList>>();
  private derived?: { source: RoomList; rooms: Room[]; byId: Map<number, Room> };
  /** The answer while LIVE_PLUGIN=off: one object, so its prepared answer and ETag never change. */
  private readonly withoutPlugin: VisibleRooms;

  constructor(private readonly o: RoomsServiceOptions) {
    const { governor, client } = o;
    this.withoutPlugin = { rooms: [], byId: new Map(), updatedAt: o.now(), stale: false };
    this.list = new SharedEntry<RoomList>({
      ...this.common(),
      cache: "rooms",
      key: "rooms",
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
    "store" | "now" | "log" | "metrics" | "coldRetryMs" | "lockMs" | "prepare"
  > {
    const { store, now, log, metrics, lockMs, governor } = this.o;
    return { store, now, log, metrics, lockMs, coldRetryMs: COLD_RETRY_MS, prepare: () => governor.load() };
  }

  /** Hidden rooms removed, pinned rooms first (in ROOMS_PINNED order), the rest in WeChat's order. */
  private derive(source: RoomList): { rooms: Room[]; byId: Map<number, Room> } {
    if (this.derived?.source === source) return this.derived;
    const hidden = new Set(this.o.hiddenRoomIds);
    const shown = source.rooms.filter((r) => !hidden.has(r.roomId));
    const pinnedIds = this.o.pinnedRoomIds.filter((id) => !hidden.has(id));
    const pinned = pinnedIds
      .map((id) => shown.find((r) => r.roomId === id))
      .filter((r) => r !== undefined)
      .map((r) => ({ ...r, pinned: true }));
    const pinnedSet = new Set(pinnedIds);
    const rooms = [...pinned, ...shown.filter((r) => !pinnedSet.has(r.roomId))];
    this.derived = { source, rooms, byId: new Map(rooms.map((r) => [r.roomId, r])) };
    return this.derived;
  }

  private visibleMemo?: { view: View<RoomList>; visible: VisibleRooms };

  /** The same object for as long as the cached copy and its staleness do not change. */
  async visible(): Promise<VisibleRooms> {
    if (this.o.livePlugin === false) return this.withoutPlugin;
    const view: View<RoomList> = await this.list.get();
    if (this.visibleMemo?.view === view) return this.visibleMemo.visible;
    const visible = { ...this.derive(view.value), updatedAt: view.updatedAt, stale: view.stale };
    this.visibleMemo = { view, visible };
    return visible;
  }

  /** Replays of a visible room; undefined when the room is unknown or hidden. */
  async replaysOf(roomId: number): Promise<ReplayListResponse | undefined> {
    const rooms = await this.visible();
    const room = rooms.byId.get(roomId);
    if (!room) return undefined;
    if (room.liveStatus !== ENDED) {
      // a room that has not ended cannot have replays: no quota spent
      return { replays: [], total: 0, updatedAt: rooms.updatedAt, stale: rooms.stale };
    }
    const view = await this.replayEntry(roomId).get();
    return { ...view.value, updatedAt: view.updatedAt, stale: view.stale };
  }

  private replayEntry(roomId: number): SharedEntry<ReplayList> {
    let entry = this.replays.get(roomId);
    if (!entry) {
      const { governor, client, replaysRefreshMs } = this.o;
      entry = new SharedEntry<ReplayList>({
        ...this.common(),
        cache: "replays",
        key: `replays:${roomId}`,
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

  /** A goods item and the visible rooms whose shelf carries it, in list order. */
  async goods(
    goodsId: number,
  ): Promise<{ goods: Goods; roomIds: number[]; stale: boolean; version: Room[] } | undefined> {
    const { rooms, stale } = await this.visible();
    let goods: Goods | undefined;
    const roomIds: number[] = [];
    for (const room of rooms) {
      const found = room.goods.find((g) => g.goodsId === goodsId);
      if (found) {
        goods ??= found;
        roomIds.push(room.roomId);
      }
    }
    return goods && { goods, roomIds, stale, version: rooms };
  }

  /** What the list cache holds, without touching WeChat. */
  listStatus(): { cached: boolean; updatedAt?: number; stale?: boolean } {
    const view = this.list.peek();
    return view ? { cached: true, updatedAt: view.updatedAt, stale: view.stale } : { cached: false };
  }

  async settled(): Promise<void> {
    await this.list.settled();
    await Promise.all([...this.replays.values()].map((e) => e.settled()));
  }
}
