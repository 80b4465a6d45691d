import { harness, setEnterOptions, setShareParams, errorReply } from "../../../support/harness";
import { flush, openPage, type MountedPage } from "../../../support/mount";
import { recordEntry } from "../../../../miniprogram/core/entry";
import { sharerIdOf } from "../../../../miniprogram/core/sharer";
import { openedPage, shelfTapPath } from "../../../../server/src/emulator/plugin";
import { fakeBackend, goodsFixture, roomFixture, type FakeBackend } from "../../../support/fixtures/goods";
import {
  BRIDGE_URL as BRIDGE,
  GOODS as ROUTE,
  LIST as ROOMS_ROUTE,
  LIVE_PAGE as LIVE_ROUTE,
  customParamsOf,
} from "../../../support/fixtures/routes";

/** The goods fixture is registered as `packageA/pages/goods/goods?id=8812`. */
const SHOP_KEY = { id: "8812" };

const navigateTo = () => wx.navigateTo as jest.Mock;
const navigateBack = () => wx.navigateBack as jest.Mock;
const redirectTo = () => wx.redirectTo as jest.Mock;
const switchTab = () => wx.switchTab as jest.Mock;
const reLaunch = () => wx.reLaunch as jest.Mock;

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** Every garbage form a query value can take (undefined: the key is missing). */
const GARBAGE: Array<[string, string | undefined]> = [
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

/** The page WeChat opens when the shopper taps a goods registered as `registered` on room 12's shelf. */
async function openFromShelf(registered: string, below: string[], custom?: Record<string, unknown>) {
  const { query } = openedPage(shelfTapPath(registered, { roomId: 12, customParams: custom }));
  return open(query, below);
}

/** The one URL the page asked WeChat to open, via navigateTo or redirectTo. */
function openedUrl(mock: jest.Mock): string {
  expect(mock).toHaveBeenCalledTimes(1);
  return (mock.mock.calls[0][0] as { url: string }).url;
}

function requestedPaths(): string[] {
  return harness.requests.map((r) => {
    const url = new URL(r.url);
    return url.pathname === "/api/goods" ? `/api/goods?url=${url.searchParams.get("url")}` : url.pathname;
  });
}

function navControls(page: MountedPage): { back: boolean; home: boolean } {
  const bar = page.comp.querySelector("#nav-bar");
  return { back: Boolean(bar?.querySelector("#nav-back")), home: Boolean(bar?.querySelector("#nav-home")) };
}

async function tapNav(page: MountedPage, id: "nav-back" | "nav-home"): Promise<void> {
  const control = page.comp.querySelector("#nav-bar")?.querySelector(`#${id}`);
  if (!control) throw new Error(`no #${id} in the nav bar`);
  control.dispatchEvent("tap");
  await flush();
}

/** What the back-to-live component shows: "live", "replay" or null. */
function floatButton(page: MountedPage): "live" | "replay" | null {
  const host = page.comp.querySelector("#back-to-live");
  if (host?.querySelector("#btl-live")) return "live";
  return host?.querySelector("#btl-replay") ? "replay" : null;
}

async function tapFloat(page: MountedPage): Promise<void> {
  const host = page.comp.querySelector("#back-to-live");
  const button = host?.querySelector("#btl-live") ?? host?.querySelector("#btl-replay");
  if (!button) throw new Error("the back-to-live component shows no button");
  button.dispatchEvent("tap");
  await flush();
}

function expectNoForbiddenNavigation(): void {
  expect(switchTab()).not.toHaveBeenCalled();
  expect(reLaunch()).not.toHaveBeenCalled();
}

/** The only navigation was one navigateBack of `delta` pages. */
function expectOnlyBack(delta: number): void {
  expect(navigateBack().mock.calls.map((c: Array<{ delta: number }>) => c[0].delta)).toEqual([delta]);
  expect(navigateTo()).not.toHaveBeenCalled();
  expect(redirectTo()).not.toHaveBeenCalled();
  expectNoForbiddenNavigation();
}

beforeEach(() => useBackend());

describe("goods found by the URL the page was opened with", () => {
  test("registered as ?id=8812, opened by the plugin with room_id and custom_params: product and room", async () => {
    const page = await openFromShelf("packageA/pages/goods/goods?id=8812", [ROOMS_ROUTE, LIVE_ROUTE], {
      src: "list",
    });
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    expect(page.text("#goods-room")).toContain("秋冬上新专场 12");
    // the plugin's keys never reach the lookup
    expect(requestedPaths()).toEqual([`/api/goods?url=${ROUTE}?id=8812`, "/api/rooms/12"]);
  });

  test.each([
    ["in the registered order", { sku: "A-12", color: "red" }],
    ["in the other order", { color: "red", sku: "A-12" }],
  ])("two keys %s", async (_what, keys) => {
    useBackend({ goods: goodsFixture({ url: `${ROUTE}?sku=A-12&color=red` }) });
    const page = await open({ ...keys, room_id: "12" }, [LIVE_ROUTE]);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("an encoded Chinese value, handed over encoded or decoded", async () => {
    useBackend({ goods: goodsFixture({ url: `${ROUTE}?sku=C-220&scent=%E6%9C%A8%E8%B4%A8%E8%B0%83` }) });
    const encoded = await openFromShelf(`${ROUTE}?sku=C-220&scent=%E6%9C%A8%E8%B4%A8%E8%B0%83`, [LIVE_ROUTE]);
    expect(encoded.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    encoded.unload();
    const decoded = await open({ sku: "C-220", scent: "木质调", room_id: "12" }, [LIVE_ROUTE]);
    expect(decoded.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("?goods_id= still works where the shop registered it that way", async () => {
    useBackend({ goods: goodsFixture({ url: `${ROUTE}?goods_id=7` }) });
    const page = await openFromShelf(`${ROUTE}?goods_id=7`, [LIVE_ROUTE]);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("WeChat's goodsId is not the shop's key: ?goods_id=7 for a goods registered as ?id=8812 is unknown", async () => {
    const page = await open({ goods_id: "7", room_id: "12" }, [LIVE_ROUTE]);
    expect(page.text("#goods-state")).toContain("商品不存在或已下架");
    expect(floatButton(page)).toBe("live");
  });

  test.each(GARBAGE)(
    "a shop key that is %s: a request and a clear state, never a crash",
    async (_n, value) => {
      const query: Record<string, string> = { room_id: "12" };
      if (value !== undefined) query.id = value;
      const page = await open(query);
      if (value === undefined) {
        // nothing of the shop's to look up: the link is broken, and only the room is asked for
        expect(page.text("#goods-state")).toContain("商品链接有误");
        expect(requestedPaths()).toEqual(["/api/rooms/12"]);
      } else {
        expect(page.text("#goods-state")).toContain("商品不存在或已下架");
      }
      expect(page.exists("#go-home")).toBe(true);
      expect(page.exists("#retry")).toBe(false);
      expect(harness.requests.every((r) => !/NaN|undefined|null/.test(r.url))).toBe(true);
    },
  );

  test("no query at all: 商品链接有误 and no request", async () => {
    const page = await open({});
    expect(page.text("#goods-state")).toContain("商品链接有误");
    expect(harness.requests).toHaveLength(0);
    expect(floatButton(page)).toBeNull();
  });

  test("a URL the backend refuses (400) is a broken link, not a retry", async () => {
    useBackend({ goodsReply: errorReply(400, "bad_request", "url") });
    const page = await open(SHOP_KEY);
    expect(page.text("#goods-state")).toContain("商品链接有误");
    expect(page.exists("#retry")).toBe(false);
  });
});

describe("back to live", () => {
  test("the plugin's live page right below: navigateBack, nothing opened", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ shop: "a" }) }, [
      ROOMS_ROUTE,
      LIVE_ROUTE,
    ]);
    expect(floatButton(page)).toBe("live");
    expect(page.text("#back-to-live")).toBe("返回直播间");
    await tapFloat(page);
    expectOnlyBack(1);
  });

  test("plugin → goods → goods → 返回直播间 is one navigateBack({delta: 2})", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [ROOMS_ROUTE, LIVE_ROUTE, ROUTE]);
    await tapFloat(page);
    expectOnlyBack(2);
  });

  test("opened cold (stack of one): the bridge opens the live page, with room_id and custom_params", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ shop: "a" }) });
    await tapFloat(page);
    expect(openedUrl(navigateTo())).toBe(
      `${BRIDGE}?room_id=12&custom_params=${encodeURIComponent('{"src":"goods","shop":"a"}')}`,
    );
    expect(navigateBack()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("a page of ours below (not the live page): the bridge, not back to the wrong page", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [ROOMS_ROUTE]);
    await tapFloat(page);
    expect(openedUrl(navigateTo())).toBe(`${BRIDGE}?room_id=12&custom_params=${enc({ src: "goods" })}`);
    expect(navigateBack()).not.toHaveBeenCalled();
  });

  test("a stack of 10: redirectTo, since navigateTo would fail", async () => {
    const below = Array.from({ length: 9 }, (_, i) =>
      i % 2 === 0 ? ROOMS_ROUTE : "packageA/pages/room/room",
    );
    const page = await open({ ...SHOP_KEY, room_id: "12" }, below);
    await tapFloat(page);
    expect(openedUrl(redirectTo())).toBe(`${BRIDGE}?room_id=12&custom_params=${enc({ src: "goods" })}`);
    expect(navigateTo()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("a stack of 10 with the live page deep below still goes back to it", async () => {
    const below = [LIVE_ROUTE, ...Array.from({ length: 8 }, () => ROUTE)];
    const page = await open({ ...SHOP_KEY, room_id: "12" }, below);
    await tapFloat(page);
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 9 }));
    expect(redirectTo()).not.toHaveBeenCalled();
  });

  test("the nav bar's top-left back control goes back to the live room too", async () => {
    const cold = await open({ ...SHOP_KEY, room_id: "12" });
    await tapNav(cold, "nav-back");
    expect(openedUrl(navigateTo())).toContain(`${BRIDGE}?room_id=12`);
    cold.unload();

    const fromLive = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE, ROUTE]);
    await tapNav(fromLive, "nav-back");
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 2 }));
    expectNoForbiddenNavigation();
  });

  test("how the shopper entered the app travels as attribution in custom_params", async () => {
    harness.app.globalData.entry = recordEntry(
      { scene: 1047, path: LIVE_ROUTE, query: { room_id: "12", type: "9" } },
      1_700_000_000_000,
    );
    setShareParams({ roomId: 12, sharer: sharerIdOf("o_sharer_1") });
    const page = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ shop: "a" }) });
    await tapFloat(page);
    expect(customParamsOf(openedUrl(navigateTo()))).toEqual({
      src: "goods:qrcode",
      scene: 1047,
      sharer: sharerIdOf("o_sharer_1"),
      shop: "a",
    });
  });

  test("the room's status is not loaded (backend down): the button stays, the shopper just came from live", async () => {
    harness.backend = () => ({ fail: "request:fail" });
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    expect(floatButton(page)).toBe("live");
    expect(page.text("#goods-state")).toContain("商品加载失败");
  });

  test("a double tap opens one live page", async () => {
    (wx.navigateTo as jest.Mock).mockImplementation(() => undefined); // WeChat has not answered yet
    const page = await open({ ...SHOP_KEY, room_id: "12" });
    await tapFloat(page);
    await tapFloat(page);
    expect(navigateTo()).toHaveBeenCalledTimes(1);
  });
});

