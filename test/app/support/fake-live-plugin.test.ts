/**
 * The fake plugin is what every poller test stands on, so its quirks are tested here: if it stopped
 * behaving like the real plugin, the poller tests would prove nothing.
 */
import { harness, setEnterOptions } from "../../support/harness";

const plugin = () => requirePlugin("live-player-plugin") as typeof harness.plugin;

async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await jest.advanceTimersByTimeAsync(ms);
  return settled;
}

describe("fake live-player-plugin", () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-25T10:00:00+08:00") }));
  afterEach(() => jest.useRealTimers());

  test("first call answers at once with the room's status", async () => {
    harness.plugin.setStatus(7, 101);
    await expect(plugin().getLiveStatus({ room_id: 7 })).resolves.toEqual({ liveStatus: 101 });
  });

  test("a second call within 60 s never settles, even after minutes", async () => {
    harness.plugin.setStatus(7, 101);
    await plugin().getLiveStatus({ room_id: 7 });
    jest.advanceTimersByTime(59_000);
    const second = plugin().getLiveStatus({ room_id: 7 });
    expect(await settledWithin(second, 10 * 60_000)).toBe(false);
    expect(harness.plugin.statusCalls(7).map((c) => Boolean(c.swallowed))).toEqual([false, true]);
  });

  test("a call 60 s later answers again; other rooms are independent", async () => {
    harness.plugin.setStatus(7, 102);
    harness.plugin.setStatus(8, 103);
    await plugin().getLiveStatus({ room_id: 7 });
    await expect(plugin().getLiveStatus({ room_id: 8 })).resolves.toEqual({ liveStatus: 103 });
    jest.advanceTimersByTime(60_000);
    await expect(plugin().getLiveStatus({ room_id: 7 })).resolves.toEqual({ liveStatus: 102 });
  });

  test("the throttle lives in storage, so it survives a new plugin instance (a relaunch)", async () => {
    harness.plugin.setStatus(7, 101);
    await plugin().getLiveStatus({ room_id: 7 });
    const storage = harness.storage;
    const { FakeLivePlugin } = await import("../../support/fake-live-plugin");
    harness.plugin = new FakeLivePlugin();
    harness.storage = storage;
    harness.plugin.setStatus(7, 101);
    expect(await settledWithin(plugin().getLiveStatus({ room_id: 7 }), 1000)).toBe(false);
  });

  test("rejects with the plugin's string for a missing room id; unknown rooms give liveStatus 0", async () => {
    await expect(plugin().getLiveStatus({ room_id: 0 })).rejects.toBe("传入的房间id有误");
    await expect(plugin().getLiveStatus({ room_id: 99 })).resolves.toEqual({ liveStatus: 0 });
    harness.plugin.setStatus(5, { reject: "网络超时" });
    await expect(plugin().getLiveStatus({ room_id: 5 })).rejects.toBe("网络超时");
  });

  test("getShareParams answers only for share-card, scan and ad entries on the plugin page", async () => {
    setEnterOptions({
      scene: 1001,
      path: "__plugin__/wx2b03c6e691cd7370/pages/live-player-plugin",
      query: { room_id: "7" },
    });
    await expect(plugin().getShareParams()).rejects.toEqual({ err: "只能获取分享卡片入口的参数" });
    setEnterOptions({
      scene: 1007,
      query: { room_id: "7", share_openid: "o_sharer", custom_params: encodeURIComponent('{"src":"list"}') },
    });
    await expect(plugin().getShareParams()).resolves.toEqual({
      room_id: 7,
      openid: "o_viewer_openid",
      share_openid: "o_sharer",
      custom_params: { src: "list" },
    });
    setEnterOptions({ scene: 1047, query: { room_id: "7", type: "9" } });
    await expect(plugin().getShareParams()).resolves.toMatchObject({ room_id: 7, share_openid: "" });
    setEnterOptions({ scene: 1007, path: "packageA/pages/goods/goods", query: { id: "1" } });
    await expect(plugin().getShareParams()).rejects.toEqual({ err: "只能获取分享卡片入口的参数" });
  });

  test("getOpenid refuses a non-integer room id like the real plugin", async () => {
    await expect(plugin().getOpenid({ room_id: [7] as unknown as number })).rejects.toBe(
      "operateWXData:fail 100002",
    );
    await expect(plugin().getOpenid({ room_id: 7 })).resolves.toEqual({ openid: "o_viewer_openid" });
  });
});
