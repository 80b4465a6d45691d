/**
 * 视频号 cards on the room list, in both builds, against the fake 视频号 world (test/support/
 * fake-channels.ts): every status, notice state, reserve state and error code, the one-call-per-
 * minute rule, cache-first display, and wx.openChannelsLive only inside a tap.
 */
import type { ComponentJSON } from "miniprogram-simulate";
import type { Mounted } from "../../support/mount";
import { harness, releaseHeld, setSdkVersion, errorReply } from "../../support/harness";
import { openPage, type MountedPage, settle as settleAll } from "../../support/mount";
import { useBuild, type Build } from "../../support/live-source";
import { TAP_ONLY_MESSAGE, type LiveInfoAnswer, type NoticeAnswer } from "../../support/fake-channels";
import { NOW, NOW_S, pagedBackend, room } from "../../support/fixtures/rooms";

const A = "sphLiveShopA001";
const B = "sphLiveShopB002";
const C = "sphLiveShopC003";

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  setSdkVersion("2.28.0"); // our own card; the <channel-live> tests say otherwise
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const settle = (): Promise<void> => settleAll(20);

async function open(build: Build): Promise<MountedPage> {
  useBuild(build);
  const page = openPage("pages/rooms/rooms");
  await settle();
  return page;
}

const list = (page: MountedPage): Mounted => {
  const node = page.comp.querySelector("#channels");
  if (!node) throw new Error("no channels list on the page");
  return node;
};
const cardNode = (page: MountedPage, id: string): Mounted | undefined =>
  list(page).querySelector(`#channel-${id}`);
/** Whether the card is on screen, and whether it has a part (`#open`, `#embed`, `#notice`, …). */
const hasCard = (page: MountedPage, id: string): boolean => cardNode(page, id) !== undefined;
const cardHas = (page: MountedPage, id: string, part: string): boolean =>
  cardNode(page, id)?.querySelector(part) !== undefined;
const cardText = (page: MountedPage, id: string): string | null => {
  const node = cardNode(page, id);
  return node ? (node.dom?.textContent ?? "").replace(/\s+/g, " ").trim() : null;
};
const listText = (page: MountedPage): string =>
  (list(page).dom?.textContent ?? "").replace(/\s+/g, " ").trim();

/** Taps a card's button the way a finger does: on the inner node van-button listens on. */
async function tapButton(page: MountedPage, id: string, button: "open" | "reserve"): Promise<void> {
  const node = cardNode(page, id)?.querySelector(`#${button}`)?.querySelector(".van-button");
  if (!node) throw new Error(`card ${id} has no ${button} button`);
  node.dispatchEvent("tap");
  await settle();
}

const toasts = (): string[] =>
  (wx.showToast as jest.Mock).mock.calls.map((c) => (c[0] as { title: string }).title);

const live = (over: Partial<LiveInfoAnswer> = {}): LiveInfoAnswer => ({
  status: 2,
  nickname: "小林的店",
  description: "冬季羊绒专场",
  headUrl: "https://wx.qlogo.cn/finderhead/a.jpg",
  ...over,
});

const upcomingNotice = (over: Partial<NoticeAnswer> = {}): NoticeAnswer => ({
  noticeId: "notice_A",
  status: 0,
  startTime: NOW_S + 3600,
  reservable: true,
  nickname: "小林的店",
  ...over,
});

