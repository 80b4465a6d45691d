import type { ComponentJSON } from "miniprogram-simulate";
import type { Room } from "../../../typings/api";
import { harness, releaseHeld, errorReply } from "../../support/harness";
import { openPage, settle, type MountedPage } from "../../support/mount";
import { NOW, listBody, ok, pagedBackend, room, rooms, seedCache } from "../../support/fixtures/rooms";

const CACHE_KEY = "live-cache:v1:rooms:list";

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

async function open(query: Record<string, string> = {}): Promise<MountedPage> {
  const page = openPage("pages/rooms/rooms", { query });
  await settle();
  return page;
}

const roomKeys = (data: Record<string, unknown>): string[] =>
  Object.keys(data).filter((k) => k.startsWith("rooms"));
const shownIds = (page: MountedPage): number[] =>
  (page.instance.data.rooms as Array<{ id: number }>).map((r) => r.id);
const navigateTo = (): jest.Mock => wx.navigateTo as jest.Mock;

describe("first load", () => {
  test("without a cache it shows a skeleton until the network answers", async () => {
    harness.backend = () => "hold";
    const page = await open();
    expect(page.exists("#skeleton")).toBe(true);
    expect(page.exists("#list")).toBe(false);
    releaseHeld(() => ok(listBody([room(1, { status: 101 })])));
    await settle();
    expect(page.exists("#skeleton")).toBe(false);
    expect(page.text("#room-1")).toContain("好物直播第1场");
  });

  test("no rooms at all: a van-empty that says there are no rooms yet", async () => {
    harness.backend = () => ok(listBody([], 0));
    const page = await open();
    expect(page.exists("#empty")).toBe(true);
    expect(page.text("#empty")).toContain("还没有直播间");
    expect(page.exists("#footer")).toBe(false);
  });

  test("an error without a cache shows the error state, and retry loads the list", async () => {
    harness.backend = () => errorReply(503, "upstream_unavailable", "直播服务暂时不可用，请稍后重试");
    const page = await open();
    expect(page.text("#error")).toContain("直播服务暂时不可用，请稍后重试");
    expect(page.exists("#skeleton")).toBe(false);

    pagedBackend(rooms(1, 3));
    await page.tapVant("#retry", ".van-button");
    expect(page.exists("#error")).toBe(false);
    expect(page.exists("#room-3")).toBe(true);
    expect(harness.requests).toHaveLength(2);
  });

  test("a successful load writes the device cache with its ETag", async () => {
    pagedBackend(rooms(1, 3), '"abc"');
    await open();
    const saved = harness.storage.get(CACHE_KEY) as {
      value: { rooms: Room[] };
      etag: string;
      savedAt: number;
    };
    expect(saved.etag).toBe('"abc"');
    expect(saved.savedAt).toBe(NOW);
    expect(saved.value.rooms.map((r) => r.roomId)).toEqual([1, 2, 3]);
  });

  test("a garbage tab query falls back to 全部", async () => {
    pagedBackend([room(1, { status: 103 })]);
    const page = await open({ tab: "<script>" });
    expect(page.instance.data.tab).toBe("all");
    expect(page.exists("#room-1")).toBe(true);
  });

  test("a tab query opens that tab", async () => {
    pagedBackend([room(1, { status: 103 }), room(2, { status: 101 })]);
    const page = await open({ tab: "live" });
    expect(page.exists("#room-2")).toBe(true);
    expect(page.exists("#room-1")).toBe(false);
  });
});

