/**
 * The live-room page over the fake plugin and a fake backend, with jest fake timers: polling cadence,
 * pauses, timeouts, setData economy, terminal statuses, subscribe, entering the live page, replays.
 */
import type { LiveStatus } from "../../../../typings/api";
import { HOST_APPID } from "../../../support/fake-live-plugin";
import { harness } from "../../../support/harness";
import {
  MIN,
  T0,
  navigateToUrls,
  openRoom,
  room,
  serve,
  openServed,
} from "../../../support/fixtures/room-page";
import { settle } from "../../../support/mount";

const calls = () => harness.plugin.statusCalls(12).length;

/**
 * Opens an upcoming room whose status the plugin knows as `status`, while someone (the plugin's own
 * subscribe button) called the plugin 1 s ago behind our back: our first call will hang.
 */
async function openWithHangingCall(status: LiveStatus) {
  serve({ room: room({ liveStatus: 102 }) });
  harness.plugin.setStatus(12, status);
  wx.setStorageSync(`prevRequestTime-${HOST_APPID}-12`, T0 - 1_000);
  return openRoom({ room_id: "12" });
}

beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

describe("status poller on the page", () => {
  test("over 10 minutes shown: exactly 11 getLiveStatus calls, one a minute", async () => {
    const page = await openServed({ room: room() }, 101);
    await jest.advanceTimersByTimeAsync(10 * MIN);
    const times = harness.plugin.statusCalls(12).map((c) => (c.at - T0) / 1000);
    expect(times).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    expect(harness.plugin.statusCalls(12).some((c) => c.swallowed)).toBe(false);
    page.unload();
  });

  test("hidden for 10 minutes: no call; shown again: one at once", async () => {
    const page = await openServed({ room: room() }, 101);
    expect(calls()).toBe(1);
    page.hide();
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(calls()).toBe(1);
    page.show();
    await settle();
    expect(calls()).toBe(2);
    page.unload();
  });

  test("shown again after 30 s hidden: the next call waits until 60 s after the last", async () => {
    const page = await openServed({ room: room() }, 101);
    await jest.advanceTimersByTimeAsync(10_000);
    page.hide();
    await jest.advanceTimersByTimeAsync(30_000);
    page.show();
    await jest.advanceTimersByTimeAsync(19_999);
    expect(calls()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(2);
    expect(harness.plugin.statusCalls(12)[1].at - T0).toBe(MIN);
    page.unload();
  });

  test("a call made by another page 20 s ago holds the first call for 40 s", async () => {
    const first = await openServed({ room: room() }, 101);
    first.unload();
    await jest.advanceTimersByTimeAsync(20_000);
    const second = await openRoom({ room_id: "12" });
    await jest.advanceTimersByTimeAsync(39_999);
    expect(calls()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(2);
    expect(harness.plugin.statusCalls(12).some((c) => c.swallowed)).toBe(false);
    second.unload();
  });

  test("reopened within the 60 s gap: the status learned a moment ago shows, not the backend's stale copy", async () => {
    const first = await openServed({ room: room({ liveStatus: 102 }) }, 101);
    first.unload();
    await jest.advanceTimersByTimeAsync(20_000);
    const second = await openRoom({ room_id: "12" });
    expect(calls()).toBe(1);
    expect(second.text("#status-label")).toBe("直播中");
    expect(second.exists("#enter-live")).toBe(true);
    second.unload();
  });

  test("a room already known to be over is not polled again", async () => {
    serve({ room: room({ liveStatus: 102 }), replays: [] });
    harness.plugin.setStatus(12, 107);
    (await openRoom({ room_id: "12" })).unload();
    await jest.advanceTimersByTimeAsync(60 * MIN);
    const again = await openRoom({ room_id: "12" });
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(calls()).toBe(1);
    expect(again.text("#status-label")).toBe("已过期");
    again.unload();
  });

  test("a never-settling call is abandoned: 状态未知 with the last status, and polling goes on", async () => {
    const page = await openWithHangingCall(101);
    expect(harness.plugin.statusCalls(12)[0].swallowed).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(page.text("#status-label")).toBe("预告");
    expect(page.exists("#status-unknown")).toBe(true);
    await jest.advanceTimersByTimeAsync(50_000);
    expect(calls()).toBe(2);
    expect(page.text("#status-label")).toBe("直播中");
    expect(page.exists("#status-unknown")).toBe(false);
    expect(page.exists("#enter-live")).toBe(true);
    page.unload();
  });

  test("errors show 状态未知 without hiding the last status, and back off 60 → 120 → 300 s", async () => {
    const page = await openServed({ room: room() }, 101);
    harness.plugin.setStatus(12, { reject: "网络超时" });
    await jest.advanceTimersByTimeAsync(MIN);
    expect(page.text("#status-label")).toBe("直播中");
    expect(page.text("#status-unknown")).toContain("状态未知");
    // <text> keeps whitespace on a phone: the exact content, not a trimmed one
    expect(page.comp.querySelector("#status-unknown")?.dom?.textContent).toBe("状态未知 · 稍后自动重试");
    expect(page.exists("#enter-live")).toBe(true);
    await jest.advanceTimersByTimeAsync(15 * MIN);
    const gaps = harness.plugin
      .statusCalls(12)
      .map((c) => c.at)
      .slice(1)
      .map((t, i, all) => (t - (i === 0 ? T0 : all[i - 1])) / 1000);
    expect(gaps.slice(0, 5)).toEqual([60, 60, 120, 300, 300]);
    page.unload();
  });

  test("a status of 0 (room the plugin does not know) shows 状态未知 before any known status", async () => {
    serve({ room: "fail" });
    const page = await openRoom({ room_id: "12" });
    expect(page.text("#status-label")).toBe("状态未知");
    expect(page.exists("#enter-live")).toBe(false);
    page.unload();
  });

  test("5 unchanged ticks send no setData at all", async () => {
    const page = await openServed({ room: room({ liveStatus: 101 }) }, 101);
    const before = page.setDataCalls.length;
    await jest.advanceTimersByTimeAsync(5 * MIN);
    expect(calls()).toBe(6);
    expect(page.setDataCalls.length - before).toBe(0);
    page.unload();
  });

  test("a changed status sends one setData with only the changed keys", async () => {
    const page = await openServed({ room: room({ liveStatus: 101 }) }, 101);
    const before = page.setDataCalls.length;
    harness.plugin.setStatus(12, 105);
    await jest.advanceTimersByTimeAsync(MIN);
    const sent = page.setDataCalls.slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].data).sort()).toEqual([
      "statusCode",
      "statusHint",
      "statusLabel",
      "statusTone",
    ]);
    page.unload();
  });

  test.each([103, 104, 107])("terminal status %p stops polling and leaves no timer", async (code) => {
    const page = await openServed({ room: room(), replays: [] }, 102);
    harness.plugin.setStatus(12, code);
    await jest.advanceTimersByTimeAsync(MIN);
    expect(calls()).toBe(2);
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(calls()).toBe(2);
    page.hide();
    page.show();
    await settle();
    expect(calls()).toBe(2);
    expect(jest.getTimerCount()).toBe(0);
    page.unload();
  });

  test("unload leaves zero timers, even with a countdown running and a call hanging", async () => {
    const page = await openWithHangingCall(102);
    expect(page.exists("#countdown")).toBe(true);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    page.unload();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(calls()).toBe(1);
  });

  test("one poller per page: showing twice does not double the calls", async () => {
    const page = await openServed({ room: room() }, 101);
    page.show();
    page.show();
    await jest.advanceTimersByTimeAsync(3 * MIN);
    expect(calls()).toBe(4);
    page.unload();
  });
});

