import {
  decideBackToLive,
  decideHome,
  decideOpen,
  liveButtonFor,
  liveCustomParams,
  MAX_PAGE_STACK,
} from "../../miniprogram/core/back-to-live";

const LIVE = "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin";
const LIVE_ROUTE = "__plugin__/wx2b03c6e691cd7370/pages/live-player-plugin";
const GOODS = "packageA/pages/goods/goods";
const ROOMS = "pages/rooms/rooms";

const stack = (n: number, last = GOODS) => [...Array.from({ length: n - 1 }, () => ROOMS), last];

describe("decideBackToLive", () => {
  test("live page right below: back one page", () => {
    expect(decideBackToLive({ routes: [ROOMS, LIVE_ROUTE, GOODS], roomId: 12 })).toEqual({
      kind: "navigateBack",
      delta: 1,
    });
  });

  test("the live page deeper in the stack is not 'right below': open it anew", () => {
    expect(decideBackToLive({ routes: [LIVE_ROUTE, ROOMS, GOODS], roomId: 12 })).toEqual({
      kind: "navigateTo",
      url: `${LIVE}?room_id=12`,
    });
  });

  test("opened cold: navigateTo with room_id and custom_params", () => {
    expect(decideBackToLive({ routes: [GOODS], roomId: 12, customParams: { a: 1 } })).toEqual({
      kind: "navigateTo",
      url: `${LIVE}?room_id=12&custom_params=${encodeURIComponent('{"a":1}')}`,
    });
  });

  test("an empty stack (never expected) still opens the live page", () => {
    expect(decideBackToLive({ routes: [], roomId: 3 }).kind).toBe("navigateTo");
  });

  test.each([
    [MAX_PAGE_STACK - 1, "navigateTo"],
    [MAX_PAGE_STACK, "redirectTo"],
    [MAX_PAGE_STACK + 1, "redirectTo"],
  ])("stack of %i: %s", (n, kind) => {
    expect(decideBackToLive({ routes: stack(n), roomId: 12 })).toEqual({ kind, url: `${LIVE}?room_id=12` });
  });

  test("never anything but navigateBack, navigateTo or redirectTo", () => {
    const kinds = new Set<string>();
    for (let n = 0; n <= 12; n += 1) {
      kinds.add(decideBackToLive({ routes: stack(n), roomId: 1 }).kind);
      kinds.add(decideBackToLive({ routes: [...stack(n, LIVE_ROUTE), GOODS], roomId: 1 }).kind);
    }
    expect([...kinds].sort()).toEqual(["navigateBack", "navigateTo", "redirectTo"]);
  });
});

describe("decideOpen", () => {
  test("navigateTo below the limit, redirectTo at it", () => {
    expect(decideOpen(stack(3), "/x")).toEqual({ kind: "navigateTo", url: "/x" });
    expect(decideOpen(stack(10), "/x")).toEqual({ kind: "redirectTo", url: "/x" });
  });
});

describe("decideHome", () => {
  test("our list below: back to it, however deep", () => {
    expect(decideHome([ROOMS, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
    expect(decideHome([ROOMS, "packageA/pages/room/room", LIVE_ROUTE, GOODS])).toEqual({
      kind: "navigateBack",
      delta: 3,
    });
  });

  test("the nearest copy of the list wins", () => {
    expect(decideHome([ROOMS, LIVE_ROUTE, ROOMS, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
  });

  test("a leading slash or a query in a route does not hide the list", () => {
    expect(decideHome([`/${ROOMS}?x=1`, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
  });

  test("no list below: relaunch at it", () => {
    expect(decideHome([GOODS])).toEqual({ kind: "reLaunch", url: "/pages/rooms/rooms" });
    expect(decideHome([LIVE_ROUTE, GOODS])).toEqual({ kind: "reLaunch", url: "/pages/rooms/rooms" });
    // The current page itself being the list is not "below".
    expect(decideHome([ROOMS])).toEqual({ kind: "reLaunch", url: "/pages/rooms/rooms" });
  });
});

describe("liveButtonFor", () => {
  test.each([
    [101, false, "live"],
    [102, false, "live"],
    [105, false, "live"],
    [106, false, "live"],
    [null, false, "live"],
    [undefined, false, "live"],
    [103, true, "replay"],
    [103, false, "none"],
    [104, true, "none"],
    [107, true, "none"],
  ] as const)("status %p, replays %p: %s", (status, replays, expected) => {
    expect(liveButtonFor(status, replays)).toBe(expected);
  });
});

describe("liveCustomParams", () => {
  const ours = { src: "goods:qrcode", scene: 1047 };

  test("theirs win on a clash; ours fill the rest", () => {
    expect(liveCustomParams({ src: "list:other", shop: "a" }, ours)).toEqual({
      src: "list:other",
      scene: 1047,
      shop: "a",
    });
  });

  test("either side alone", () => {
    expect(liveCustomParams(null, ours)).toEqual(ours);
    expect(liveCustomParams({ shop: "a" }, null)).toEqual({ shop: "a" });
    expect(liveCustomParams(null, null)).toBeNull();
    expect(liveCustomParams({}, {})).toBeNull();
  });

  test("over 600 encoded characters: theirs alone, then ours alone, then nothing", () => {
    const fits = { note: "x".repeat(560) };
    expect(liveCustomParams(fits, ours)).toEqual(fits);
    const huge = { note: "x".repeat(700) };
    expect(liveCustomParams(huge, ours)).toEqual(ours);
    expect(liveCustomParams(huge, { src: "y".repeat(700) })).toBeNull();
  });
});