describe("garbage room_id: the page works without back-to-live", () => {
  test.each(GARBAGE)("%s", async (_name, roomId) => {
    const query: Record<string, string> = { ...SHOP_KEY };
    if (roomId !== undefined) query.room_id = roomId;
    const page = await open(query);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    expect(floatButton(page)).toBeNull();
    // Only the goods and the first room selling it; never a request built from the garbage.
    expect(requestedPaths()).toEqual([`/api/goods?url=${ROUTE}?id=8812`, "/api/rooms/12"]);
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
    const query: Record<string, string> = { ...SHOP_KEY, room_id: "12" };
    if (raw !== undefined) query.custom_params = raw;
    const page = await open(query);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
    await tapFloat(page);
    expect(customParamsOf(openedUrl(navigateTo()))).toEqual(expected);
  });

  test.each([
    ["too long with ours: theirs are kept, ours dropped", 62, "theirs"],
    ["too long even alone: only ours", 64, "ours"],
  ] as const)("%s (the plugin never gets more than 600 characters)", async (_name, n, kept) => {
    const long = { note: "长".repeat(n) };
    const page = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc(long) });
    await tapFloat(page);
    const url = openedUrl(navigateTo());
    const encoded = url.split("custom_params=")[1] ?? "";
    expect(encoded.length).toBeLessThanOrEqual(600);
    expect(customParamsOf(url)).toEqual(kept === "theirs" ? long : { src: "goods" });
  });
});