describe("what each status shows", () => {
  test.each([101, 102, 103, 104, 105, 106, 107])("subscribe only at 102 (status %p)", async (code) => {
    const page = await openServed({ room: room({ liveStatus: 102 }), replays: [] }, code);
    expect(page.exists("#subscribe-slot")).toBe(code === 102);
    expect(page.exists("#subscribe")).toBe(code === 102);
    expect(page.exists("#enter-live")).toBe([101, 105, 106].includes(code));
    page.unload();
  });

  test("102: start time, countdown and the subscribe button with our attribution", async () => {
    const page = await openServed({ room: room() }, 102, { room_id: "12", sharer: "0123456789abcdef" });
    expect(page.text("#start-time")).toBe("今天 11:00 开播");
    expect(page.text("#countdown")).toBe("距开播01:00:00");
    await jest.advanceTimersByTimeAsync(61_000);
    expect(page.text("#countdown")).toBe("距开播00:58:59");
    expect(page.instance.data.subscribeParams).toBe(
      encodeURIComponent(JSON.stringify({ src: "room", sharer: "0123456789abcdef" })),
    );
    expect(page.text("#subscribe-state")).toBe("订阅开播提醒，开播时不错过");
    page.unload();
  });

  test("bindsubscribe updates the page", async () => {
    const page = await openServed({ room: room() }, 102);
    page.comp
      .querySelector("#subscribe")!
      .dispatchEvent("subscribe", { detail: { room_id: 12, openid: "o_me", is_subscribe: true } });
    await settle();
    expect(page.text("#subscribe-state")).toBe("已订阅开播提醒，开播时微信会通知你");
    page.comp
      .querySelector("#subscribe")!
      .dispatchEvent("subscribe", { detail: { room_id: 12, openid: "o_me", is_subscribe: false } });
    await settle();
    expect(page.text("#subscribe-state")).toBe("订阅开播提醒，开播时不错过");
    page.unload();
  });

  test("an earlier subscription is shown from the plugin's getSubscribeStatus", async () => {
    serve({ room: room() });
    harness.plugin.setStatus(12, 102);
    harness.plugin.subscribed.add(12);
    const page = await openRoom({ room_id: "12" });
    expect(page.text("#subscribe-state")).toBe("已订阅开播提醒，开播时微信会通知你");
    page.unload();
  });

  test("102 → 101 while open: the button appears with a short toast, subscribe goes", async () => {
    const page = await openServed({ room: room() }, 102);
    expect(page.exists("#enter-live")).toBe(false);
    harness.plugin.setStatus(12, 101);
    await jest.advanceTimersByTimeAsync(MIN);
    expect(page.exists("#enter-live")).toBe(true);
    expect(page.exists("#subscribe-slot")).toBe(false);
    expect(wx.showToast).toHaveBeenCalledTimes(1);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: "直播开始了", icon: "none" }));
    page.unload();
  });

  test("no toast when the room was already live on opening", async () => {
    const page = await openServed({ room: room({ liveStatus: 101 }) }, 101);
    await jest.advanceTimersByTimeAsync(2 * MIN);
    expect(wx.showToast).not.toHaveBeenCalled();
    page.unload();
  });

  test.each([
    [104, "禁播"],
    [107, "过期"],
  ])("%p: a clear explanation and a way back to the list", async (code, word) => {
    const below = await openServed(
      { room: room() },
      code,
      { room_id: "12" },
      { below: ["pages/rooms/rooms"] },
    );
    expect(below.text("#status-hint")).toContain(word);
    await below.tapVant("#closed-to-list");
    expect(wx.navigateBack).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
    below.unload();

    const alone = await openRoom({ room_id: "12" });
    await alone.tapVant("#closed-to-list");
    expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: "/pages/rooms/rooms" }));
    expect(wx.reLaunch).not.toHaveBeenCalled();
    alone.unload();
  });
});