describe("the plugin build: 视频号 cards beside the rooms", () => {
  test("both sources on one page, the 视频号 above the rooms", async () => {
    pagedBackend([room(1, { status: 101, name: "小程序直播间" })]);
    harness.channels.configure({ [A]: live() });
    const page = await open("plugin");

    expect(page.exists("#tab-all")).toBe(true);
    expect(cardText(page, A)).toContain("小林的店");
    expect(cardText(page, A)).toContain("直播中");
    expect(listText(page)).toContain("视频号直播");
    expect(page.text("#room-1")).toContain("小程序直播间");
    const html = page.html();
    expect(html.indexOf("小林的店")).toBeLessThan(html.indexOf("小程序直播间"));
  });

  test("the cards follow the tab", async () => {
    pagedBackend([room(1, { status: 103 })]);
    harness.channels.configure({
      [A]: live(),
      [B]: live({ status: 3, replayStatus: "1", nickname: "回放店" }),
    });
    const page = await open("plugin");

    await page.tap("#tab-live");
    await settle();
    expect(hasCard(page, A)).toBe(true);
    expect(hasCard(page, B)).toBe(false);

    await page.tap("#tab-replay");
    await settle();
    expect(hasCard(page, A)).toBe(false);
    expect(hasCard(page, B)).toBe(true);
  });

  test("no rooms but a 视频号 card: no 还没有直播间 under it", async () => {
    pagedBackend([]);
    harness.channels.configure({ [A]: live() });
    const page = await open("plugin");

    expect(hasCard(page, A)).toBe(true);
    expect(page.exists("#empty")).toBe(false);
  });

  test("no rooms and no 视频号: the empty state as before", async () => {
    pagedBackend([]);
    const page = await open("plugin");

    expect(page.text("#empty")).toContain("还没有直播间");
    expect(harness.channels.calls).toEqual([]);
  });

  test("a live 视频号 counts in the share title", async () => {
    pagedBackend([room(1, { status: 101 })]);
    harness.channels.configure({ [A]: live() });
    const page = await open("plugin");

    expect(page.instance.onShareAppMessage().title).toBe("2 个直播间正在直播，快来看看");
  });
});

describe("the build without the plugin", () => {
  test("only 视频号 cards: no tabs, no room request, nothing that opens packageA", async () => {
    harness.channels.configure({
      [A]: live(),
      [B]: live({ status: 3, replayStatus: 1, nickname: "回放店" }),
    });
    const page = await open("channels");

    expect(page.instance.data.plugin).toBe(false);
    expect(page.exists("#tab-all")).toBe(false);
    expect(page.exists("#skeleton")).toBe(false);
    expect(page.exists("#list")).toBe(false);
    expect(harness.requests).toEqual([]);
    expect(cardText(page, A)).toContain("去看直播");
    expect(cardText(page, B)).toContain("看回放");

    await tapButton(page, A, "open");
    await tapButton(page, B, "open");
    page.instance.onReachBottom();
    page.show();
    await settle();
    for (const name of ["navigateTo", "redirectTo", "reLaunch", "switchTab"] as const) {
      expect(wx[name]).not.toHaveBeenCalled();
    }
    expect(harness.requests).toEqual([]);
  });

  test("pull-down refreshes the 视频号 list and stops the spinner", async () => {
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");
    harness.channels.ids = [A, B];
    harness.channels.listEtag = '"ch2"';
    harness.channels.info.set(B, live({ nickname: "新加的店" }));

    page.instance.onPullDownRefresh();
    await settle();

    expect(cardText(page, B)).toContain("新加的店");
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
    expect(harness.requests).toEqual([]);
  });

  test("no 视频号 configured: a friendly empty state", async () => {
    const page = await open("channels");
    expect(listText(page)).toContain("暂时没有视频号直播，敬请期待");
  });

  test("the list cannot load and nothing is cached: an error with retry, which loads it", async () => {
    harness.channels.listReply = { fail: "request:fail timeout" };
    const page = await open("channels");
    expect(listText(page)).toContain("网络超时，请稍后重试");

    harness.channels.listReply = "ok";
    harness.channels.configure({ [A]: live() });
    const retry = list(page).querySelector("#channels-retry")?.querySelector(".van-button");
    retry?.dispatchEvent("tap");
    await settle();

    expect(cardText(page, A)).toContain("小林的店");
  });

  test("while the list loads: a skeleton", async () => {
    harness.channels.listReply = "hold";
    const page = await open("channels");
    expect(list(page).querySelector("#channels-skeleton") !== undefined).toBe(true);
    harness.channels.configure({ [A]: live() });
    harness.channels.listReply = "ok";
    releaseHeld(
      (o) => harness.channels.serveList(o) as Exclude<ReturnType<typeof harness.channels.serveList>, "hold">,
    );
    await settle();
    expect(list(page).querySelector("#channels-skeleton")).toBeUndefined();
    expect(hasCard(page, A)).toBe(true);
  });
});

