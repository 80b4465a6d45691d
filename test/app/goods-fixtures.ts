/** Backend payloads and a fake backend for goods-page tests and the goods budget. */
import type { Goods, GoodsResponse, LiveStatus, Replay, Room } from "../../typings/api";
import { goodsKey } from "../../server/src/goods/goods-key";
import type { Backend, BackendReply } from "../support/harness";

export function goodsFixture(overrides: Partial<Goods> = {}): Goods {
  return {
    goodsId: 7,
    name: "羊绒围巾 秋冬加厚款",
    coverImg: "https://img.example.com/goods/7.jpg",
    // the shop's own key, unrelated to WeChat's goodsId
    url: "packageA/pages/goods/goods?id=8812",
    price: 19900,
    priceType: 1,
    ...overrides,
  };
}

export function roomFixture(roomId: number, liveStatus: LiveStatus, overrides: Partial<Room> = {}): Room {
  return {
    roomId,
    name: `秋冬上新专场 ${roomId}`,
    coverImg: `https://img.example.com/rooms/${roomId}.jpg`,
    liveStatus,
    startTime: 1_700_000_000,
    endTime: 1_700_007_200,
    anchorName: "小美",
    goods: [],
    ...overrides,
  };
}

export interface FakeBackend {
  goods?: Goods | null;
  roomIds?: number[];
  rooms?: Room[];
  replays?: Record<number, Replay[]>;
  /** Reply for /api/goods other than the goods (e.g. a 500). */
  goodsReply?: BackendReply;
}

const notFound = (what: string): BackendReply => ({
  statusCode: 404,
  data: { error: { code: "not_found", message: `${what}不存在` } },
});

/**
 * Routes /api/goods?url=, /api/rooms/:id and /api/rooms/:id/replays from the given data. Goods are
 * matched the way the backend matches them: by the goods key of the registered URL (its own code).
 */
export function fakeBackend(spec: FakeBackend): Backend {
  return (url) => {
    const path = url.pathname;
    if (path === "/api/goods") {
      if (spec.goodsReply) return spec.goodsReply;
      const key = goodsKey(url.searchParams.get("url") ?? "");
      if (key === null)
        return { statusCode: 400, data: { error: { code: "bad_request", message: "url 有误" } } };
      const goods = spec.goods;
      if (!goods || goodsKey(goods.url) !== key) return notFound("商品");
      const body: GoodsResponse = { goods, roomIds: spec.roomIds ?? [] };
      return { statusCode: 200, data: body };
    }
    let match = /^\/api\/rooms\/(\d+)\/replays$/.exec(path);
    if (match) {
      const replays = spec.replays?.[Number(match[1])] ?? [];
      return { statusCode: 200, data: { replays, total: replays.length, updatedAt: 1, stale: false } };
    }
    match = /^\/api\/rooms\/(\d+)$/.exec(path);
    if (match) {
      const room = spec.rooms?.find((r) => r.roomId === Number(match?.[1]));
      return room ? { statusCode: 200, data: room } : notFound("直播间");
    }
    return notFound("接口");
  };
}
