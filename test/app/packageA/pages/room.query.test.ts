/**
 * Bad or missing room_id: a helpful state, and never a request, a poll, a timer or a navigation.
 */
import { harness } from "../../../support/harness";
import { openPage, settle } from "../../../support/mount";
import { MIN, ROOM_ROUTE, T0 } from "../../../support/fixtures/room-page";

beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

const BAD: Array<[string, Record<string, string>]> = [
  ["empty", { room_id: "" }],
  ["letters", { room_id: "abc" }],
  ["negative", { room_id: "-1" }],
  ["decimal", { room_id: "1.5" }],
  ["broken escape", { room_id: "%E0%A4%A" }],
  ["missing", {}],
  ["700 characters", { room_id: "9".repeat(700) }],
  ["zero", { room_id: "0" }],
  ["NaN", { room_id: "NaN" }],
];

describe.each(BAD)("room_id %s", (_name, query) => {
  test("shows the error state and does nothing on its own", async () => {
    harness.backend = () => ({ statusCode: 200, data: {} });
    const page = openPage(ROOM_ROUTE, { query });
    await settle();
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(page.text("#invalid")).toContain("直播间链接有误");
    expect(page.exists("#status")).toBe(false);
    expect(harness.requests).toEqual([]);
    expect(harness.plugin.calls).toEqual([]);
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(wx.redirectTo).not.toHaveBeenCalled();
    expect(wx.navigateBack).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
    expect(JSON.stringify(page.setDataCalls)).not.toMatch(/NaN|null/);
    page.hide();
    page.show();
    page.instance.onEnterLive();
    page.instance.onPullDownRefresh();
    await settle();
    expect(harness.plugin.calls).toEqual([]);
    expect(harness.requests).toEqual([]);
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(wx.stopPullDownRefresh).toHaveBeenCalled();
    page.unload();
  });
});

describe("the way out of a bad link", () => {
  test("the list below is returned to", async () => {
    const page = openPage(ROOM_ROUTE, { query: { room_id: "abc" }, below: ["pages/rooms/rooms"] });
    await page.tapVant("#to-list");
    expect(wx.navigateBack).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
    expect(wx.redirectTo).not.toHaveBeenCalled();
  });

  test("opened cold, the list opens on top", async () => {
    const page = openPage(ROOM_ROUTE, { query: {} });
    await page.tapVant("#to-list");
    expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: "/pages/rooms/rooms" }));
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });

  test("sharing a bad link shares the list instead", () => {
    const page = openPage(ROOM_ROUTE, { query: { room_id: "-1" } });
    expect(page.instance.onShareAppMessage()).toEqual(
      expect.objectContaining({ path: "/pages/rooms/rooms" }),
    );
  });

  test("a good id next to junk parameters still works", async () => {
    harness.plugin.setStatus(12, 101);
    const page = openPage(ROOM_ROUTE, { query: { room_id: " 12 ", sharer: "%E0%A4%A" } });
    await settle();
    expect(page.exists("#invalid")).toBe(false);
    expect(harness.plugin.statusCalls(12)).toHaveLength(1);
    page.unload();
  });
});