describe("entering the live page", () => {
  test("the exact URL, with entry source and sharer as custom_params", async () => {
    serve({ room: room({ liveStatus: 101 }) });
    harness.plugin.setStatus(12, 101);
    harness.app.globalData.entry = {
      scene: 1007,
      kind: "share",
      path: "packageA/pages/room/room",
      query: {},
      at: T0,
    };
    const page = await openRoom({ room_id: "12", sharer: "0123456789abcdef" });
    await page.tapVant("#enter-live");
    expect(navigateToUrls()).toEqual([
      "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=12" +
        "&custom_params=%7B%22src%22%3A%22room%3Ashare%22%2C%22scene%22%3A1007%2C%22sharer%22%3A%220123456789abcdef%22%7D",
    ]);
    page.unload();
  });

  test("without entry or sharer: only the source", async () => {
    const page = await openServed({ room: room({ liveStatus: 106 }) }, 106, {
      room_id: "12",
      sharer: "bad sharer!",
    });
    await page.tapVant("#enter-live");
    expect(navigateToUrls()).toEqual([
      "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=12&custom_params=%7B%22src%22%3A%22room%22%7D",
    ]);
    page.unload();
  });

  test("a full page stack replaces this page instead of failing", async () => {
    const page = await openServed(
      { room: room({ liveStatus: 101 }) },
      101,
      { room_id: "12" },
      { below: Array(9).fill("pages/rooms/rooms") },
    );
    await page.tapVant("#enter-live");
    expect(wx.navigateTo).not.toHaveBeenCalled();
    expect(wx.redirectTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining("live-player-plugin?room_id=12") }),
    );
    page.unload();
  });

  test("a failed navigation tells the shopper and allows another try", async () => {
    serve({ room: room({ liveStatus: 101 }) });
    harness.plugin.setStatus(12, 101);
    (wx.navigateTo as jest.Mock).mockImplementation(
      (o: { fail?: (e: unknown) => void; complete?: () => void }) => {
        o.fail?.({ errMsg: "navigateTo:fail" });
        o.complete?.();
      },
    );
    const page = await openRoom({ room_id: "12" });
    await page.tapVant("#enter-live");
    await page.tapVant("#enter-live");
    expect(wx.navigateTo).toHaveBeenCalledTimes(2);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: "打开直播间失败，请重试" }));
    page.unload();
  });
});