describe("every live status (our own card, base library 2.15.0–2.28.x)", () => {
  test.each([
    ["1 never streamed", live({ status: 1, feedId: "", nonceId: "" }), "未开播", null],
    ["2 live", live({ status: 2 }), "直播中", "去看直播"],
    ["3 ended, replay ready (sent as a string)", live({ status: 3, replayStatus: "1" }), "回放", "看回放"],
    ["3 ended, replay ready (sent as a number)", live({ status: 3, replayStatus: 1 }), "回放", "看回放"],
    ["3 ended, replay generating", live({ status: 3, replayStatus: "3" }), "回放生成中", null],
    ["3 ended, replay expired", live({ status: 3, replayStatus: 6 }), "回放已过期", null],
    ["3 ended, no replay", live({ status: 3, replayStatus: "0" }), "直播已结束", null],
    ["4 preparing", live({ status: 4 }), "准备中", null],
  ])("%s", async (_name, answer, text, button) => {
    harness.channels.configure({ [A]: answer });
    const page = await open("channels");

    expect(cardText(page, A)).toContain(text);
    const openButton = cardNode(page, A)?.querySelector("#open");
    if (button) expect(openButton?.dom?.textContent?.trim()).toBe(button);
    else expect(openButton).toBeUndefined();
    expect(cardHas(page, A, "#embed")).toBe(false);
  });

  test("the card and its buttons are labelled for screen readers", async () => {
    harness.channels.configure({ [A]: live() });
    harness.channels.notices.set(A, upcomingNotice());
    const page = await open("channels");
    const attr = (node: { toJSON(): ComponentJSON } | undefined, name: string): unknown =>
      node?.toJSON().attrs.find((a) => a.name === name)?.value;
    const card = cardNode(page, A);

    expect(attr(card?.querySelector(".channel"), "ariaLabel")).toBe("视频号小林的店，直播中，冬季羊绒专场");
    expect(attr(card?.querySelector(".channel"), "ariaRole")).toBe("group");
    // van-button passes aria-label on to its native button
    expect(attr(card?.querySelector("#open")?.querySelector(".van-button"), "ariaLabel")).toBe(
      "去看直播：小林的店",
    );
    expect(attr(card?.querySelector("#reserve")?.querySelector(".van-button"), "ariaLabel")).toBe(
      "预约直播：小林的店，直播预告 · 今天 20:00 开播",
    );
  });
});

describe("<channel-live> from base library 2.29.0", () => {
  test("a live and a replay are drawn by WeChat's component, with the feed id", async () => {
    setSdkVersion("2.29.0");
    harness.channels.configure({ [A]: live(), [B]: live({ status: 3, replayStatus: 1 }) });
    const page = await open("channels");

    for (const id of [A, B]) {
      expect(cardHas(page, id, "#embed")).toBe(true);
      expect(cardHas(page, id, "#open")).toBe(false);
    }
    const cards = list(page).instance.data.cards as Array<{ id: string; feedId: string; embed: boolean }>;
    expect(cards.map((c) => [c.id, c.embed, c.feedId])).toEqual([
      [A, true, `feed_${A}`],
      [B, true, `feed_${B}`],
    ]);
  });

  test("preparing or ended without a replay: our own card (the component would land on an end page)", async () => {
    setSdkVersion("3.4.0");
    harness.channels.configure({ [A]: live({ status: 4 }), [B]: live({ status: 3, replayStatus: 0 }) });
    const page = await open("channels");

    expect(cardHas(page, A, "#embed")).toBe(false);
    expect(cardHas(page, B, "#embed")).toBe(false);
  });
});

describe("below base library 2.15.0", () => {
  test("nothing: no card, no WeChat call, not even the list; the page says to upgrade", async () => {
    setSdkVersion("2.14.1");
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");

    expect(hasCard(page, A)).toBe(false);
    expect(harness.channels.calls).toEqual([]);
    expect(harness.channels.listRequests).toEqual([]);
    expect(listText(page)).toContain("升级微信后可观看视频号直播");
  });

  test("in the plugin build the rooms are shown as ever", async () => {
    setSdkVersion("2.10.0");
    pagedBackend([room(1, { status: 101 })]);
    harness.channels.configure({ [A]: live() });
    const page = await open("plugin");

    expect(page.exists("#room-1")).toBe(true);
    expect(listText(page)).toBe("");
  });
});