describe("home never closes the 小窗", () => {
  test("opened cold: the list opens on top (no reLaunch)", async () => {
    const page = await open({ room_id: "12" });
    await page.tapVant("#go-home");
    expect(openedUrl(navigateTo())).toBe("/pages/rooms/rooms");
    expectNoForbiddenNavigation();
  });

  test("above the live page without the list: the list opens on top, the live page stays", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    await tapNav(page, "nav-home");
    expect(openedUrl(navigateTo())).toBe("/pages/rooms/rooms");
    expect(navigateBack()).not.toHaveBeenCalled();
    expectNoForbiddenNavigation();
  });

  test("our list in the stack: navigateBack to it", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [
      ROOMS_ROUTE,
      "packageA/pages/room/room",
      LIVE_ROUTE,
    ]);
    await tapNav(page, "nav-home");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(navigateBack().mock.calls[0][0]).toMatchObject({ delta: 3 });
    expectNoForbiddenNavigation();
  });

  test("a full stack without the list: the list replaces this page", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [
      LIVE_ROUTE,
      ...Array.from({ length: 8 }, () => ROUTE),
    ]);
    await tapNav(page, "nav-home");
    expect(openedUrl(redirectTo())).toBe("/pages/rooms/rooms");
    expectNoForbiddenNavigation();
  });
});

