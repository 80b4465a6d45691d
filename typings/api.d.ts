/**
 * The HTTP contract between our backend (server/) and the mini-program.
 * Both sides import these types; change them here and both are checked.
 *
 * Units: room times are unix seconds (as WeChat sends them); `updatedAt` is unix milliseconds;
 * prices are in fen (1/100 yuan), as WeChat sends them.
 */

/**
 * The seven room states of WeChat's live rooms (docs/wechat-live.md, "Room statuses and getLiveStatus").
 */
export type LiveStatus = 101 | 102 | 103 | 104 | 105 | 106 | 107;

/** 1 = fixed price (`price`); 2 = range (`price`..`price2`); 3 = discount (`price` original, `price2` current). */
export type PriceType = 1 | 2 | 3;

export interface Goods {
  goodsId: number;
  name: string;
  coverImg: string;
  /**
   * The goods page URL the shop registered with WeChat, with the shop's own product key, e.g.
   * `packageA/pages/goods/goods?id=8812` (query values URL-encoded, as goods/add requires).
   */
  url: string;
  /** Fen. */
  price: number;
  /** Fen; present for price types 2 and 3. */
  price2?: number;
  priceType: PriceType;
  thirdPartyAppid?: string;
}

/** A live room: every field WeChat returns, camelCased. Absent upstream fields are omitted, never null. */
export interface Room {
  roomId: number;
  name: string;
  coverImg: string;
  shareImg?: string;
  feedsImg?: string;
  liveStatus: LiveStatus;
  /** Unix seconds. */
  startTime: number;
  /** Planned end, unix seconds. */
  endTime: number;
  anchorName: string;
  liveType?: number;
  closeLike?: number;
  closeGoods?: number;
  closeComment?: number;
  closeKf?: number;
  closeReplay?: number;
  isFeedsPublic?: number;
  goods: Goods[];
  /** Pinned by the shop (ROOMS_PINNED, or the operator console); pinned rooms come first. */
  pinned?: boolean;
}

/** GET /api/rooms?start=0&limit=20 */
export interface RoomListResponse {
  rooms: Room[];
  /** Number of visible rooms in the whole list (after hiding), not only this page. */
  total: number;
  /** When the data was last fetched from WeChat, unix milliseconds. */
  updatedAt: number;
  /** True when WeChat could not be reached and this is the last good copy. */
  stale: boolean;
}

/** GET /api/rooms/:roomId answers a `Room`; staleness travels in the `X-Data-Stale: 1` header. */
export type RoomResponse = Room;

export interface Replay {
  mediaUrl: string;
  /** As WeChat sends it, e.g. "2020-11-11T16:12:23+08:00" or "2020-11-11 16:12:23". */
  createTime: string;
  /** When `mediaUrl` stops working, same format as createTime. */
  expireTime: string;
}

/** GET /api/rooms/:roomId/replays */
export interface ReplayListResponse {
  replays: Replay[];
  total: number;
  updatedAt: number;
  stale: boolean;
}

/**
 * GET /api/goods?url=<encodeURIComponent(page path + "?" + the query the page was opened with)>: the
 * goods registered under that URL. Matching ignores the order of the query keys, a leading `/`, and
 * the keys the live plugin appends (`room_id`, `custom_params`, …); see docs/wechat-live.md.
 */
export interface GoodsResponse {
  goods: Goods;
  /** Rooms (visible ones) whose shelf carries this goods, in list order. */
  roomIds: number[];
}

export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "method_not_allowed"
  | "rate_limited"
  | "upstream_unavailable"
  | "internal"
  /** /metrics without the METRICS_TOKEN bearer token (401) or from a non-loopback client without one (403). */
  | "unauthorized"
  | "forbidden";

/** Every non-2xx answer (except 304, which has no body). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/* --- 视频号 (Channels) lives: README "Choosing the live source" --- */

/** One of the shop's 视频号, by its id from 视频号助手 (finderUserName, "sph…"). */
export interface ChannelRef {
  finderUserName: string;
}

/**
 * GET /api/channels: the shop's 视频号 ids, in the shop's order. The app asks WeChat itself
 * (wx.getChannelsLiveInfo) for each one's live; the backend only says which 视频号 to show.
 */
export interface ChannelListResponse {
  channels: ChannelRef[];
  /** When this list last changed, unix milliseconds. */
  updatedAt: number;
  /** True when the list could not be read and this is the last good copy. */
  stale: boolean;
}
