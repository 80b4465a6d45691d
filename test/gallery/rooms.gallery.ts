/** The room list in each of its states. */
import type { LiveStatus } from "../../typings/api";
import { harness, setSdkVersion, errorReply } from "../support/harness";
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

/** Opens the list and writes it as one gallery state (the plugin build's unless `build` says). */
async function shoot(name: string, caption: string, build?: "channels"): Promise<void> {
  await capture(openForGallery(ROUTE), ROUTE, { name, page: "rooms", caption, ...(build ? { build } : {}) });
}

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
  await shoot("rooms-loading", "首次加载：骨架屏");
});

test("a list with all seven statuses and a countdown", async () => {
  harness.backend = () => ok(listBody(allStatuses()));
  await shoot("rooms-list", "七种直播状态与开播倒计时");
});

test("empty", async () => {
  harness.backend = () => ok(listBody([], 0));
  await shoot("rooms-empty", "还没有直播间");
});

test("error with retry", async () => {
  harness.backend = () => errorReply(503, "upstream_unavailable", "直播服务暂时不可用，请稍后重试");
  await shoot("rooms-error", "加载失败，可重新加载");
});

test("cached list with a failed refresh", async () => {
  seedCache(listBody(allStatuses().slice(0, 4)), NOW - 3 * 3600_000);
  harness.backend = () => ({ fail: "request:fail timeout" });
  await shoot("rooms-cached", "缓存的列表，刷新失败");
});

test("the plugin build: 视频号 cards above the rooms", async () => {
  harness.backend = () => ok(listBody(allStatuses().slice(0, 3)));
  showShops({ 0: { status: 2, description: "冬季羊绒围巾 直播专场" } });
  await shoot("rooms-with-channels", "小程序直播间与视频号直播并列");
});

test("the build without the plugin: the room list is the 视频号 list", async () => {
  useBuild("channels");
  showShops({
    0: { status: 2, description: "冬季羊绒围巾 直播专场，下单送礼盒" },
    1: { status: 3, replayStatus: "1", description: "明前龙井品鉴" },
  });
  announce(1, 86_400);
  await shoot("rooms-no-plugin", "无插件版本：只有视频号直播", "channels");
});

test("the build without the plugin, no 视频号 configured", async () => {
  useBuild("channels");
  await shoot("rooms-no-plugin-empty", "无插件版本：还没有配置视频号", "channels");
});
