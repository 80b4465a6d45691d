import { harness } from "../support/harness";
import { flush, openPage, type MountedPage } from "../support/mount";
import { recordEntry } from "../../miniprogram/core/entry";
import { fakeBackend, goodsFixture, roomFixture, type FakeBackend } from "./goods-fixtures";
import { measureGoodsPageLoad } from "./budgets/goods-budget";

const ROUTE = "packageA/pages/goods/goods";
const LIVE = "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin";
/** How the plugin's live page shows up in getCurrentPages(). */
const LIVE_ROUTE = "__plugin__/wx2b03c6e691cd7370/pages/live-player-plugin";
const ROOMS_ROUTE = "pages/rooms/rooms";

const navigateTo = () => wx.navigateTo as jest.Mock;
const navigateBack = () => wx.navigateBack as jest.Mock;
const redirectTo = () => wx.redirectTo as jest.Mock;
const switchTab = () => wx.switchTab as jest.Mock;
const reLaunch = () => wx.reLaunch as jest.Mock;

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** Every garbage form an id can take in a query (undefined: the key is missing). */
const GARBAGE_IDS: Array<[string, string | undefined]> = [
  ["missing", undefined],
  ["empty", ""],
  ["letters", "abc"],
  ["negative", "-1"],
  ["fraction", "1.5"],
  ["broken percent-encoding", "%E0%A4%A"],
  ["broken JSON", "{bad json"],
  ["700 characters", "9".repeat(700)],
];

function useBackend(spec: FakeBackend = {}): void {
  harness.backend = fakeBackend({
    goods: goodsFixture(),
    roomIds: [12],
    rooms: [roomFixture(12, 101)],
    ...spec,
  });
}

async function open(query: Record<string, string>, below: string[] = []): Promise<MountedPage> {
  const page = openPage(ROUTE, { query, below });
  await flush(20);
  return page;
}

/** The first URL the page asked WeChat to open, via navigateTo or redirectTo. */
function openedUrl(mock: jest.Mock): string {
  expect(mock).toHaveBeenCalledTimes(1);
  return (mock.mock.calls[0][0] as { url: string }).url;
}

function customParamsOf(url: string): unknown {
  const raw = new URLSearchParams(url.split("?")[1]).get("custom_params");
  return raw === null ? null : JSON.parse(raw);
}

function requestedPaths(): string[] {
  return harness.requests.map((r) => new URL(r.url).pathname);
}

function navControls(page: MountedPage): { back: boolean; home: boolean } {
  const bar = page.comp.querySelector("#nav-bar");
  return { back: Boolean(bar?.querySelector("#nav-back")), home: Boolean(bar?.querySelector("#nav-home")) };
}

async function tapNav(page: MountedPage, id: "nav-back" | "nav-home"): Promise<void> {
  const bar = page.comp.querySelector("#nav-bar");
  const control = bar?.querySelector(`#${id}`);
  if (!control) throw new Error(`no #${id} in the nav bar`);
  control.dispatchEvent("tap");
  await flush();
}

/** Taps a van-button: its click comes from the inner button. */
async function tapButton(page: MountedPage, id: string): Promise<void> {
  const inner = page.comp.querySelector(`#${id}`)?.querySelector(".van-button");
  if (!inner) throw new Error(`no van-button #${id}`);
  inner.dispatchEvent("tap");
  await flush();
}

function expectNoForbiddenNavigation(): void {
  expect(switchTab()).not.toHaveBeenCalled();
  expect(reLaunch()).not.toHaveBeenCalled();
}

beforeEach(() => useBackend());

