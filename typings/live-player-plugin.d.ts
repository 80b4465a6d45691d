/**
 * The live-player-plugin's JS API as we use it through `requirePlugin("live-player-plugin")`
 * (docs/wechat-live.md). Every method returns a Promise; rejections are plain strings or `{ err }`.
 */
import type { LiveStatus } from "./api";

export type { LiveStatus };

export interface LivePlayerPlugin {
  /**
   * First call answers at once. A second call for the same room within 60 s returns a promise that
   * NEVER settles (the plugin keeps the last call time in storage, across pages and relaunches).
   * A wrong room id has been seen to give `liveStatus: 0`.
   */
  getLiveStatus(options: { room_id: number }): Promise<{ liveStatus: LiveStatus | number }>;
  /**
   * For entries on the live page: share cards (scenes 1007/1008/1044/1154/1155) and, since 1.2.10,
   * 扫码/广告 scenes; rejects when it has nothing for the entry. `share_openid` is a raw openid: keep
   * only its sharer id (core/sharer).
   */
  getShareParams(): Promise<{
    room_id: number;
    openid: string;
    share_openid: string;
    /** Already parsed by the plugin when it was JSON; "" when absent. */
    custom_params: Record<string, unknown> | string;
  }>;
  /** Pass an integer: an array gives `operateWXData:fail 100002`. */
  getOpenid(options: { room_id: number }): Promise<{ openid: string }>;
  /** Plugin 1.3.0 and later. */
  getSubscribeStatus(options: {
    room_id: number;
  }): Promise<{ room_id: number; openid: string; is_subscribe: boolean }>;
}

/** `bindsubscribe` of the plugin's subscribe component. */
export interface SubscribeEventDetail {
  room_id: number;
  openid: string;
  is_subscribe: boolean;
}