describe("device cache", () => {
  test("the cached list is in the first setData, before the network answers", async () => {
    seedCache(listBody([room(7, { status: 101, name: "缓存里的直播间" })], 1), NOW - 30_000);
    harness.backend = () => "hold";
    const page = await open();
    expect(harness.held).toHaveLength(1);
    expect(roomKeys(page.setDataCalls[0].data).length).toBeGreaterThan(0);
    expect(page.text("#room-7")).toContain("缓存里的直播间");
    expect(page.exists("#skeleton")).toBe(false);
    // A recent cache needs no notice.
    expect(page.exists("#notice")).toBe(false);

    releaseHeld(() => ok(listBody([room(8, { status: 101, name: "新的直播间" })], 1), '"v2"'));
    await settle();
    expect(page.text("#room-8")).toContain("新的直播间");
    expect(page.exists("#room-7")).toBe(false);
  });

  test("an old cache says quietly when it was updated", async () => {
    seedCache(listBody(rooms(1, 2), 2), NOW - 12 * 60_000);
    harness.backend = () => "hold";
    const page = await open();
    expect(page.text("#notice")).toBe("更新于 12 分钟前");
  });

  test("a 304 keeps the list, sends no list again and refreshes the cache time", async () => {
    seedCache(listBody(rooms(1, 3), 3), NOW - 12 * 60_000, '"v1"');
    pagedBackend(rooms(100, 3), '"v1"');
    const page = await open();
    expect(harness.requests[0].header?.["If-None-Match"]).toBe('"v1"');
    expect(page.exists("#room-1")).toBe(true);
    expect(page.exists("#room-100")).toBe(false);
    expect(page.setDataCalls.slice(1).every((c) => roomKeys(c.data).length === 0)).toBe(true);
    expect(page.exists("#notice")).toBe(false);
    expect((harness.storage.get(CACHE_KEY) as { savedAt: number }).savedAt).toBe(NOW);
  });

  test("with a cache, a failed refresh keeps the list and shows a notice that retries", async () => {
    seedCache(listBody(rooms(1, 2), 2), NOW - 2 * 60_000);
    harness.backend = () => ({ fail: "request:fail timeout" });
    const page = await open();
    expect(page.exists("#room-1")).toBe(true);
    expect(page.exists("#error")).toBe(false);
    expect(page.text("#notice")).toBe("刷新失败，显示的是缓存内容（更新于 2 分钟前），点击重试");

    pagedBackend(rooms(1, 2));
    await page.tap("#notice");
    await settle();
    expect(page.exists("#notice")).toBe(false);
  });

  test("a cache entry of the wrong shape is ignored, never rendered", async () => {
    harness.storage.set(CACHE_KEY, { value: { rooms: "oops" }, savedAt: NOW, etag: null });
    harness.backend = () => "hold";
    const page = await open();
    expect(page.exists("#skeleton")).toBe(true);
    expect(harness.requests[0].header?.["If-None-Match"]).toBeUndefined();
  });
});

describe("malformed payloads", () => {
  test("a room missing a required field is dropped, never rendered as undefined", async () => {
    const broken: Partial<Room> = { ...room(2, { status: 101 }) };
    delete broken.name;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    harness.backend = () => ok(listBody([room(1), broken as Room, room(3)], 3));
    const page = await open();
    expect(page.exists("#room-1")).toBe(true);
    expect(page.exists("#room-2")).toBe(false);
    expect(page.exists("#room-3")).toBe(true);
    expect(page.html()).not.toContain("undefined");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("1 room(s) dropped"));
    warn.mockRestore();
  });

  test("a room with a wrong-typed field is dropped", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    harness.backend = () => ok(listBody([{ ...room(1), liveStatus: "101" } as unknown as Room, room(2)], 2));
    const page = await open();
    expect(page.exists("#room-1")).toBe(false);
    expect(page.exists("#room-2")).toBe(true);
    warn.mockRestore();
  });

  test.each([
    ["rooms is not a list", { rooms: "none", total: 0, updatedAt: NOW, stale: false }],
    ["total is a string", { rooms: [], total: "0", updatedAt: NOW, stale: false }],
    ["the body is a list", [room(1)]],
    ["the body is null", null],
  ])("a wrong-typed body (%s) is an error, not an empty list", async (_name, body) => {
    harness.backend = () => ({ statusCode: 200, data: JSON.stringify(body) });
    const page = await open();
    expect(page.exists("#empty")).toBe(false);
    expect(page.text("#error")).toContain("数据格式有误");
  });

  test("an HTML error page is an error state", async () => {
    harness.backend = () => ({ statusCode: 502, data: "<html><body>502 Bad Gateway</body></html>" });
    const page = await open();
    expect(page.text("#error")).toContain("服务返回了无法识别的内容（HTTP 502）");
  });

  test("HTTP 500 shows the backend's message", async () => {
    harness.backend = () => errorReply(500, "internal", "服务出错了");
    const page = await open();
    expect(page.text("#error")).toContain("服务出错了");
  });

  test("a timeout says so", async () => {
    harness.backend = () => ({ fail: "request:fail timeout" });
    const page = await open();
    expect(page.text("#error")).toContain("网络超时");
  });
});