describe("notices", () => {
  test("usable and reservable: 直播预告 with its start time and 预约", async () => {
    harness.channels.configure({ [A]: live({ status: 1, feedId: "", nonceId: "" }) });
    harness.channels.notices.set(A, upcomingNotice());
    const page = await open("channels");

    const notice = cardNode(page, A)?.querySelector("#notice");
    expect(notice?.dom?.textContent).toContain("直播预告 · 今天 20:00 开播");
    expect(cardNode(page, A)?.querySelector("#reserve")?.dom?.textContent).toContain("预约");
  });

  test("not reservable: the time without a button", async () => {
    harness.channels.configure({ [A]: live({ status: 1 }) });
    harness.channels.notices.set(A, upcomingNotice({ reservable: false }));
    const page = await open("channels");

    expect(cardText(page, A)).toContain("直播预告 · 今天 20:00 开播");
    expect(cardHas(page, A, "#reserve")).toBe(false);
  });

  test.each([
    ["1 cancelled", 1],
    ["2 used", 2],
  ] as const)("%s, and never reserved here: no notice row", async (_name, status) => {
    harness.channels.configure({ [A]: live({ status: 1 }) });
    harness.channels.notices.set(A, upcomingNotice({ status }));
    const page = await open("channels");

    expect(cardHas(page, A, "#notice")).toBe(false);
  });

  test("no notice at all: WeChat fails the call; the card simply has none", async () => {
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");

    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo", A)).toHaveLength(1);
    expect(cardHas(page, A, "#notice")).toBe(false);
    expect(cardText(page, A)).toContain("去看直播");
  });

  test("before 2.19.0 notices are not asked for", async () => {
    setSdkVersion("2.18.2");
    harness.channels.configure({ [A]: live() });
    harness.channels.notices.set(A, upcomingNotice());
    const page = await open("channels");

    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo")).toEqual([]);
    expect(cardText(page, A)).toContain("去看直播");
  });
});

describe("预约: every reserveChannelsLive state", () => {
  async function reserveWith(state: number, reservedBefore = false): Promise<MountedPage> {
    harness.channels.configure({ [A]: live({ status: 1 }) });
    harness.channels.notices.set(A, upcomingNotice());
    if (reservedBefore) {
      const first = await open("channels");
      harness.channels.reserveStates.push(6);
      await tapButton(first, A, "reserve");
      first.unload();
      (wx.showToast as jest.Mock).mockClear();
    }
    const page = await open("channels");
    harness.channels.reserveStates.push(state);
    await tapButton(page, A, "reserve");
    return page;
  }

  const reserveButton = (page: MountedPage): string | null =>
    cardNode(page, A)?.querySelector("#reserve")?.dom?.textContent?.trim() ?? null;

  test.each([
    [1, "直播正在进行，随时可以去看", "预约"],
    [2, null, "预约"],
    [3, "这场直播预告已取消", null],
    [4, "这场直播已结束", null],
    [5, null, "预约"],
    [6, "预约成功，开播时微信会提醒你", "已预约"],
    [9, null, "预约"],
    [10, "这场直播的预约已过期", null],
  ])("not reserved before, state %i", async (state, toast, button) => {
    const page = await reserveWith(state);

    expect(harness.channels.callsOf("reserveChannelsLive")).toEqual([
      expect.objectContaining({ target: "notice_A", inTap: true }),
    ]);
    expect(toasts()).toEqual(toast ? [toast] : []);
    expect(reserveButton(page)).toBe(button);
  });

  test.each([
    [7, "已取消预约", "预约"],
    [8, null, "已预约"],
  ])("reserved before, state %i", async (state, toast, button) => {
    const page = await reserveWith(state, true);

    expect(toasts()).toEqual(toast ? [toast] : []);
    expect(reserveButton(page)).toBe(button);
  });

  test("a reservation is remembered on the phone, since WeChat keeps saying reservable", async () => {
    await reserveWith(6);
    jest.advanceTimersByTime(120_000);
    const again = await open("channels");

    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo", A).length).toBeGreaterThan(1);
    expect(reserveButton(again)).toBe("已预约");
    expect(cardNode(again, A)?.querySelector("#notice")?.dom?.textContent).toContain("直播预告");
  });

  test("a reserved notice that was then cancelled: the shopper is told on the card", async () => {
    await reserveWith(6);
    harness.channels.notices.set(A, upcomingNotice({ status: 1 }));
    jest.advanceTimersByTime(60_000);
    const again = await open("channels");

    expect(cardNode(again, A)?.querySelector("#notice")?.dom?.textContent).toContain("你预约的直播已取消");
    expect(cardHas(again, A, "#reserve")).toBe(false);
  });

  test("the popup cannot open: a toast, nothing remembered", async () => {
    harness.channels.configure({ [A]: live({ status: 1 }) });
    harness.channels.notices.set(A, upcomingNotice());
    const page = await open("channels");
    harness.channels.reserveStates.push({ errCode: -1, errMsg: "reserveChannelsLive:fail" });
    await tapButton(page, A, "reserve");

    expect(toasts()).toEqual(["预约失败，请稍后重试"]);
    expect(reserveButton(page)).toBe("预约");
  });
});

