/** The 视频号 cards in each of their states (the same in both builds; drawn as the build without the plugin). */
import { harness, setSdkVersion } from "../support/harness";
import { openForGallery } from "../support/gallery-render";
import { useBuild } from "../support/live-source";
import type { ShotMeta } from "../support/gallery-render";
import { NOW_S } from "../support/fixtures/rooms";
import { announce, showShops } from "./channels-shops";
import { capture, fixClock } from "./gallery-helpers";
import { LIST as ROUTE } from "../support/fixtures/routes";

fixClock();

beforeEach(() => {
  useBuild("channels");
  harness.envVersion = "release";
  setSdkVersion("2.28.0");
});

async function shoot(name: string, caption: string, build: ShotMeta["build"] = "both"): Promise<void> {
  await capture(openForGallery(ROUTE), ROUTE, { name, page: "channels", build, caption });
}

test("our own card (base library 2.15.0–2.28.x): live, replay, preparing and ended", async () => {
  showShops({
    0: { status: 2, description: "冬季羊绒围巾 直播专场，下单送礼盒" },
    1: { status: 3, replayStatus: "1", description: "明前龙井品鉴回放" },
    2: { status: 4, description: "周末家居好物" },
    3: { status: 3, replayStatus: 3, description: "冬季水果开箱" },
  });
  await shoot("channels-cards", "视频号卡片：直播中、回放、准备中、回放生成中");
});

test("notices: 预约, 已预约, not reservable, and 暂无直播", async () => {
  showShops({
    0: { status: 1, feedId: "", nonceId: "" },
    1: { status: 3, replayStatus: 0 },
    2: { errCode: 1416104 },
  });
  announce(0, 3600);
  const reserved = announce(1, 86_400 + 1800);
  announce(2, 2 * 86_400, false);
  // this phone reserved the tea shop's notice earlier (WeChat keeps saying reservable)
  harness.storage.set("live-cache:v1:channels:reserved", {
    value: { [reserved]: (NOW_S + 30 * 86_400) * 1000 },
    savedAt: 0,
    etag: null,
  });
  await shoot("channels-notices", "直播预告：可预约、已预约、不可预约；暂无直播");
});

test("<channel-live> from base library 2.29.0", async () => {
  setSdkVersion("3.4.0");
  showShops({ 0: { status: 2, description: "冬季羊绒围巾 直播专场" }, 1: { status: 3, replayStatus: 1 } });
  announce(1, 86_400);
  await shoot("channels-embed", "基础库 2.29.0 起：channel-live 组件");
});

test("develop build: hidden 视频号 explained to the operator", async () => {
  harness.envVersion = "develop";
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  showShops({
    0: { status: 2, description: "冬季羊绒围巾 直播专场" },
    1: { errCode: 100008 },
    2: { errCode: 1416100 },
    3: { errCode: 1416101 },
  });
  await shoot("channels-dev-notes", "开发版：被隐藏的视频号及原因；获取失败的卡片");
});

test("below base library 2.15.0", async () => {
  setSdkVersion("2.14.1");
  showShops({ 0: { status: 2 } });
  await shoot("channels-unsupported", "微信版本过低：提示升级", "channels");
});