describe("paging", () => {
  test("page 2 is appended with path keys only, never the whole list", async () => {
    pagedBackend(rooms(1, 45));
    const page = await open();
    expect(page.instance.data.rooms).toHaveLength(20);
    expect(page.text("#footer")).toContain("上拉加载更多");

    const before = page.setDataCalls.length;
    page.instance.onReachBottom();
    expect(page.setDataCalls[before].data).toEqual({ footer: "loading" });
    await settle();
    const keys = page.setDataCalls.slice(before).flatMap((c) => roomKeys(c.data));
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `rooms[${20 + i}]`));
    expect(harness.requests[1].url).toContain("start=20&limit=20");

    page.instance.onReachBottom();
    await settle();
    expect(page.instance.data.rooms).toHaveLength(45);
    expect(page.text("#footer")).toBe("没有更多了");
    page.instance.onReachBottom();
    await settle();
    expect(harness.requests).toHaveLength(3);
  });

  test("a live room on page 2 joins the live rooms at the top, re-sending only from there", async () => {
    pagedBackend([room(1, { status: 101 }), ...rooms(2, 19), room(21, { status: 101 }), ...rooms(22, 4)]);
    const page = await open();
    const before = page.setDataCalls.length;
    page.instance.onReachBottom();
    await settle();
    expect(shownIds(page).slice(0, 3)).toEqual([1, 21, 2]);
    const keys = page.setDataCalls.slice(before).flatMap((c) => roomKeys(c.data));
    expect(keys[0]).toBe("rooms[1]");
    expect(keys).not.toContain("rooms[0]");
    expect(keys).not.toContain("rooms");
  });

  test("a failed page shows 加载失败，点击重试 and the tap retries", async () => {
    const all = rooms(1, 30);
    pagedBackend(all);
    const page = await open();
    harness.backend = () => errorReply(500, "internal", "x");
    page.instance.onReachBottom();
    await settle();
    expect(page.text("#footer")).toBe("加载失败，点击重试");
    expect(page.instance.data.rooms).toHaveLength(20);

    pagedBackend(all);
    await page.tap("#footer-retry");
    await settle();
    expect(page.instance.data.rooms).toHaveLength(30);
    expect(page.text("#footer")).toBe("没有更多了");
  });

  test("a short filtered tab keeps fetching pages, since it cannot be scrolled", async () => {
    pagedBackend([...rooms(1, 20), room(21, { status: 101 }), ...rooms(22, 5)]);
    const page = await open();
    await page.tap("#tab-live");
    await settle();
    expect(page.exists("#room-21")).toBe(true);
    expect(page.text("#footer")).toBe("没有更多了");
  });

  test("a page-2 answer arriving after a pull-down refresh is ignored", async () => {
    const all = rooms(1, 30);
    pagedBackend(all);
    const page = await open();
    harness.backend = () => "hold";
    page.instance.onReachBottom();
    page.instance.onPullDownRefresh();
    expect(harness.held).toHaveLength(2);
    const [more, first] = harness.held.splice(0);
    first.reply(ok(listBody(rooms(50, 20), 20), '"v9"'));
    await settle();
    more.reply(ok(listBody(all.slice(20), 30)));
    await settle();
    expect(shownIds(page)).toEqual(Array.from({ length: 20 }, (_, i) => 50 + i));
    expect(page.text("#footer")).toBe("没有更多了");
  });
});

describe("tabs", () => {
  const mixed = (): Room[] => [
    room(1, { status: 103 }),
    room(2, { status: 102, startIn: 7200 }),
    room(3, { status: 101 }),
    room(4, { status: 105 }),
    room(5, { status: 107 }),
  ];

  test("全部 shows live rooms first", async () => {
    pagedBackend(mixed());
    const page = await open();
    expect(shownIds(page)).toEqual([3, 4, 1, 2, 5]);
    expect(page.exists("#tab-all")).toBe(true);
  });

  test.each([
    ["live", [3, 4]],
    ["upcoming", [2]],
    ["replay", [1]],
  ])("%s shows only its rooms", async (tab, ids) => {
    pagedBackend(mixed());
    const page = await open();
    await page.tap(`#tab-${tab}`);
    expect(shownIds(page)).toEqual(ids);
    expect(page.instance.data.tab).toBe(tab);
    expect(wx.pageScrollTo).toHaveBeenCalled();
  });

  test("an empty tab says so in its own words", async () => {
    pagedBackend([room(1, { status: 103 })]);
    const page = await open();
    await page.tap("#tab-upcoming");
    expect(page.text("#empty")).toContain("暂时没有直播预告");
    await page.tap("#tab-all");
    expect(page.exists("#room-1")).toBe(true);
  });
});

describe("tap routing", () => {
  test.each([101, 102, 103, 105, 106] as const)("%d opens the room page", async (status) => {
    pagedBackend([room(9, { status, startIn: 7200 })]);
    const page = await open();
    await page.tap("#room-9");
    expect(navigateTo()).toHaveBeenCalledTimes(1);
    expect(navigateTo().mock.calls[0][0].url).toBe("/packageA/pages/room/room?room_id=9");
  });

  test.each([
    [104, "违规"],
    [107, "过期"],
  ] as const)("%d is not tappable and shows why", async (status, reason) => {
    pagedBackend([room(9, { status })]);
    const page = await open();
    expect(page.text("#room-9")).toContain(reason);
    await page.tap("#room-9");
    expect(navigateTo()).not.toHaveBeenCalled();
  });

  test("a tap anywhere inside the card reaches the page", async () => {
    pagedBackend([room(4, { status: 101 })]);
    const page = await open();
    page.comp.querySelector("#room-4")?.querySelector(".card__name")?.dispatchEvent("tap");
    await settle();
    expect(navigateTo().mock.calls[0][0].url).toBe("/packageA/pages/room/room?room_id=4");
  });
});