describe("content", () => {
  test("fixed price (price_type 1)", async () => {
    useBackend({ goods: goodsFixture({ priceType: 1, price: 19900 }) });
    const page = await open(SHOP_KEY);
    expect(page.text("#goods-price")).toBe("¥199.00");
  });

  test("range price (price_type 2)", async () => {
    useBackend({ goods: goodsFixture({ priceType: 2, price: 9900, price2: 19900 }) });
    const page = await open(SHOP_KEY);
    expect(page.text("#goods-price")).toBe("¥99.00–¥199.00");
  });

  test("discount (price_type 3): current price, original struck through", async () => {
    useBackend({ goods: goodsFixture({ priceType: 3, price: 29900, price2: 19900 }) });
    const page = await open(SHOP_KEY);
    const price = page.comp.querySelector("#goods-price");
    expect(price?.querySelector(".current")?.dom?.textContent).toBe("¥199.00");
    expect(price?.querySelector(".original")?.dom?.textContent).toBe("¥299.00");
  });

  test("cover and name", async () => {
    const page = await open(SHOP_KEY);
    expect(page.exists("#goods-cover")).toBe(true);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("unknown goods (404): a clear state, back-to-live still there", async () => {
    useBackend({ goods: null });
    const page = await open({ id: "9999", room_id: "12" });
    expect(page.text("#goods-state")).toContain("商品不存在或已下架");
    expect(page.exists("#retry")).toBe(false);
    expect(page.exists("#go-home")).toBe(true);
    expect(floatButton(page)).toBe("live");
  });

  test("backend failure: an error state whose retry loads the goods", async () => {
    useBackend({
      goodsReply: errorReply(500, "internal", "服务开小差了"),
    });
    const page = await open(SHOP_KEY);
    expect(page.text("#goods-state")).toContain("服务开小差了");
    useBackend();
    await page.tapVant("#retry");
    await flush(20);
    expect(page.text("#goods-name")).toBe("羊绒围巾 秋冬加厚款");
  });

  test("the room is live: a 直播中 banner", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    expect(page.text("#goods-room")).toContain("直播中");
    expect(page.text("#goods-room")).toContain("秋冬上新专场 12");
  });

  test("no room_id: the first room selling it, opened fresh on tap with our attribution", async () => {
    useBackend({ roomIds: [15, 12], rooms: [roomFixture(15, 101), roomFixture(12, 101)] });
    const page = await open(SHOP_KEY);
    expect(page.text("#goods-room")).toContain("秋冬上新专场 15");
    page.comp.querySelector("#goods-room")?.querySelector(".room")?.dispatchEvent("tap");
    await flush();
    expect(openedUrl(navigateTo())).toBe(
      `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=15&custom_params=${enc({ src: "goods" })}`,
    );
  });

  test("the room card of the shopper's own live room goes back to it", async () => {
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    page.comp.querySelector("#goods-room")?.querySelector(".room")?.dispatchEvent("tap");
    await flush();
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
  });

  test("the room has not started: no banner, a tap opens our room page (subscribe there)", async () => {
    useBackend({ rooms: [roomFixture(12, 102)] });
    const page = await open({ ...SHOP_KEY, room_id: "12" });
    expect(page.text("#goods-room")).not.toContain("直播中");
    expect(floatButton(page)).toBe("live");
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
    jest.dontMock("../../../../miniprogram/core/shop-options");
  });

  test("103 with replays: 看回放 opens WeChat's replay, the live page of the ended room", async () => {
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [replay] } });
    const cold = await open({ ...SHOP_KEY, room_id: "12" });
    expect(floatButton(cold)).toBe("replay");
    expect(cold.text("#back-to-live")).toBe("看回放");
    await tapFloat(cold);
    expect(openedUrl(navigateTo())).toBe(`${BRIDGE}?room_id=12&custom_params=${enc({ src: "goods" })}`);
    cold.unload();

    const fromLive = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    await tapFloat(fromLive);
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
    expectNoForbiddenNavigation();
  });

  test("103 with replays and the in-page player switched on: 看回放 opens our room page", async () => {
    jest.doMock("../../../../miniprogram/core/shop-options", () => ({
      SHOP_OPTIONS: { inPageReplayPlayer: true },
    }));
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [replay] } });
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    await tapFloat(page);
    expect(openedUrl(navigateTo())).toBe("/packageA/pages/room/room?room_id=12");
    expect(navigateBack()).not.toHaveBeenCalled();
  });

  test("103 whose replays have all expired: no button", async () => {
    const expired = { ...replay, expireTime: "2024-01-10 10:00:00" };
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [expired] } });
    const page = await open({ ...SHOP_KEY, room_id: "12" });
    expect(requestedPaths()).toContain("/api/rooms/12/replays");
    expect(floatButton(page)).toBeNull();
  });

  test("103 without replays: no button", async () => {
    useBackend({ rooms: [roomFixture(12, 103)], replays: { 12: [] } });
    const page = await open({ ...SHOP_KEY, room_id: "12" });
    expect(floatButton(page)).toBeNull();
  });

  test("103 with replays switched off: no button, replays not even asked for", async () => {
    useBackend({ rooms: [roomFixture(12, 103, { closeReplay: 1 })], replays: { 12: [replay] } });
    const page = await open({ ...SHOP_KEY, room_id: "12" });
    expect(floatButton(page)).toBeNull();
    expect(requestedPaths()).not.toContain("/api/rooms/12/replays");
  });

  test.each([104, 107] as const)(
    "%i: the button disappears; opened cold, the nav bar keeps only home",
    async (status) => {
      useBackend({ rooms: [roomFixture(12, status)] });
      const page = await open({ ...SHOP_KEY, room_id: "12" });
      expect(floatButton(page)).toBeNull();
      expect(navControls(page)).toEqual({ back: false, home: true });
    },
  );

  test("ended, with the live page below: the nav bar's back simply goes back", async () => {
    useBackend({ rooms: [roomFixture(12, 104)] });
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    await tapNav(page, "nav-back");
    expect(navigateBack()).toHaveBeenCalledTimes(1);
    expect(navigateTo()).not.toHaveBeenCalled();
  });
});

