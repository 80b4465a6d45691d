/**
 * The goods page opened from a live room (by the URL the shop registered, `?id=8812`), after the room
 * ended, for unknown goods, without a room, and with a link that has no product key.
 */
import { harness } from "../support/harness";
import { openForGallery } from "../support/gallery-render";
import { fakeBackend, goodsFixture, roomFixture } from "../support/fixtures/goods";
import { NOW, capture, fixClock } from "./gallery-helpers";
import { GOODS as ROUTE, LIST as ROOMS_ROUTE, LIVE_PAGE as LIVE_ROUTE } from "../support/fixtures/routes";

const START = Math.floor(NOW / 1000) - 1800;

fixClock();

const scarf = goodsFixture({ name: "羊绒围巾 秋冬加厚款 多色可选", price: 19900 });
const liveRoom = roomFixture(12, 101, { name: "秋冬羊绒围巾 直播特惠", startTime: START });
const replay = {
  mediaUrl: "https://example.com/replay/12.m3u8",
  createTime: "2025-11-29 17:10:00",
  expireTime: "2026-05-29 17:10:00",
};

async function shoot(
  name: string,
  caption: string,
  query: Record<string, string>,
  below: string[] = [ROOMS_ROUTE],
): Promise<void> {
  const page = openForGallery(ROUTE, { query, below });
  await capture(page, ROUTE, { name, page: "goods", caption });
}

test("opened from a live room: back controls", async () => {
  harness.backend = fakeBackend({ goods: scarf, roomIds: [12], rooms: [liveRoom] });
  await shoot("goods-from-live", "从直播间打开：返回直播间", { id: "8812", room_id: "12" }, [
    ROOMS_ROUTE,
    LIVE_ROUTE,
  ]);
});

test("the room has ended (with a replay)", async () => {
  harness.backend = fakeBackend({
    goods: scarf,
    roomIds: [12],
    rooms: [{ ...liveRoom, liveStatus: 103 }],
    replays: { 12: [replay] },
  });
  await shoot("goods-room-ended", "直播已结束：看回放（微信直播间回放）", { id: "8812", room_id: "12" });
});

test("unknown goods", async () => {
  harness.backend = fakeBackend({ goods: scarf, roomIds: [12], rooms: [liveRoom] });
  await shoot("goods-unknown", "商品不存在或已下架", { id: "404", room_id: "12" });
});

test("no room_id", async () => {
  harness.backend = fakeBackend({ goods: scarf, roomIds: [12], rooms: [liveRoom] });
  await shoot("goods-no-room", "没有 room_id：无返回直播间", { id: "8812" }, []);
});

test("a link without the shop's product key", async () => {
  harness.backend = fakeBackend({ goods: scarf, roomIds: [12], rooms: [liveRoom] });
  await shoot("goods-bad-link", "链接缺少商品信息：商品链接有误", { room_id: "12" }, []);
});
