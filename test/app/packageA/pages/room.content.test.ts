/**
 * The room header (cached like the list) and the replays of an ended room.
 */
import type { Replay } from "../../../../typings/api";
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
import { LIVE_PAGE_URL as LIVE } from "../../../support/fixtures/routes";

beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

describe("header", () => {
  test("shows cover, name, anchor and planned times, and titles the page", async () => {
    const page = await openServed({ room: room() }, 102);
    expect(page.text("#room-name")).toBe("秋冬上新专场");
    expect(page.text("#anchor-name")).toBe("主播 小美");
    expect(page.text("#times")).toContain("开播 今天 11:00");
    expect(page.text("#times")).toContain("计划结束 今天 13:00");
    expect(page.instance.data.cover).toBe("https://img.example.com/cover.jpg");
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: "秋冬上新专场" });
    page.unload();
  });

  test("the room number stands at the foot of the page, for support", async () => {
    serve({ room: room() });
    const page = await openRoom({ room_id: "12" });
    expect(page.text(".footnote")).toBe("房间号 12");
    page.unload();
  });

  test("the saved copy shows at once when the network fails, with a notice", async () => {
    const state: Parameters<typeof serve>[0] = { room: room() };
    serve(state);
    (await openRoom({ room_id: "12" })).unload();
    state.room = "fail";
    await jest.advanceTimersByTimeAsync(MIN);
    const page = await openRoom({ room_id: "12" });
    expect(page.text("#room-name")).toBe("秋冬上新专场");
    expect(page.text("#notice")).toContain("上次保存");
    page.unload();
  });

  test("revalidates the saved copy with its ETag", async () => {
    serve({ room: room() });
    (await openRoom({ room_id: "12" })).unload();
    harness.requests = [];
    const page = await openRoom({ room_id: "12" });
    const roomRequest = harness.requests.find((r) => r.url.endsWith("/api/rooms/12"));
    expect(roomRequest?.header?.["If-None-Match"]).toBe('"r1"');
    page.unload();
  });

  test("a network failure without a saved copy offers a retry, and the status still shows", async () => {
    const state: Parameters<typeof serve>[0] = { room: "fail" };
    serve(state);
    harness.plugin.setStatus(12, 101);
    const page = await openRoom({ room_id: "12" });
    expect(page.exists("#header-error")).toBe(true);
    expect(page.exists("#enter-live")).toBe(true);
    state.room = room();
    await page.tapVant("#retry");
    expect(page.text("#room-name")).toBe("秋冬上新专场");
    page.unload();
  });

  test("a room the backend does not know: not-found state, no more polling", async () => {
    const page = await openServed({ room: 404 }, 101);
    expect(page.text("#invalid")).toContain("不存在");
    await jest.advanceTimersByTimeAsync(10 * MIN);
    expect(harness.plugin.statusCalls(12)).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
    page.unload();
  });

  test("pull-down refresh reloads the header, never forces a status call", async () => {
    const state: Parameters<typeof serve>[0] = { room: room() };
    serve(state);
    harness.plugin.setStatus(12, 102);
    const page = await openRoom({ room_id: "12" });
    state.room = room({ name: "改名后的专场" });
    page.instance.onPullDownRefresh();
    await settle();
    expect(page.text("#room-name")).toBe("改名后的专场");
    expect(wx.stopPullDownRefresh).toHaveBeenCalled();
    expect(harness.plugin.statusCalls(12)).toHaveLength(1);
    page.unload();
  });
});

const replay = (n: number, expireTime: string): Replay => ({
  mediaUrl: `https://media.example.com/r${n}.m3u8`,
  createTime: `2026-11-2${n} 20:00:00`,
  expireTime,
});

/** An ended room whose only replay expired the day before T0. */
async function openWithExpiredReplay() {
  serve({ room: room({ liveStatus: 103 }), replays: [replay(1, "2026-11-24 10:00:00")] });
  harness.plugin.setStatus(12, 103);
  return openRoom({ room_id: "12" });
}

/** 暂无回放, and nothing to play: neither WeChat's 看回放 nor our own player. */
async function expectNoReplay(): Promise<void> {
  const page = await openWithExpiredReplay();
  expect(page.text("#replays-empty")).toBe("暂无回放：回放通常在直播结束后十分钟左右生成，也可能已过期");
  expect(page.exists("#watch-replay")).toBe(false);
  expect(page.exists("#replay-video")).toBe(false);
  page.unload();
}

