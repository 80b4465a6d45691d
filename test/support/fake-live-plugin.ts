/**
 * A stand-in for `requirePlugin("live-player-plugin")` that behaves like the real plugin as its
 * decompiled JS-API shows (docs/wechat-live.md), including its worst quirk: a getLiveStatus call for a
 * room within 60 s of the previous one returns a promise that never settles. Like the plugin, it keeps
 * the last call time in wx storage, so the gap holds across pages and relaunches.
 */
import type { LivePlayerPlugin, LiveStatus } from "../../typings/live-player-plugin";

export const HOST_APPID = "wx0000000000000000";
export const THROTTLE_MS = 60_000;

/**
 * Entries the plugin has share params for: share cards (1007, 1008, 1044, 1154, 1155) and, since
 * 1.2.10, scans (QR and mini-program codes: 1011-1013, 1047-1049) and ads (1045, 1046, 1067, 1084,
 * 1095). Which ad scenes exactly is not documented; this list is the fake's assumption.
 */
export const SHARE_PARAMS_SCENES: readonly number[] = [
  1007, 1008, 1044, 1154, 1155, 1011, 1012, 1013, 1047, 1048, 1049, 1045, 1046, 1067, 1084, 1095,
];

export type StatusAnswer = LiveStatus | number | { reject: string };

export interface PluginCall {
  method: keyof LivePlayerPlugin;
  roomId?: number;
  at: number;
  /** True when the call hit the 60 s throttle and got a never-settling promise. */
  swallowed?: boolean;
}

export class FakeLivePlugin implements LivePlayerPlugin {
  readonly calls: PluginCall[] = [];
  private readonly statuses = new Map<number, StatusAnswer>();
  openid = "o_viewer_openid";
  subscribed = new Set<number>();

  setStatus(roomId: number, answer: StatusAnswer): void {
    this.statuses.set(roomId, answer);
  }

  statusCalls(roomId?: number): PluginCall[] {
    return this.calls.filter(
      (c) => c.method === "getLiveStatus" && (roomId === undefined || c.roomId === roomId),
    );
  }

  getLiveStatus(options: { room_id: number }): Promise<{ liveStatus: number }> {
    const now = Date.now();
    const roomId = options?.room_id;
    const call: PluginCall = { method: "getLiveStatus", roomId, at: now };
    this.calls.push(call);
    if (!roomId) return Promise.reject("传入的房间id有误");
    const key = `prevRequestTime-${HOST_APPID}-${roomId}`;
    const prev: unknown = wx.getStorageSync(key);
    if (typeof prev === "number" && now - prev < THROTTLE_MS) {
      call.swallowed = true;
      return new Promise(() => undefined);
    }
    wx.setStorageSync(key, now);
    const answer = this.statuses.get(roomId);
    if (answer === undefined) return Promise.resolve({ liveStatus: 0 });
    if (typeof answer === "object") return Promise.reject(answer.reject);
    return Promise.resolve({ liveStatus: answer });
  }

  getShareParams(): ReturnType<LivePlayerPlugin["getShareParams"]> {
    this.calls.push({ method: "getShareParams", at: Date.now() });
    const entry = wx.getEnterOptionsSync() as { scene: number; path: string; query: Record<string, string> };
    if (!SHARE_PARAMS_SCENES.includes(entry.scene) || !entry.path.includes("pages/live-player-plugin")) {
      return Promise.reject({ err: "只能获取分享卡片入口的参数" });
    }
    let customParams: Record<string, unknown> | string = "";
    try {
      const raw = entry.query.custom_params;
      if (raw) customParams = JSON.parse(decodeURIComponent(raw)) as Record<string, unknown>;
    } catch {
      customParams = "";
    }
    return Promise.resolve({
      room_id: Number(entry.query.room_id),
      openid: this.openid,
      share_openid: entry.query.share_openid ?? "",
      custom_params: customParams,
    });
  }

  getOpenid(options: { room_id: number }): Promise<{ openid: string }> {
    this.calls.push({ method: "getOpenid", roomId: options?.room_id, at: Date.now() });
    if (!Number.isInteger(options?.room_id)) return Promise.reject("operateWXData:fail 100002");
    return Promise.resolve({ openid: this.openid });
  }

  getSubscribeStatus(options: { room_id: number }): ReturnType<LivePlayerPlugin["getSubscribeStatus"]> {
    this.calls.push({ method: "getSubscribeStatus", roomId: options?.room_id, at: Date.now() });
    return Promise.resolve({
      room_id: options.room_id,
      openid: this.openid,
      is_subscribe: this.subscribed.has(options.room_id),
    });
  }
}
