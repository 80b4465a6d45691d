/**
 * The bridge page (packageA/pages/live/live): what pages outside packageA open to reach the plugin's
 * live page. It opens the live page in its own place, reads the share params of the entry, and has a
 * way out of every failure.
 */
import { harness, setEnterOptions } from "../../../support/harness";
import { openPage, type MountedPage, settle } from "../../../support/mount";
import { sharerIdOf } from "../../../../miniprogram/core/sharer";

import {
  BRIDGE as ROUTE,
  LIVE_PAGE as LIVE_ROUTE,
  LIVE_PAGE_URL as LIVE,
  SHOP_PAGE,
  customParamsOf,
} from "../../../support/fixtures/routes";

const navigateTo = () => wx.navigateTo as jest.Mock;
const navigateBack = () => wx.navigateBack as jest.Mock;
const redirectTo = () => wx.redirectTo as jest.Mock;
const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const urlOf = (mock: jest.Mock, call = 0) => (mock.mock.calls[call][0] as { url: string }).url;
const refuse = (mock: jest.Mock) =>
  mock.mockImplementation((o: { fail?: (e: unknown) => void }) => o.fail?.({ errMsg: "fail" }));

async function open(query: Record<string, string>, below: string[] = [SHOP_PAGE]): Promise<MountedPage> {
  const page = openPage(ROUTE, { query, below });
  await settle();
  return page;
}

beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-25T10:00:00+08:00") }));
afterEach(() => jest.useRealTimers());

describe("opening the live page", () => {
  test("in its own place, with the custom_params it was given", async () => {
    await open({ room_id: "12", custom_params: enc({ src: "goods", shop: "a" }) });
    expect(redirectTo()).toHaveBeenCalledTimes(1);
    expect(urlOf(redirectTo())).toBe(`${LIVE}?room_id=12&custom_params=${enc({ src: "goods", shop: "a" })}`);
    expect(navigateTo()).not.toHaveBeenCalled();
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });

  test("custom_params in any encoding, or none: our attribution fills in", async () => {
    await open({ room_id: "12", custom_params: encodeURIComponent(enc({ shop: "a" })) });
    expect(customParamsOf(urlOf(redirectTo()))).toEqual({ src: "live", shop: "a" });
    await open({ room_id: "12", custom_params: "{bad json" });
    expect(customParamsOf(urlOf(redirectTo(), 1))).toEqual({ src: "live" });
  });

  test("a client that refuses redirectTo into the plugin: on top, and back through here on return", async () => {
    refuse(redirectTo());
    const page = await open({ room_id: "12" });
    expect(urlOf(navigateTo())).toMatch(`${LIVE}?room_id=12`);
    expect(page.exists("#opening")).toBe(true);
    page.hide();
    page.show(); // the shopper left the live page
    await settle();
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
  });

  test("refused both ways: a clear state, a retry and a way back", async () => {
    refuse(redirectTo());
    refuse(navigateTo());
    const page = await open({ room_id: "12" });
    expect(page.text("#bridge-state")).toContain("直播间打开失败");
    redirectTo().mockReset();
    await page.tapVant("#retry");
    expect(urlOf(redirectTo())).toMatch(`${LIVE}?room_id=12`);
  });
});

describe("share params", () => {
  test("an entry on the live page: its sharer reaches the new live page as a sharer id", async () => {
    setEnterOptions({ scene: 1008, path: LIVE_ROUTE, query: { room_id: "12", share_openid: "o_sharer" } });
    await open({ room_id: "12", custom_params: enc({ src: "goods" }) });
    const url = urlOf(redirectTo());
    expect(customParamsOf(url)).toEqual({ src: "goods", sharer: sharerIdOf("o_sharer") });
    expect(url).not.toContain("o_sharer");
  });

  test("a plugin that never answers holds the live page back less than a second", async () => {
    setEnterOptions({ scene: 1007, path: LIVE_ROUTE, query: { room_id: "12" } });
    harness.plugin.getShareParams = () => new Promise(() => undefined);
    await open({ room_id: "12" });
    expect(redirectTo()).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(800);
    expect(urlOf(redirectTo())).toBe(`${LIVE}?room_id=12&custom_params=${enc({ src: "live" })}`);
  });
});

describe("a bad link", () => {
  test.each([
    ["missing", undefined],
    ["letters", "abc"],
    ["negative", "-3"],
    ["700 digits", "9".repeat(700)],
  ])("room_id %s: says so, opens nothing, and goes back", async (_what, roomId) => {
    const page = await open(roomId === undefined ? {} : { room_id: roomId });
    expect(page.text("#bridge-state")).toContain("直播间链接有误");
    expect(page.exists("#retry")).toBe(false);
    expect(redirectTo()).not.toHaveBeenCalled();
    expect(navigateTo()).not.toHaveBeenCalled();
    await page.tapVant("#back");
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
  });

  test("opened cold: 返回 opens the list on top", async () => {
    const page = await open({}, []);
    await page.tapVant("#back");
    expect(urlOf(navigateTo())).toBe("/pages/rooms/rooms");
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });
});