describe("replays (103), by default WeChat's own", () => {
  test("看回放 opens the plugin's live page of the ended room, with our attribution; no <video>", async () => {
    const page = await openServed(
      { room: room({ liveStatus: 103 }), replays: [replay(2, "2027-02-20 00:00:00")] },
      103,
      { room_id: "12" },
      { below: ["pages/rooms/rooms"] },
    );
    expect(page.exists("#replay-video")).toBe(false);
    expect(page.text("#watch-replay")).toBe("看回放");
    await page.tapVant("#watch-replay");
    expect(navigateToUrls()).toEqual([
      `${LIVE}?room_id=12&custom_params=${encodeURIComponent('{"src":"room"}')}`,
    ]);
    expect(wx.reLaunch).not.toHaveBeenCalled();
    page.unload();
  });

  test("no playable replay: 暂无回放 and no button", () => expectNoReplay());

  test("a failed replay request offers a retry", async () => {
    const state: Parameters<typeof serve>[0] = { room: room({ liveStatus: 103 }), replays: "fail" };
    serve(state);
    harness.plugin.setStatus(12, 103);
    const page = await openRoom({ room_id: "12" });
    expect(page.exists("#replays-error")).toBe(true);
    state.replays = [replay(2, "2027-02-20 00:00:00")];
    await page.tapVant("#replays-retry");
    expect(page.exists("#watch-replay")).toBe(true);
    page.unload();
  });

  test("a failed navigation says so", async () => {
    serve({ room: room({ liveStatus: 103 }), replays: [replay(2, "2027-02-20 00:00:00")] });
    harness.plugin.setStatus(12, 103);
    (wx.navigateTo as jest.Mock).mockImplementation((o: { fail?: (e: unknown) => void }) =>
      o.fail?.({ errMsg: "navigateTo:fail" }),
    );
    const page = await openRoom({ room_id: "12" });
    await page.tapVant("#watch-replay");
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: "打开回放失败，请重试" }));
    page.unload();
  });
});

describe("replays (103) in our own <video>, with SHOP_OPTIONS.inPageReplayPlayer on", () => {
  beforeEach(() => {
    jest.doMock("../../../../miniprogram/core/shop-options", () => ({
      SHOP_OPTIONS: { inPageReplayPlayer: true },
    }));
  });
  afterEach(() => {
    jest.dontMock("../../../../miniprogram/core/shop-options");
  });

  test("plays the first playable replay and hides expired links", async () => {
    serve({
      room: room({ liveStatus: 103 }),
      replays: [replay(1, "2026-11-24 10:00:00"), replay(2, "2027-02-20T00:00:00+08:00"), replay(3, "soon")],
    });
    harness.plugin.setStatus(12, 103);
    const page = await openRoom({ room_id: "12" });
    const replays = () => page.instance.data.replays as Array<{ url: string }>;
    expect(replays().map((r) => r.url)).toEqual([
      "https://media.example.com/r2.m3u8",
      "https://media.example.com/r3.m3u8",
    ]);
    expect(page.exists("#replay-video")).toBe(true);
    expect(page.exists("#watch-replay")).toBe(false);
    expect(page.text("#replay-0")).toContain("回放 1");
    expect(page.text("#replay-0")).toContain("11月22日 20:00 录制");
    expect(page.exists("#replay-2")).toBe(false);
    const playing = () => replays()[page.instance.data.replayIndex as number].url;
    expect(playing()).toBe("https://media.example.com/r2.m3u8");
    await page.tap("#replay-1");
    expect(playing()).toBe("https://media.example.com/r3.m3u8");
    page.unload();
  });

  test("no playable replay: 暂无回放 and no player", () => expectNoReplay());

  test("a replay that fails to play says so", async () => {
    const page = await openServed(
      { room: room({ liveStatus: 103 }), replays: [replay(2, "2027-02-20 00:00:00")] },
      103,
    );
    page.instance.onReplayError();
    await settle();
    expect(page.text("#replay-broken")).toContain("无法播放");
    page.unload();
  });

  test("replays are fetched once the poller sees the end, not before", async () => {
    const page = await openServed(
      { room: room({ liveStatus: 101 }), replays: [replay(2, "2027-02-20 00:00:00")] },
      101,
    );
    expect(harness.requests.some((r) => r.url.includes("/replays"))).toBe(false);
    harness.plugin.setStatus(12, 103);
    await jest.advanceTimersByTimeAsync(MIN);
    expect(harness.requests.filter((r) => r.url.includes("/replays"))).toHaveLength(1);
    expect(page.exists("#replay-video")).toBe(true);
    page.unload();
  });
});