describe("attribution from a share card on the plugin's live page", () => {
  const card = {
    scene: 1007,
    path: LIVE_ROUTE,
    query: { room_id: "12", share_openid: "o_sharer", custom_params: enc({ campaign: "d11" }) },
  };
  const shareCalls = () => harness.plugin.calls.filter((c) => c.method === "getShareParams").length;

  test("the goods page reads the share params once per entry, keeping only the sharer id", async () => {
    setEnterOptions(card);
    const page = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    page.hide();
    page.show();
    await flush(10);
    expect(shareCalls()).toBe(1);
    expect(harness.app.globalData.shareParams).toMatchObject({
      roomId: 12,
      sharer: sharerIdOf("o_sharer"),
      customParams: { campaign: "d11" },
    });
    expect(JSON.stringify(harness.app.globalData.shareParams)).not.toContain("o_sharer");
  });

  test("plugin → goods → back to live carries the sharer id, and no openid is in any URL", async () => {
    setEnterOptions(card);
    harness.app.globalData.entry = recordEntry(card, 1_700_000_000_000);
    // the goods page above the card's live page: back is one step to the page the card opened
    const first = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ campaign: "d11" }) }, [
      LIVE_ROUTE,
    ]);
    await tapFloat(first);
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
    const shared = first.instance.onShareAppMessage() as { path: string };
    first.unload();

    // the live page has gone from the stack (replaced on a full stack): a new one gets the sharer
    const second = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ campaign: "d11" }) });
    await tapFloat(second);
    const bridgeUrl = openedUrl(navigateTo());
    expect(customParamsOf(bridgeUrl)).toEqual({
      src: "goods:share",
      scene: 1007,
      sharer: sharerIdOf("o_sharer"),
      campaign: "d11",
    });

    // and the bridge hands it on to the plugin's live page
    const bridge = openPage("packageA/pages/live/live", {
      query: openedPage(bridgeUrl).query,
      below: [ROUTE],
    });
    await flush(20);
    const liveUrl = openedUrl(redirectTo());
    expect(liveUrl).toMatch(/^plugin-private:\/\/wx2b03c6e691cd7370\/pages\/live-player-plugin\?room_id=12&/);
    expect(customParamsOf(liveUrl)).toMatchObject({ sharer: sharerIdOf("o_sharer"), campaign: "d11" });
    bridge.unload();

    const urls = [
      shared.path,
      ...[navigateTo(), redirectTo()].flatMap((m) => m.mock.calls.map((c) => (c[0] as { url: string }).url)),
    ];
    for (const url of urls) {
      for (const openid of ["o_sharer", harness.plugin.openid]) {
        expect(url).not.toContain(openid);
        expect(decodeURIComponent(decodeURIComponent(url))).not.toContain(openid);
      }
    }
  });

  test("a scan of the room's code (1047) on the live page asks too; an entry elsewhere does not", async () => {
    setEnterOptions({ scene: 1047, path: LIVE_ROUTE, query: { room_id: "12", type: "9" } });
    const scanned = await open({ ...SHOP_KEY, room_id: "12" }, [LIVE_ROUTE]);
    expect(shareCalls()).toBe(1);
    expect(harness.app.globalData.shareParams).toMatchObject({ roomId: 12, sharer: null });
    scanned.unload();

    harness.app.globalData.shareParams = null;
    setEnterOptions({ scene: 1007, path: ROUTE, query: { ...SHOP_KEY } });
    await open({ ...SHOP_KEY });
    expect(shareCalls()).toBe(1);
    expect(harness.app.globalData.shareParams).toBeNull();
  });
});