describe("errors", () => {
  test.each([100008, 1416100, 40097, 1416102, 1416103])(
    "%i hides the card from shoppers (release build: no note)",
    async (code) => {
      harness.envVersion = "release";
      harness.channels.configure({ [A]: { errCode: code }, [B]: live() });
      jest.spyOn(console, "warn").mockImplementation(() => undefined);
      const page = await open("channels");

      expect(hasCard(page, A)).toBe(false);
      expect(hasCard(page, B)).toBe(true);
      expect(listText(page)).not.toContain("仅开发版");
      expect(listText(page)).not.toContain(A);
    },
  );

  test("100008 and 1416100 are reported to the operator in develop builds: on screen and in the console", async () => {
    harness.envVersion = "develop";
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    harness.channels.configure({ [A]: { errCode: 100008 }, [B]: { errCode: 1416100 }, [C]: live() });
    const page = await open("channels");
    page.instance.onPullDownRefresh();
    await settle();

    const text = listText(page);
    expect(text).toContain(
      `仅开发版与体验版可见 · 视频号 ${A} 已对顾客隐藏：视频号未认证，或与小程序不是同一主体/关联主体（错误码 100008）`,
    );
    expect(text).toContain(`视频号 ${B} 已对顾客隐藏：视频号 id 无效（检查是否多了空格）（错误码 1416100）`);
    expect(hasCard(page, A)).toBe(false);
    expect(hasCard(page, C)).toBe(true);
    // once per 视频号 and code, however often the list renders
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining(`${A} 已对顾客隐藏`),
      expect.stringContaining(`${B} 已对顾客隐藏`),
    ]);
  });

  test("every 视频号 hidden: shoppers see the empty state, never a blank page", async () => {
    harness.envVersion = "release";
    jest.spyOn(console, "warn").mockImplementation(() => undefined);
    harness.channels.configure({ [A]: { errCode: 100008 } });
    const page = await open("channels");

    expect(listText(page)).toContain("暂时没有视频号直播，敬请期待");
  });

  test("1416104: 暂无直播", async () => {
    harness.channels.configure({ [A]: { errCode: 1416104 } });
    const page = await open("channels");

    expect(cardText(page, A)).toContain("暂无直播");
    expect(cardHas(page, A, "#open")).toBe(false);
  });

  test("a failed call never blanks a card: the last good answer stays", async () => {
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");
    harness.channels.info.set(A, { errCode: 1416101 });
    jest.advanceTimersByTime(60_000);

    page.instance.onPullDownRefresh();
    await settle();

    expect(harness.channels.callsOf("getChannelsLiveInfo", A)).toHaveLength(2);
    expect(cardText(page, A)).toContain("直播中");
    expect(cardText(page, A)).toContain("去看直播");
  });

  test("a failed call with nothing cached: the card says so instead of vanishing", async () => {
    harness.channels.configure({ [A]: { errCode: 1416101 } });
    const page = await open("channels");

    expect(cardText(page, A)).toContain("直播信息暂时无法获取");
  });

  test("the backend's list fails later: the cached list stays", async () => {
    harness.channels.configure({ [A]: live() });
    const first = await open("channels");
    first.unload();
    harness.channels.listReply = errorReply(503, "internal", "x");

    const page = await open("channels");

    expect(cardText(page, A)).toContain("小林的店");
    expect(listText(page)).not.toContain("重新加载");
  });
});

