import { decideBackToLive, liveButtonFor } from "../../../miniprogram/core/back-to-live";
import { liveCustomParams, shareCustomParams } from "../../../miniprogram/core/custom-params";
import { MAX_PAGE_STACK } from "../../../miniprogram/core/navigation";
import { sharerIdOf } from "../../../miniprogram/core/sharer";
import {
  BRIDGE_URL as BRIDGE,
  GOODS,
  LIST as ROOMS,
  LIVE_PAGE as LIVE,
  SHOP_PAGE as SHOP,
} from "../../support/fixtures/routes";

const filler = (n: number) => Array.from({ length: n }, () => SHOP);

describe("decideBackToLive", () => {
  test("plugin → goods → goods → 返回直播间 is one navigateBack of 2", () => {
    expect(decideBackToLive({ stack: [ROOMS, LIVE, GOODS, GOODS], roomId: 12 })).toEqual({
      kind: "navigateBack",
      delta: 2,
    });
  });

  test("the live page right below: back one page; on a shop's own page too", () => {
    expect(decideBackToLive({ stack: [LIVE, GOODS], roomId: 12 })).toEqual({
      kind: "navigateBack",
      delta: 1,
    });
    expect(decideBackToLive({ stack: [LIVE, SHOP], roomId: 12 })).toEqual({ kind: "navigateBack", delta: 1 });
  });

  test("no live page below: the bridge opens it, with the custom_params", () => {
    expect(decideBackToLive({ stack: [GOODS], roomId: 12, customParams: { a: 1 } })).toEqual({
      kind: "navigateTo",
      url: `${BRIDGE}?room_id=12&custom_params=${encodeURIComponent('{"a":1}')}`,
    });
    expect(decideBackToLive({ stack: [ROOMS, SHOP], roomId: 12 })).toEqual({
      kind: "navigateTo",
      url: `${BRIDGE}?room_id=12`,
    });
  });

  test("a full stack without the live page: the bridge replaces the current page", () => {
    expect(decideBackToLive({ stack: filler(MAX_PAGE_STACK), roomId: 12 })).toEqual({
      kind: "redirectTo",
      url: `${BRIDGE}?room_id=12`,
    });
  });

  test("a full stack with the live page deep below still goes back", () => {
    expect(decideBackToLive({ stack: [LIVE, ...filler(MAX_PAGE_STACK - 1)], roomId: 12 })).toEqual({
      kind: "navigateBack",
      delta: MAX_PAGE_STACK - 1,
    });
  });

  test("看回放 takes the same way (WeChat's replay is the live page), or our room page with the in-page player", () => {
    const stackWithLive = [LIVE, GOODS];
    expect(decideBackToLive({ stack: stackWithLive, roomId: 12, button: "replay" })).toEqual({
      kind: "navigateBack",
      delta: 1,
    });
    expect(decideBackToLive({ stack: [GOODS], roomId: 12, button: "replay" })).toEqual({
      kind: "navigateTo",
      url: `${BRIDGE}?room_id=12`,
    });
    expect(
      decideBackToLive({ stack: stackWithLive, roomId: 12, button: "replay", inPageReplayPlayer: true }),
    ).toEqual({ kind: "navigateTo", url: "/packageA/pages/room/room?room_id=12" });
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

  test("a sharer that arrived as an openid leaves as its sharer id; garbage is dropped", () => {
    expect(liveCustomParams({ sharer: "o_old_link" }, ours)).toEqual({
      ...ours,
      sharer: sharerIdOf("o_old_link"),
    });
    expect(liveCustomParams({ sharer: "<b>", shop: "a" }, null)).toEqual({ shop: "a" });
  });
});

describe("shareCustomParams", () => {
  test("the one sharing is the sharer; what arrived is kept", () => {
    expect(shareCustomParams({ shop: "a", sharer: "0000000000000000" }, "1111111111111111")).toEqual({
      shop: "a",
      sharer: "1111111111111111",
    });
  });

  test("someone else's sharer is not passed on when ours is unknown", () => {
    expect(shareCustomParams({ shop: "a", sharer: "0000000000000000" }, null)).toEqual({ shop: "a" });
    expect(shareCustomParams(null, null)).toBeNull();
  });
});