describe("share and refresh", () => {
  test("sharing keeps the registered URL and the room; the sharer goes as a sharer id", async () => {
    harness.storage.set("live-viewer-openid:v1", "o_viewer_openid");
    const page = await open({ ...SHOP_KEY, room_id: "12", custom_params: enc({ shop: "a" }) });
    const shared = page.instance.onShareAppMessage() as { title: string; path: string; imageUrl: string };
    expect(shared).toMatchObject({
      title: "羊绒围巾 秋冬加厚款",
      imageUrl: "https://img.example.com/goods/7.jpg",
    });
    expect(shared.path).toMatch(new RegExp(`^/${ROUTE}\\?id=8812&room_id=12&custom_params=`));
    expect(customParamsOf(shared.path)).toEqual({ shop: "a", sharer: sharerIdOf("o_viewer_openid") });
    expect(shared.path).not.toContain("o_viewer_openid");
  });

  test("without a known openid the link carries no sharer, not even the one it arrived with", async () => {
    const page = await open({
      ...SHOP_KEY,
      room_id: "12",
      custom_params: enc({ sharer: "0123456789abcdef" }),
    });
    expect(page.instance.onShareAppMessage().path).toBe(`/${ROUTE}?id=8812&room_id=12`);
  });

  test("pull-down refresh reloads and stops the spinner", async () => {
    const page = await open(SHOP_KEY);
    useBackend({ goods: goodsFixture({ name: "新名字" }) });
    page.instance.onPullDownRefresh();
    await flush(20);
    expect(page.text("#goods-name")).toBe("新名字");
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  test("an answer arriving after a newer load is dropped", async () => {
    harness.backend = () => "hold";
    const page = openPage(ROUTE, { query: SHOP_KEY });
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
