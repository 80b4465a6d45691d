/**
 * Rooms and backend answers shaped like the real /api/rooms (typings/api.d.ts), with the image URLs
 * and fields WeChat really sends, so byte budgets are measured on realistic payloads.
 */
import type { Goods, LiveStatus, Room, RoomListResponse } from "../../../typings/api";
import type { BackendReply } from "../../support/harness";
import { harness } from "../../support/harness";

/** 2025-11-29 19:00:00 Beijing time. */
export const NOW = new Date("2025-11-29T19:00:00+08:00").getTime();
export const NOW_S = Math.floor(NOW / 1000);

const img = (kind: string, n: number): string =>
  `https://mmbiz.qpic.cn/mmbiz_jpg/Fxr8kXqZ${kind}${n}aXb3kLmQ2sR9tUvWxYz/0?wx_fmt=jpeg`;

export function goods(n: number): Goods {
  return {
    goodsId: 1000 + n,
    name: `秋冬加厚羊毛围巾 款${n}`,
    coverImg: img("goods", n),
    url: `packageA/pages/goods/goods?id=${1000 + n}`,
    price: 9900 + n,
    priceType: 1,
  };
}

export interface RoomSeed {
  status?: LiveStatus;
  /** Start relative to NOW, in seconds. */
  startIn?: number;
  goods?: number;
  name?: string;
  pinned?: boolean;
  closeReplay?: number;
}

export function room(id: number, seed: RoomSeed = {}): Room {
  const start = NOW_S + (seed.startIn ?? -3600);
  const r: Room = {
    roomId: id,
    name: seed.name ?? `好物直播第${id}场`,
    coverImg: img("cover", id),
    shareImg: img("share", id),
    feedsImg: img("feeds", id),
    liveStatus: seed.status ?? 103,
    startTime: start,
    endTime: start + 7200,
    anchorName: `主播${id}`,
    liveType: 0,
    closeLike: 0,
    closeGoods: 0,
    closeComment: 0,
    closeKf: 0,
    closeReplay: seed.closeReplay ?? 0,
    isFeedsPublic: 1,
    goods: Array.from({ length: seed.goods ?? 2 }, (_, i) => goods(id * 10 + i)),
  };
  if (seed.pinned) r.pinned = true;
  return r;
}

/** `count` rooms with ids from `firstId`, a mix of ended rooms with a few goods each. */
export function rooms(firstId: number, count: number, seed: RoomSeed = {}): Room[] {
  return Array.from({ length: count }, (_, i) => room(firstId + i, { goods: i % 5, ...seed }));
}

export function listBody(
  list: Room[],
  total = list.length,
  extra: Partial<RoomListResponse> = {},
): RoomListResponse {
  return { rooms: list, total, updatedAt: NOW, stale: false, ...extra };
}

export function ok(body: unknown, etag = '"v1"'): Exclude<BackendReply, "hold"> {
  return { statusCode: 200, data: body, header: { ETag: etag } };
}

/** A paging backend over `all`: answers `start`/`limit`, and 304 when If-None-Match matches `etag`. */
export function pagedBackend(all: Room[], etag = '"v1"'): void {
  harness.backend = (url, options) => {
    if (url.pathname !== "/api/rooms")
      return { statusCode: 404, data: { error: { code: "not_found", message: "没有这个接口" } } };
    const start = Number(url.searchParams.get("start") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 20);
    if (start === 0 && options.header?.["If-None-Match"] === etag) return { statusCode: 304 };
    return ok(listBody(all.slice(start, start + limit), all.length), etag);
  };
}

/** The storage entry services/storage-cache.ts writes for the room list. */
export function seedCache(body: RoomListResponse, savedAt: number, etag: string | null = '"v1"'): void {
  harness.storage.set("live-cache:v1:rooms:list", JSON.parse(JSON.stringify({ value: body, savedAt, etag })));
}
