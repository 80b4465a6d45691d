/**
 * The plugin adapter over the harness's fake plugin: our own last-call record, the refusal instead of
 * a hang, share params and the viewer's openid.
 */
import { HOST_APPID } from "../../../support/fake-live-plugin";
import { harness, setEnterOptions } from "../../../support/harness";
import {
  fetchViewerOpenid,
  getLiveStatus,
  getShareParams,
  knownViewerOpenid,
  lastStatusCallAt,
  recentStatus,
  recordStatusCall,
  rememberViewerOpenid,
  StatusTooSoonError,
} from "../../../../miniprogram/packageA/services/live-plugin";

const T0 = new Date("2026-11-25T10:00:00+08:00").getTime();

describe("live-plugin adapter", () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  test("importing it does not touch the plugin", async () => {
    const requirePluginSpy = jest.spyOn(
      globalThis as unknown as { requirePlugin: () => unknown },
      "requirePlugin",
    );
    await jest.isolateModulesAsync(async () => {
      await import("../../../../miniprogram/packageA/services/live-plugin");
    });
    expect(requirePluginSpy).not.toHaveBeenCalled();
    requirePluginSpy.mockRestore();
  });

  test("getLiveStatus answers the code and records the call time for the room", async () => {
    harness.plugin.setStatus(12, 102);
    await expect(getLiveStatus(12)).resolves.toBe(102);
    expect(lastStatusCallAt(12)).toBe(T0);
    expect(lastStatusCallAt(13)).toBeNull();
  });

  test("a second call within 60 s is refused at once instead of hanging", async () => {
    harness.plugin.setStatus(12, 101);
    await getLiveStatus(12);
    jest.advanceTimersByTime(59_000);
    await expect(getLiveStatus(12)).rejects.toBeInstanceOf(StatusTooSoonError);
    expect(harness.plugin.statusCalls(12)).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    await expect(getLiveStatus(12)).resolves.toBe(101);
  });

  test("our record is never earlier than the plugin's own stamp", async () => {
    harness.plugin.setStatus(12, 101);
    await getLiveStatus(12);
    const pluginStamp = harness.storage.get(`prevRequestTime-${HOST_APPID}-12`) as number;
    expect(lastStatusCallAt(12)).toBeGreaterThanOrEqual(pluginStamp);
  });

  test("old records are pruned, the newest kept", () => {
    recordStatusCall(1, T0);
    recordStatusCall(2, T0 + 61_000);
    expect(lastStatusCallAt(1)).toBeNull();
    expect(lastStatusCallAt(2)).toBe(T0 + 61_000);
  });

  test("a corrupt record is ignored", async () => {
    wx.setStorageSync("live-status-calls:v1", { "12": "soon", "13": T0 });
    expect(lastStatusCallAt(12)).toBeNull();
    expect(lastStatusCallAt(13)).toBe(T0);
    wx.setStorageSync("live-status-calls:v1", "garbage");
    expect(lastStatusCallAt(13)).toBeNull();
  });

  test("a room the plugin does not know answers 0; a rejection passes through", async () => {
    await expect(getLiveStatus(40)).resolves.toBe(0);
    harness.plugin.setStatus(41, { reject: "网络超时" });
    await expect(getLiveStatus(41)).rejects.toBe("网络超时");
  });

  test("share params are normalised; non-card entries reject", async () => {
    setEnterOptions({
      scene: 1008,
      path: "__plugin__/wx2b03c6e691cd7370/pages/live-player-plugin",
      query: { room_id: "12", share_openid: "o_sharer", custom_params: encodeURIComponent('{"src":"list"}') },
    });
    await expect(getShareParams()).resolves.toEqual({
      roomId: 12,
      openid: "o_viewer_openid",
      shareOpenid: "o_sharer",
      customParams: { src: "list" },
    });
    setEnterOptions({ scene: 1001 });
    await expect(getShareParams()).rejects.toEqual({ err: "只能获取分享卡片入口的参数" });
  });

  test("the viewer's openid is fetched once and remembered; junk is never stored", async () => {
    expect(knownViewerOpenid()).toBeNull();
    await expect(fetchViewerOpenid(12)).resolves.toBe("o_viewer_openid");
    expect(knownViewerOpenid()).toBe("o_viewer_openid");
    rememberViewerOpenid("bad openid with spaces");
    rememberViewerOpenid(42);
    expect(knownViewerOpenid()).toBe("o_viewer_openid");
  });

  test("a recent answer is remembered for 2 minutes; a terminal one for good", async () => {
    harness.plugin.setStatus(12, 101);
    harness.plugin.setStatus(13, 103);
    await getLiveStatus(12);
    await getLiveStatus(13);
    expect(recentStatus(12)).toBe(101);
    jest.advanceTimersByTime(119_999);
    expect(recentStatus(12)).toBe(101);
    jest.advanceTimersByTime(1);
    expect(recentStatus(12)).toBeNull();
    await getLiveStatus(12);
    jest.advanceTimersByTime(24 * 3600_000);
    expect(recentStatus(13)).toBe(103);
  });

  test("an unknown code (0) is not remembered as a status", async () => {
    await getLiveStatus(40);
    expect(recentStatus(40)).toBeNull();
  });
});
