/** The room list in each of its states. */
import type { LiveStatus } from "../../typings/api";
import { harness, setSdkVersion } from "../support/harness";
import { openForGallery } from "../support/gallery-render";
import { useBuild } from "../support/live-source";
import { announce, showShops } from "./channels-shops";
import { listBody, ok, room, seedCache } from "../support/fixtures/rooms";
import { NOW, capture, fixClock } from "./gallery-helpers";
import { LIST as ROUTE } from "../support/fixtures/routes";

fixClock();

beforeEach(() => {
  useBuild("plugin");
  harness.envVersion = "release";
  setSdkVersion("2.28.0");
});

/** One room of each of the seven statuses; the 102 starts in 2 h, so its card counts down. */
function allStatuses() {
  const names: Record<LiveStatus, string> = {
    101: "秋冬羊绒围巾 直播特惠",
    102: "周末家居好物预告",
    103: "双十一爆款回顾",
    104: "违规直播间",
    105: "主播暂时离开",
    106: "信号不稳定的直播间",
    107: "已过期的直播间",
  };
  const seeds: Array<[LiveStatus, number]> = [
    [101, -1800],
    [105, -2400],
    [106, -3000],
    [102, 7200],
    [103, -86_400],
    [104, -172_800],
    [107, -400_000],
  ];
  return seeds.map(([status, startIn], i) =>
    room(i + 1, { status, startIn, name: names[status], goods: 2 + i }),
  );
}

test("first load: skeleton while the network has not answered", async () => {
  harness.backend = () => "hold";
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, { name: "rooms-loading", page: "rooms", caption: "首次加载：骨架屏" });
});

test("a list with all seven statuses and a countdown", async () => {
  harness.backend = () => ok(listBody(allStatuses()));
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, { name: "rooms-list", page: "rooms", caption: "七种直播状态与开播倒计时" });
});

test("empty", async () => {
  harness.backend = () => ok(listBody([], 0));
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, { name: "rooms-empty", page: "rooms", caption: "还没有直播间" });
});

test("error with retry", async () => {
  harness.backend = () => ({
    statusCode: 503,
    data: { error: { code: "upstream_unavailable", message: "直播服务暂时不可用，请稍后重试" } },
  });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, { name: "rooms-error", page: "rooms", caption: "加载失败，可重新加载" });
});

test("cached list with a failed refresh", async () => {
  seedCache(listBody(allStatuses().slice(0, 4)), NOW - 3 * 3600_000);
  harness.backend = () => ({ fail: "request:fail timeout" });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, { name: "rooms-cached", page: "rooms", caption: "缓存的列表，刷新失败" });
});

test("the plugin build: 视频号 cards above the rooms", async () => {
  harness.backend = () => ok(listBody(allStatuses().slice(0, 3)));
  showShops({ 0: { status: 2, description: "冬季羊绒围巾 直播专场" } });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "rooms-with-channels",
    page: "rooms",
    caption: "小程序直播间与视频号直播并列",
  });
});

test("the build without the plugin: the room list is the 视频号 list", async () => {
  useBuild("channels");
  showShops({
    0: { status: 2, description: "冬季羊绒围巾 直播专场，下单送礼盒" },
    1: { status: 3, replayStatus: "1", description: "明前龙井品鉴" },
  });
  announce(1, 86_400);
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "rooms-no-plugin",
    page: "rooms",
    build: "channels",
    caption: "无插件版本：只有视频号直播",
  });
});

test("the build without the plugin, no 视频号 configured", async () => {
  useBuild("channels");
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "rooms-no-plugin-empty",
    page: "rooms",
    build: "channels",
    caption: "无插件版本：还没有配置视频号",
  });
});