describe("back to live", () => {
  test("the plugin's live page right below: navigateBack, nothing opened", async () => {
    const page = await open({ goods_id: "7", room_id: "12", custom_params: enc({ shop: "a" }) }, [
      ROOMS_ROUTE,
      LIVE_ROUTE,
    ]);
    expect(page.text("#back-to-live")).toBe("返回直播间");
    await page.tap("#back-to-live");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(navigateBack().mock.calls[0][0]).toMatchObject({ delta: 1 });
    expect(navigateTo()).not.toHaveBeenCalled();
    expect(redirectTo()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("opened cold (stack of one): navigateTo the live page with the same room_id and custom_params", async () => {
    const page = await open({ goods_id: "7", room_id: "12", custom_params: enc({ shop: "a" }) });
    await page.tap("#back-to-live");
    expect(openedUrl(navigateTo())).toBe(
      `${LIVE}?room_id=12&custom_params=${encodeURIComponent('{"src":"goods","shop":"a"}')}`,
    );
    expect(navigateBack()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("a page of ours below (not the live page): navigateTo, not back to the wrong page", async () => {
    const page = await open({ goods_id: "7", room_id: "12" }, [ROOMS_ROUTE]);
    await page.tap("#back-to-live");
    expect(openedUrl(navigateTo())).toBe(`${LIVE}?room_id=12&custom_params=${enc({ src: "goods" })}`);
    expect(navigateBack()).not.toHaveBeenCalled();
  });

  test("a stack of 10: redirectTo, since navigateTo would fail", async () => {
    const below = Array.from({ length: 9 }, (_, i) =>
      i % 2 === 0 ? ROOMS_ROUTE : "packageA/pages/room/room",
    );
    const page = await open({ goods_id: "7", room_id: "12" }, below);
    await page.tap("#back-to-live");
    expect(openedUrl(redirectTo())).toBe(`${LIVE}?room_id=12&custom_params=${enc({ src: "goods" })}`);
    expect(navigateTo()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("a stack of 10 with the live page right below still goes back", async () => {
    const below = [...Array.from({ length: 8 }, () => ROOMS_ROUTE), LIVE_ROUTE];
    const page = await open({ goods_id: "7", room_id: "12" }, below);
    await page.tap("#back-to-live");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(redirectTo()).not.toHaveBeenCalled();
  });

  test("the nav bar's top-left back control goes back to the live room too", async () => {
    const cold = await open({ goods_id: "7", room_id: "12" });
    await tapNav(cold, "nav-back");
    expect(openedUrl(navigateTo())).toContain(`${LIVE}?room_id=12`);
    cold.unload();

    const fromLive = await open({ goods_id: "7", room_id: "12" }, [LIVE_ROUTE]);
    await tapNav(fromLive, "nav-back");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expectNoForbiddenNavigation();
  });

  test("how the shopper entered the app travels as attribution in custom_params", async () => {
    harness.app.globalData.entry = recordEntry(
      { scene: 1047, path: LIVE_ROUTE, query: { room_id: "12", type: "9" } },
      1_700_000_000_000,
    );
    harness.app.globalData.shareParams = { roomId: 12, shareOpenid: "o_sharer_1", customParams: null };
    const page = await open({ goods_id: "7", room_id: "12", custom_params: enc({ shop: "a" }) });
    await page.tap("#back-to-live");
    expect(customParamsOf(openedUrl(navigateTo()))).toEqual({
      src: "goods:qrcode",
      scene: 1047,
      sharer: "o_sharer_1",
      shop: "a",
    });
  });

  test("the room's status is not loaded (backend down): the button stays, the shopper just came from live", async () => {
    harness.backend = () => ({ fail: "request:fail" });
    const page = await open({ goods_id: "7", room_id: "12" }, [LIVE_ROUTE]);
    expect(page.exists("#back-to-live")).toBe(true);
    expect(page.text("#goods-state")).toContain("商品加载失败");
  });
});

describe("garbage room_id: the page works without back-to-live", () => {
  test.each(GARBAGE_IDS)("%s", async (_name, roomId) => {
    const query: Record<string, string> = { goods_id: "7" };
    if (roomId !== undefined) query.room_id = roomId;
    const page = await open(query);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    expect(page.exists("#back-to-live")).toBe(false);
    expect(page.exists("#watch-replay")).toBe(false);
    // Only the goods and the first room selling it; never a request built from the garbage.
    expect(requestedPaths()).toEqual(["/api/goods/7", "/api/rooms/12"]);
    expect(harness.requests.every((r) => !/NaN|undefined|null/.test(r.url))).toBe(true);
    // Opened cold without a room: no back control, only home.
    expect(navControls(page)).toEqual({ back: false, home: true });
  });
});

describe("custom_params in every form", () => {
  const shop = { shop: "a", 活动: "双11" };
  const forms: Array<[string, string | undefined, unknown]> = [
    ["encoded twice", encodeURIComponent(enc(shop)), { src: "goods", ...shop }],
    ["encoded once", enc(shop), { src: "goods", ...shop }],
    ["raw JSON", JSON.stringify(shop), { src: "goods", ...shop }],
    ["missing", undefined, { src: "goods" }],
    ["empty", "", { src: "goods" }],
    ["letters", "abc", { src: "goods" }],
    ["broken percent-encoding", "%E0%A4%A", { src: "goods" }],
    ["broken JSON", "{bad json", { src: "goods" }],
    ["a JSON array", enc([1, 2]), { src: "goods" }],
    ["700 characters of garbage", "x".repeat(700), { src: "goods" }],
  ];

  test.each(forms)("%s", async (_name, raw, expected) => {
    const query: Record<string, string> = { goods_id: "7", room_id: "12" };
    if (raw !== undefined) query.custom_params = raw;
    const page = await open(query);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    await page.tap("#back-to-live");
    expect(customParamsOf(openedUrl(navigateTo()))).toEqual(expected);
  });

  test.each([
    ["too long with ours: theirs are kept, ours dropped", 62, "theirs"],
    ["too long even alone: only ours", 64, "ours"],
  ] as const)("%s (the plugin never gets more than 600 characters)", async (_name, n, kept) => {
    const long = { note: "长".repeat(n) };
    const page = await open({ goods_id: "7", room_id: "12", custom_params: enc(long) });
    await page.tap("#back-to-live");
    const url = openedUrl(navigateTo());
    const encoded = url.split("custom_params=")[1] ?? "";
    expect(encoded.length).toBeLessThanOrEqual(600);
    expect(customParamsOf(url)).toEqual(kept === "theirs" ? long : { src: "goods" });
  });
});

describe("garbage goods_id: a clear state with a way home", () => {
  test.each(GARBAGE_IDS)("%s", async (_name, goodsId) => {
    const query: Record<string, string> = {};
    if (goodsId !== undefined) query.goods_id = goodsId;
    const page = await open(query);
    expect(page.text("#goods-state")).toContain("商品链接有误");
    expect(page.exists("#go-home")).toBe(true);
    expect(page.exists("#retry")).toBe(false);
    expect(harness.requests).toHaveLength(0);
  });

  test("with a valid room_id the shopper can still go back to the live room", async () => {
    const page = await open({ goods_id: "abc", room_id: "12" }, [LIVE_ROUTE]);
    expect(page.text("#goods-state")).toContain("商品链接有误");
    expect(requestedPaths()).toEqual(["/api/rooms/12"]);
    await page.tap("#back-to-live");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
  });
});

describe("home", () => {
  test("opened cold: an explicit tap relaunches at the room list", async () => {
    const page = await open({ goods_id: "abc" });
    expect(reLaunch()).not.toHaveBeenCalled();
    await tapButton(page, "go-home");
    expect(reLaunch()).toHaveBeenCalledTimes(1);
    expect(reLaunch().mock.calls[0][0]).toMatchObject({ url: "/pages/rooms/rooms" });
  });

  test("our list in the stack: navigateBack to it, keeping the live window", async () => {
    const page = await open({ goods_id: "7", room_id: "12" }, [
      ROOMS_ROUTE,
      "packageA/pages/room/room",
      LIVE_ROUTE,
    ]);
    await tapNav(page, "nav-home");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(navigateBack().mock.calls[0][0]).toMatchObject({ delta: 3 });
    expect(reLaunch()).not.toHaveBeenCalled();
  });
});

describe("content", () => {
  test("fixed price (price_type 1)", async () => {
    useBackend({ goods: goodsFixture({ priceType: 1, price: 19900 }) });
    const page = await open({ goods_id: "7" });
    expect(page.text("#goods-price")).toBe("¥199.00");
  });

  test("range price (price_type 2)", async () => {
    useBackend({ goods: goodsFixture({ priceType: 2, price: 9900, price2: 19900 }) });
    const page = await open({ goods_id: "7" });
    expect(page.text("#goods-price")).toBe("¥99.00–¥199.00");
  });

  test("discount (price_type 3): current price, original struck through", async () => {
    useBackend({ goods: goodsFixture({ priceType: 3, price: 29900, price2: 19900 }) });
    const page = await open({ goods_id: "7" });
    const price = page.comp.querySelector("#goods-price");
    expect(price?.querySelector(".current")?.dom?.textContent).toBe("¥199.00");
    expect(price?.querySelector(".original")?.dom?.textContent).toBe("¥299.00");
  });

  test("cover and name", async () => {
    const page = await open({ goods_id: "7" });
    expect(page.exists("#goods-cover")).toBe(true);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("unknown goods (404): a clear state, back-to-live still there", async () => {
    useBackend({ goods: null });
    const page = await open({ goods_id: "8", room_id: "12" });
    expect(page.text("#goods-state")).toContain("商品不存在或已下架");
    expect(page.exists("#retry")).toBe(false);
    expect(page.exists("#go-home")).toBe(true);
    expect(page.exists("#back-to-live")).toBe(true);
  });

  test("backend failure: an error state whose retry loads the goods", async () => {
    useBackend({
      goodsReply: { statusCode: 500, data: { error: { code: "internal", message: "服务开小差了" } } },
    });
    const page = await open({ goods_id: "7" });
    expect(page.text("#goods-state")).toContain("服务开小差了");
    useBackend();
    await tapButton(page, "retry");
    await flush(20);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("the room is live: a 直播中 banner", async () => {
    const page = await open({ goods_id: "7", room_id: "12" }, [LIVE_ROUTE]);
    expect(page.text("#goods-room")).toContain("直播中");
    expect(page.text("#goods-room")).toContain("秋冬上新专场 12");
  });

  test("no room_id: the first room selling it, opened fresh on tap with our attribution", async () => {
    useBackend({ roomIds: [15, 12], rooms: [roomFixture(15, 101), roomFixture(12, 101)] });
    const page = await open({ goods_id: "7" });
    expect(page.text("#goods-room")).toContain("秋冬上新专场 15");
    const room = page.comp.querySelector("#goods-room");
    room?.querySelector(".room")?.dispatchEvent("tap");
    await flush();
    expect(openedUrl(navigateTo())).toBe(`${LIVE}?room_id=15&custom_params=${enc({ src: "goods" })}`);
  });

  test("the room has not started: no banner, a tap opens our room page (subscribe there)", async () => {
    useBackend({ rooms: [roomFixture(12, 102)] });
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(page.text("#goods-room")).not.toContain("直播中");
    expect(page.exists("#back-to-live")).toBe(true);
    page.comp.querySelector("#goods-room")?.querySelector(".room")?.dispatchEvent("tap");
    await flush();
    expect(openedUrl(navigateTo())).toBe("/packageA/pages/room/room?room_id=12");
  });
});

describe("the room is over", () => {
  const replay = {
    mediaUrl: "https://media.example.com/r.mp4",
    createTime: "2024-01-01 10:00:00",
    expireTime: "2024-02-01 10:00:00",
  };

  // Replay links expire; the clock decides which are playable.
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date("2024-01-15T10:00:00+08:00") });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  test("103 with replays: 看回放 opens our room page, which shows them", async () => {
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [replay] } });
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(page.exists("#back-to-live")).toBe(false);
    expect(page.text("#watch-replay")).toBe("看回放");
    await page.tap("#watch-replay");
    expect(openedUrl(navigateTo())).toBe("/packageA/pages/room/room?room_id=12");
    expectNoForbiddenNavigation();
  });

  test("103 whose replays have all expired: no button", async () => {
    const expired = { ...replay, expireTime: "2024-01-10 10:00:00" };
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [expired] } });
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(requestedPaths()).toContain("/api/rooms/12/replays");
    expect(page.exists("#watch-replay")).toBe(false);
    expect(page.exists("#back-to-live")).toBe(false);
  });

  test("103 without replays: no button", async () => {
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [] } });
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(page.exists("#back-to-live")).toBe(false);
    expect(page.exists("#watch-replay")).toBe(false);
  });

  test("103 with replays switched off: no button, replays not even asked for", async () => {
    useBackend({ rooms: [roomFixture(12, 103, { closeReplay: 1 })], replays: { 12: [replay] } });
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(page.exists("#watch-replay")).toBe(false);
    expect(requestedPaths()).not.toContain("/api/rooms/12/replays");
  });

  test.each([104, 107] as const)(
    "%i: the button disappears; opened cold, the nav bar keeps only home",
    async (status) => {
      useBackend({ rooms: [roomFixture(12, status)] });
      const page = await open({ goods_id: "7", room_id: "12" });
      expect(page.exists("#back-to-live")).toBe(false);
      expect(page.exists("#watch-replay")).toBe(false);
      expect(navControls(page)).toEqual({ back: false, home: true });
    },
  );

  test("ended, with the live page below: the nav bar's back simply goes back", async () => {
    useBackend({ rooms: [roomFixture(12, 104)] });
    const page = await open({ goods_id: "7", room_id: "12" }, [LIVE_ROUTE]);
    await tapNav(page, "nav-back");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(navigateTo()).not.toHaveBeenCalled();
  });
});

describe("share and refresh", () => {
  test("sharing keeps the goods and the room", async () => {
    const page = await open({ goods_id: "7", room_id: "12" });
    expect(page.instance.onShareAppMessage()).toEqual({
      title: "羊绒围巾 秋冬加厚款",
      path: "/packageA/pages/goods/goods?goods_id=7&room_id=12",
      imageUrl: "https://img.example.com/goods/7.jpg",
    });
  });

  test("pull-down refresh reloads and stops the spinner", async () => {
    const page = await open({ goods_id: "7" });
    useBackend({ goods: goodsFixture({ name: "新名字" }) });
    page.instance.onPullDownRefresh();
    await flush(20);
    expect(page.text("#goods-name")).toBe("新名字");
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  test("an answer arriving after a newer load is dropped", async () => {
    harness.backend = () => "hold";
    const page = openPage(ROUTE, { query: { goods_id: "7" } });
    page.instance.onRetry();
    const held = harness.held.splice(0);
    expect(held).toHaveLength(2);
    // The newer load answers first; the older one's late answer must not overwrite it.
    held[1].reply({ statusCode: 200, data: { goods: goodsFixture({ name: "新" }), roomIds: [] } });
    await flush(20);
    held[0].reply({ statusCode: 200, data: { goods: goodsFixture({ name: "旧" }), roomIds: [] } });
    await flush(20);
    expect(page.text("#goods-name")).toBe("新");
  });
});

describe("setData budget", () => {
  test("a goods page load costs two setData calls and under 1.5 KB", async () => {
    const budget = await measureGoodsPageLoad();
    expect(budget.calls).toBeLessThanOrEqual(2);
    expect(budget.bytes).toBeLessThan(1536);
    expect(budget.largest).toBeLessThanOrEqual(budget.bytes);
  });
});
