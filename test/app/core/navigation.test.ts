import {
  decideBack,
  decideBridgeOpen,
  decideHome,
  decideOpen,
  HOME_URL,
  liveBridgeUrl,
  liveDeltaBelow,
  listDeltaBelow,
  MAX_PAGE_STACK,
  roomPageUrl,
  type NavAction,
} from "../../../miniprogram/core/navigation";

import {
  GOODS,
  LIST as ROOMS,
  LIVE_PAGE as LIVE,
  ROOM,
  SHOP_PAGE as SHOP,
} from "../../support/fixtures/routes";

/** A stack of n pages, none of them the list, the current page last. */
const stack = (n: number) => Array.from({ length: n }, () => SHOP);

describe("decideOpen", () => {
  test.each([
    [1, "navigateTo"],
    [MAX_PAGE_STACK - 1, "navigateTo"],
    [MAX_PAGE_STACK, "redirectTo"],
    [MAX_PAGE_STACK + 1, "redirectTo"],
  ])("a stack of %i: %s", (n, kind) => {
    expect(decideOpen(stack(n), "/x")).toEqual({ kind, url: "/x" });
  });
});

describe("decideHome: one rule for every page", () => {
  test("our list below: back to it, however deep, the nearest copy first", () => {
    expect(decideHome([ROOMS, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
    expect(decideHome([ROOMS, ROOM, LIVE, GOODS])).toEqual({ kind: "navigateBack", delta: 3 });
    expect(decideHome([ROOMS, LIVE, ROOMS, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
  });

  test("a leading slash or a query in a route does not hide the list", () => {
    expect(decideHome([`/${ROOMS}?tab=live`, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
    expect(listDeltaBelow(["pages/roomsX", GOODS])).toBeNull();
  });

  test("no list below: the list opens on top, the live page and its 小窗 stay", () => {
    expect(decideHome([GOODS])).toEqual({ kind: "navigateTo", url: HOME_URL });
    expect(decideHome([LIVE, GOODS])).toEqual({ kind: "navigateTo", url: HOME_URL });
    // the current page itself being the list is not "below"
    expect(decideHome([ROOMS])).toEqual({ kind: "navigateTo", url: HOME_URL });
    expect(decideHome([])).toEqual({ kind: "navigateTo", url: HOME_URL });
  });

  test("no list below and a full stack: the list replaces the current page", () => {
    expect(decideHome([LIVE, ...stack(MAX_PAGE_STACK - 1)])).toEqual({ kind: "redirectTo", url: HOME_URL });
  });
});

describe("decideBack", () => {
  test("the previous page, else home", () => {
    expect(decideBack([LIVE, GOODS])).toEqual({ kind: "navigateBack", delta: 1 });
    expect(decideBack([GOODS])).toEqual({ kind: "navigateTo", url: HOME_URL });
  });
});

describe("liveDeltaBelow", () => {
  test("the nearest live page below, however many pages lie between", () => {
    expect(liveDeltaBelow([ROOMS, LIVE, GOODS], 12)).toBe(1);
    expect(liveDeltaBelow([ROOMS, LIVE, GOODS, GOODS], 12)).toBe(2);
    expect(liveDeltaBelow([LIVE, GOODS, LIVE, SHOP, GOODS], 12)).toBe(2);
    expect(liveDeltaBelow([ROOMS, GOODS], 12)).toBeNull();
    expect(liveDeltaBelow([LIVE], 12)).toBeNull();
  });

  test("a live page of another room is passed over; one whose room is unknown counts", () => {
    const live = (roomId: string) => ({ route: LIVE, options: { room_id: roomId } });
    expect(liveDeltaBelow([live("12"), live("15"), GOODS], 12)).toBe(2);
    expect(liveDeltaBelow([live("15"), GOODS], 12)).toBeNull();
    expect(liveDeltaBelow([{ route: LIVE, options: {} }, GOODS], 12)).toBe(1);
  });
});

describe("decideBridgeOpen", () => {
  test("in the bridge's own place first, then on top of it", () => {
    expect(decideBridgeOpen([SHOP, "packageA/pages/live/live"], "/x")).toEqual([
      { kind: "redirectTo", url: "/x" },
      { kind: "navigateTo", url: "/x" },
    ]);
  });

  test("a full stack has no room on top: in its place only", () => {
    expect(decideBridgeOpen(stack(MAX_PAGE_STACK), "/x")).toEqual([{ kind: "redirectTo", url: "/x" }]);
  });
});

describe("URLs", () => {
  test("the room page and the live bridge", () => {
    expect(roomPageUrl(12)).toBe(`/${ROOM}?room_id=12`);
    expect(roomPageUrl(12, "0123456789abcdef")).toBe(`/${ROOM}?room_id=12&sharer=0123456789abcdef`);
    expect(liveBridgeUrl(12, null)).toBe("/packageA/pages/live/live?room_id=12");
    expect(liveBridgeUrl(12, {})).toBe("/packageA/pages/live/live?room_id=12");
    expect(liveBridgeUrl(12, { src: "goods" })).toBe(
      `/packageA/pages/live/live?room_id=12&custom_params=${encodeURIComponent('{"src":"goods"}')}`,
    );
  });
});

describe("nothing can close the 小窗", () => {
  test("every decision, for every stack up to 12 pages, is navigateBack, navigateTo or redirectTo", () => {
    const kinds = new Set<NavAction["kind"]>();
    for (let n = 0; n <= 12; n += 1) {
      for (const pages of [stack(n), [ROOMS, ...stack(n)], [LIVE, ...stack(n)]]) {
        const actions = [decideHome(pages), decideBack(pages), decideOpen(pages, "/x")];
        for (const action of [...actions, ...decideBridgeOpen(pages, "/x")]) {
          kinds.add(action.kind);
        }
      }
    }
    expect([...kinds].sort()).toEqual(["navigateBack", "navigateTo", "redirectTo"]);
  });
});
