/** The 视频号 cards in each of their states (the same in both builds; drawn as the build without the plugin). */
import { harness, setSdkVersion } from "../support/harness";
import { openForGallery } from "../support/gallery-render";
import { useBuild } from "../support/live-source";
import type { LiveInfoAnswer } from "../support/fake-channels";
import { NOW_S } from "../app/budgets/rooms-fixtures";
import { capture, fixClock } from "./gallery-helpers";

const ROUTE = "pages/rooms/rooms";

fixClock();

beforeEach(() => {
  useBuild("channels");
  harness.envVersion = "release";
  setSdkVersion("2.28.0");
});

const shop = (n: number, over: Partial<LiveInfoAnswer>): LiveInfoAnswer => ({
  nickname: ["小林的羊绒店", "山野茶舍", "阿May家居", "橙子生鲜"][n % 4],
  headUrl: `https://wx.qlogo.cn/finderhead/avatar_${n}.jpg`,
  description: "",
  status: 2,
  ...over,
});

const notice = (noticeId: string, inSeconds: number, reservable = true) => ({
  noticeId,
  status: 0 as const,
  startTime: NOW_S + inSeconds,
  reservable,
});

test("our own card (base library 2.15.0–2.28.x): live, replay, preparing and ended", async () => {
  harness.channels.configure({
    sphLinCashmere01: shop(0, { status: 2, description: "冬季羊绒围巾 直播专场，下单送礼盒" }),
    sphShanyeTea0002: shop(1, { status: 3, replayStatus: "1", description: "明前龙井品鉴回放" }),
    sphAmayHome00003: shop(2, { status: 4, description: "周末家居好物" }),
    sphOrangeFresh04: shop(3, { status: 3, replayStatus: 3, description: "冬季水果开箱" }),
  });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "channels-cards",
    page: "channels",
    build: "both",
    caption: "视频号卡片：直播中、回放、准备中、回放生成中",
  });
});

test("notices: 预约, 已预约, not reservable, and 暂无直播", async () => {
  harness.channels.configure({
    sphLinCashmere01: shop(0, { status: 1, feedId: "", nonceId: "" }),
    sphShanyeTea0002: shop(1, { status: 3, replayStatus: 0 }),
    sphAmayHome00003: { errCode: 1416104 },
  });
  harness.channels.notices.set("sphLinCashmere01", {
    ...notice("notice_lin", 3600),
    nickname: "小林的羊绒店",
  });
  harness.channels.notices.set("sphShanyeTea0002", {
    ...notice("notice_tea", 86_400 + 1800),
    nickname: "山野茶舍",
  });
  harness.channels.notices.set("sphAmayHome00003", {
    ...notice("notice_amay", 2 * 86_400, false),
    nickname: "阿May家居",
    headUrl: "https://wx.qlogo.cn/finderhead/avatar_2.jpg",
  });
  // this phone reserved the tea shop's notice earlier (WeChat keeps saying reservable)
  harness.storage.set("live-cache:v1:channels:reserved", {
    value: { notice_tea: (NOW_S + 30 * 86_400) * 1000 },
    savedAt: 0,
    etag: null,
  });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "channels-notices",
    page: "channels",
    build: "both",
    caption: "直播预告：可预约、已预约、不可预约；暂无直播",
  });
});

test("<channel-live> from base library 2.29.0", async () => {
  setSdkVersion("3.4.0");
  harness.channels.configure({
    sphLinCashmere01: shop(0, { status: 2, description: "冬季羊绒围巾 直播专场" }),
    sphShanyeTea0002: shop(1, { status: 3, replayStatus: 1 }),
  });
  harness.channels.notices.set("sphShanyeTea0002", { ...notice("notice_tea", 86_400), nickname: "山野茶舍" });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "channels-embed",
    page: "channels",
    build: "both",
    caption: "基础库 2.29.0 起：channel-live 组件",
  });
});

test("develop build: hidden 视频号 explained to the operator", async () => {
  harness.envVersion = "develop";
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  harness.channels.configure({
    sphNotVerified01: { errCode: 100008 },
    sphTypoInTheId02: { errCode: 1416100 },
    sphLinCashmere01: shop(0, { status: 2, description: "冬季羊绒围巾 直播专场" }),
    sphFlakyNetwork3: { errCode: 1416101 },
  });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "channels-dev-notes",
    page: "channels",
    build: "both",
    caption: "开发版：被隐藏的视频号及原因；获取失败的卡片",
  });
});

test("below base library 2.15.0", async () => {
  setSdkVersion("2.14.1");
  harness.channels.configure({ sphLinCashmere01: shop(0, {}) });
  const page = openForGallery(ROUTE);
  await capture(page, ROUTE, {
    name: "channels-unsupported",
    page: "channels",
    build: "channels",
    caption: "微信版本过低：提示升级",
  });
});