describe("countdown", () => {
  test("reaching zero flips the card without a reload or resending the list", async () => {
    pagedBackend([room(1, { status: 101 }), room(2, { status: 102, startIn: 3 })]);
    const page = await open();
    expect(page.text("#room-2")).toContain("00:00:03");
    const before = page.setDataCalls.length;

    await jest.advanceTimersByTimeAsync(1000);
    expect(page.text("#room-2")).toContain("00:00:02");
    // Ticking is the countdown component's business: the page sends nothing.
    expect(page.setDataCalls).toHaveLength(before);

    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(page.text("#room-2")).toContain("即将开播");
    expect(page.text("#room-2")).not.toContain("00:00");
    expect(page.exists("#room-2")).toBe(true);
    expect(harness.requests).toHaveLength(1);
    const flips = page.setDataCalls.slice(before).map((c) => Object.keys(c.data));
    expect(flips).toEqual([["rooms[1].label", "rooms[1].time", "rooms[1].cd"]]);
  });
});

describe("refresh", () => {
  test("pull-down always stops the spinner, on success and on failure", async () => {
    pagedBackend(rooms(1, 2));
    const page = await open();
    page.instance.onPullDownRefresh();
    await settle();
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);

    harness.backend = () => ({ fail: "request:fail" });
    page.instance.onPullDownRefresh();
    await settle();
    expect(wx.stopPullDownRefresh).toHaveBeenCalledTimes(2);
    expect(page.exists("#room-1")).toBe(true);
    expect(page.text("#notice")).toContain("刷新失败");
  });

  test("onShow revalidates only when the list is older than 60 s", async () => {
    pagedBackend(rooms(1, 2), '"v1"');
    const page = await open();
    expect(harness.requests).toHaveLength(1);

    page.hide();
    await jest.advanceTimersByTimeAsync(30_000);
    page.show();
    await settle();
    expect(harness.requests).toHaveLength(1);

    page.hide();
    await jest.advanceTimersByTimeAsync(31_000);
    page.show();
    await settle();
    expect(harness.requests).toHaveLength(2);
    expect(harness.requests[1].header?.["If-None-Match"]).toBe('"v1"');
  });
});

describe("share and accessibility", () => {
  test("share to a chat and to Moments point at the list (and its tab)", async () => {
    pagedBackend([room(1, { status: 101 }), room(2, { status: 101 }), room(3)]);
    const page = await open();
    expect(wx.showShareMenu).toHaveBeenCalledWith({ menus: ["shareAppMessage", "shareTimeline"] });
    expect(page.instance.onShareAppMessage()).toEqual({
      title: "2 个直播间正在直播，快来看看",
      path: "/pages/rooms/rooms",
    });
    await page.tap("#tab-live");
    expect(page.instance.onShareAppMessage().path).toBe("/pages/rooms/rooms?tab=live");
    expect(page.instance.onShareTimeline()).toEqual({
      title: "2 个直播间正在直播，快来看看",
      query: "tab=live",
    });
  });

  const attr = (node: { toJSON(): ComponentJSON } | undefined, name: string): unknown =>
    node?.toJSON().attrs.find((a) => a.name === name)?.value;

  test("cards say what they are, and why a closed one cannot be opened", async () => {
    pagedBackend([room(1, { status: 104 }), room(2, { status: 101 })]);
    const page = await open();
    const closed = page.comp.querySelector("#room-1")?.querySelector(".card");
    expect(attr(closed, "ariaLabel")).toBe(
      "好物直播第1场，已禁播，主播主播1，今天 18:00 开播，该直播间因违规已被禁播，暂时无法观看",
    );
    expect(attr(closed, "ariaDisabled")).toBe(true);
    const open2 = page.comp.querySelector("#room-2")?.querySelector(".card");
    expect(attr(open2, "ariaLabel")).toBe("好物直播第2场，直播中，主播主播2，今天 18:00 开播");
    expect(attr(open2, "ariaRole")).toBe("button");
  });

  test("tabs and buttons carry roles and labels", async () => {
    harness.backend = () => ({ fail: "request:fail" });
    const page = await open();
    expect(attr(page.comp.querySelector("#tab-live"), "ariaRole")).toBe("tab");
    expect(attr(page.comp.querySelector("#tab-all"), "ariaSelected")).toBe(true);
    // van-button passes aria-label on to its native button.
    const button = page.comp.querySelector("#retry")?.querySelector(".van-button");
    expect(attr(button, "ariaLabel")).toBe("重新加载");
  });
});
