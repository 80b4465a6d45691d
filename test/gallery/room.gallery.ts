/** The live-room page for each status it treats differently, and a bad link. */
import type { LiveStatus } from "../../typings/api";
import { harness } from "../support/harness";
import { openForGallery } from "../support/gallery-render";
import { room } from "../support/fixtures/rooms";
import { fakeBackend } from "../support/fixtures/goods";
import { capture, fixClock } from "./gallery-helpers";
import { ROOM as ROUTE } from "../support/fixtures/routes";

const ROOM_ID = 12;

fixClock();

/** The backend knows room 12 with this status, and the plugin agrees. */
function serve(status: LiveStatus, options: { startIn?: number; replays?: number } = {}): void {
  const replays = Array.from({ length: options.replays ?? 0 }, (_, i) => ({
    mediaUrl: `https://example.com/replay/${ROOM_ID}-${i + 1}.m3u8`,
    createTime: `2025-11-28 2${i}:10:00`,
    expireTime: "2026-05-28 20:10:00",
  }));
  harness.backend = fakeBackend({
    rooms: [room(ROOM_ID, { status, startIn: options.startIn, name: "秋冬羊绒围巾 直播特惠" })],
    replays: { [ROOM_ID]: replays },
  });
  harness.plugin.setStatus(ROOM_ID, status);
}

async function shoot(name: string, caption: string, roomId = String(ROOM_ID)): Promise<void> {
  const page = openForGallery(ROUTE, { query: { room_id: roomId }, below: ["pages/rooms/rooms"] });
  await capture(page, ROUTE, { name, page: "room", caption });
}

test("101: on air, 进入直播间", async () => {
  serve(101, { startIn: -1800 });
  await shoot("room-101-live", "101 直播中：进入直播间");
});

test("102: countdown and the subscribe slot", async () => {
  serve(102, { startIn: 2 * 3600 });
  await shoot("room-102-upcoming", "102 预告：倒计时与订阅提醒");
});

test("103 with replays: WeChat's own replay", async () => {
  serve(103, { startIn: -86_400, replays: 2 });
  await shoot("room-103-replays", "103 已结束：看回放（微信直播间回放）");
});

test("103 with replays, in-page player switched on (SHOP_OPTIONS)", async () => {
  jest.doMock("../../miniprogram/core/shop-options", () => ({ SHOP_OPTIONS: { inPageReplayPlayer: true } }));
  try {
    serve(103, { startIn: -86_400, replays: 2 });
    await shoot("room-103-replays-in-page", "103 已结束：页内播放回放（需视频资质）");
  } finally {
    jest.dontMock("../../miniprogram/core/shop-options");
  }
});

test("103 without replays", async () => {
  serve(103, { startIn: -86_400 });
  await shoot("room-103-no-replay", "103 已结束：暂无回放");
});

test("104: banned", async () => {
  serve(104, { startIn: -172_800 });
  await shoot("room-104-banned", "104 禁播");
});

test("107: expired", async () => {
  serve(107, { startIn: -400_000 });
  await shoot("room-107-expired", "107 已过期");
});

test("a bad room_id", async () => {
  serve(101);
  await shoot("room-bad-id", "room_id 有误", "12abc");
});