describe("one info and one notice call per 视频号 per minute", () => {
  test("across pages and launches, failures included; the cards come from storage meanwhile", async () => {
    harness.channels.configure({ [A]: live(), [B]: { errCode: 1416101 } });
    harness.channels.notices.set(A, upcomingNotice());
    const first = await open("channels");
    expect(harness.channels.callsOf("getChannelsLiveInfo")).toHaveLength(2);
    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo")).toHaveLength(2);
    first.unload();

    jest.advanceTimersByTime(59_000);
    const second = await open("channels");
    second.instance.onPullDownRefresh();
    await settle();
    expect(harness.channels.callsOf("getChannelsLiveInfo")).toHaveLength(2);
    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo")).toHaveLength(2);
    expect(cardText(second, A)).toContain("直播中");
    expect(cardText(second, A)).toContain("直播预告");

    jest.advanceTimersByTime(1_000);
    second.instance.onPullDownRefresh();
    await settle();
    expect(harness.channels.callsOf("getChannelsLiveInfo").map((c) => c.target)).toEqual([A, B, A, B]);
    expect(harness.channels.callsOf("getChannelsLiveNoticeInfo")).toHaveLength(4);
    const infoTimes = harness.channels.callsOf("getChannelsLiveInfo", A).map((c) => c.at);
    expect(infoTimes[1] - infoTimes[0]).toBeGreaterThanOrEqual(60_000);
  });

  test("coming back to the page within the minute asks the backend, not WeChat", async () => {
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");
    jest.advanceTimersByTime(61_000);
    (page.comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime("show");
    await settle();
    jest.advanceTimersByTime(30_000);
    (page.comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime("show");
    await settle();

    expect(harness.channels.callsOf("getChannelsLiveInfo")).toHaveLength(2);
    expect(harness.channels.listRequests.length).toBeGreaterThanOrEqual(2);
  });

  test("cache first: the stored answers are on screen before the backend or WeChat answer", async () => {
    harness.channels.configure({ [A]: live() });
    const first = await open("channels");
    first.unload();
    harness.channels.listReply = "hold";
    jest.advanceTimersByTime(10_000);

    const page = await open("channels");

    expect(harness.held).toHaveLength(1);
    expect(cardText(page, A)).toContain("直播中");
    expect(harness.channels.callsOf("getChannelsLiveInfo")).toHaveLength(1);
  });
});

describe("wx.openChannelsLive only inside a tap", () => {
  test("去看直播 opens the live fetched beforehand, within the tap", async () => {
    harness.channels.configure({ [A]: live({ feedId: "feed_live_1", nonceId: "nonce_live_1" }) });
    const page = await open("channels");
    expect(harness.channels.callsOf("openChannelsLive")).toEqual([]);

    await tapButton(page, A, "open");

    const [call] = harness.channels.callsOf("openChannelsLive");
    expect(call).toMatchObject({ target: A, inTap: true });
    expect(call.options).toMatchObject({ finderUserName: A, feedId: "feed_live_1", nonceId: "nonce_live_1" });
    expect(toasts()).toEqual([]);
  });

  test("看回放 too", async () => {
    harness.channels.configure({ [A]: live({ status: 3, replayStatus: "1" }) });
    const page = await open("channels");

    await tapButton(page, A, "open");

    expect(harness.channels.callsOf("openChannelsLive")).toEqual([
      expect.objectContaining({ target: A, inTap: true }),
    ]);
  });

  test("the harness refuses a call outside a tap, as WeChat does", async () => {
    harness.channels.configure({ [A]: live() });
    const page = await open("channels");

    list(page).instance.onCardOpen({ detail: { id: A } });
    await settle();

    expect(harness.channels.callsOf("openChannelsLive")).toEqual([expect.objectContaining({ inTap: false })]);
    expect(toasts()).toEqual(["打开视频号失败，请稍后重试"]);
    expect(TAP_ONLY_MESSAGE).toMatch(/TAP gesture/);
  });

  test("the shopper says no in WeChat's confirmation: no toast", async () => {
    harness.channels.configure({ [A]: live() });
    harness.channels.openAnswer = "cancel";
    const page = await open("channels");

    await tapButton(page, A, "open");

    expect(toasts()).toEqual([]);
  });

  test("loading, refreshing, reserving and switching tabs never open a live by themselves", async () => {
    pagedBackend([room(1, { status: 101 })]);
    harness.channels.configure({ [A]: live(), [B]: live({ status: 1 }) });
    harness.channels.notices.set(B, upcomingNotice({ noticeId: "notice_B" }));
    const page = await open("plugin");
    page.instance.onPullDownRefresh();
    await settle();
    await page.tap("#tab-upcoming");
    await page.tap("#tab-all");
    harness.channels.reserveStates.push(6);
    await tapButton(page, B, "reserve");
    jest.advanceTimersByTime(120_000);
    page.instance.onPullDownRefresh();
    await settle();

    expect(harness.channels.callsOf("openChannelsLive")).toEqual([]);
    await tapButton(page, A, "open");
    expect(harness.channels.callsOf("openChannelsLive").every((c) => c.inTap)).toBe(true);
    expect(harness.channels.callsOf("openChannelsLive")).toHaveLength(1);
  });
});
