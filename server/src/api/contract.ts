/**
 * The HTTP contract between the backend and the mini-program, as TypeBox schemas: one source for what
 * the server checks and sends (route schemas, src/api/endpoints.ts), the OpenAPI document, and the
 * TypeScript types both sides use (`typings/api.d.ts` re-exports the `Static` types below, so the app
 * type-checks against the same schemas; it imports types only, nothing of this reaches its bundle).
 *
 * This module imports TypeBox alone: the app's tsconfig (no Node types) type-checks it too.
 *
 * Units: room times are unix seconds (as WeChat sends them); `updatedAt` is unix milliseconds;
 * prices are in fen (1/100 yuan), as WeChat sends them.
 */
import { Type } from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";

const UPDATED_AT = "When the data was last fetched from WeChat, unix milliseconds.";
const STALE = "True when WeChat could not be reached and this is the last good copy.";

/** The seven room states of WeChat's live rooms (docs/wechat-live.md, "Room statuses and getLiveStatus"). */
export const LiveStatusSchema = Type.Union(
  [
    Type.Literal(101),
    Type.Literal(102),
    Type.Literal(103),
    Type.Literal(104),
    Type.Literal(105),
    Type.Literal(106),
    Type.Literal(107),
  ],
  {
    description:
      "101 live, 102 not started, 103 ended, 104 banned, 105 paused, 106 abnormal, 107 expired (docs/wechat-live.md)",
  },
);
export type LiveStatus = Static<typeof LiveStatusSchema>;

/**
 * The statuses whose rooms can have replays: WeChat records a replay when a live ends (103), for no
 * other status (docs/wechat-live.md, "Replays"). The app's status table (miniprogram/core/live-status.ts)
 * and the server's replay guard are both typed by it, so neither compiles if it disagrees.
 */
export type ReplayCapableStatus = Extract<LiveStatus, 103>;

export const PriceTypeSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
  description:
    "1 = fixed price (`price`); 2 = range (`price`..`price2`); 3 = discount (`price` original, `price2` current).",
});
export type PriceType = Static<typeof PriceTypeSchema>;

export const GoodsSchema = Type.Object(
  {
    goodsId: Type.Integer(),
    name: Type.String(),
    coverImg: Type.String(),
    url: Type.String({
      description:
        "The goods page URL the shop registered with WeChat, with the shop's own product key, e.g. " +
        "`packageA/pages/goods/goods?id=8812` (query values URL-encoded, as goods/add requires).",
    }),
    price: Type.Number({ description: "Fen." }),
    price2: Type.Optional(Type.Number({ description: "Fen; present for price types 2 and 3." })),
    priceType: PriceTypeSchema,
    thirdPartyAppid: Type.Optional(Type.String()),
  },
  { title: "Goods" },
);
export type Goods = Static<typeof GoodsSchema>;

export const RoomSchema = Type.Object(
  {
    roomId: Type.Integer(),
    name: Type.String(),
    coverImg: Type.String(),
    shareImg: Type.Optional(Type.String()),
    feedsImg: Type.Optional(Type.String()),
    liveStatus: LiveStatusSchema,
    startTime: Type.Number({ description: "Unix seconds." }),
    endTime: Type.Number({ description: "Planned end, unix seconds." }),
    anchorName: Type.String(),
    liveType: Type.Optional(Type.Integer()),
    closeLike: Type.Optional(Type.Integer()),
    closeGoods: Type.Optional(Type.Integer()),
    closeComment: Type.Optional(Type.Integer()),
    closeKf: Type.Optional(Type.Integer()),
    closeReplay: Type.Optional(Type.Integer()),
    isFeedsPublic: Type.Optional(Type.Integer()),
    goods: Type.Array(GoodsSchema),
    pinned: Type.Optional(
      Type.Boolean({
        description: "Pinned by the shop (ROOMS_PINNED, or the operator console); pinned rooms come first.",
      }),
    ),
  },
  {
    title: "Room",
    description:
      "A live room: every field WeChat returns, camelCased. Absent upstream fields are omitted, never null.",
  },
);
export type Room = Static<typeof RoomSchema>;

export const RoomListResponseSchema = Type.Object(
  {
    rooms: Type.Array(RoomSchema),
    total: Type.Integer({
      description: "Number of visible rooms in the whole list (after hiding), not only this page.",
    }),
    updatedAt: Type.Number({ description: UPDATED_AT }),
    stale: Type.Boolean({ description: STALE }),
  },
  { title: "RoomListResponse" },
);
/** GET /api/rooms?start=0&limit=20 */
export type RoomListResponse = Static<typeof RoomListResponseSchema>;

/** GET /api/rooms/:roomId answers a `Room`; staleness travels in the `X-Data-Stale: 1` header. */
export type RoomResponse = Room;

export const ReplaySchema = Type.Object(
  {
    mediaUrl: Type.String(),
    createTime: Type.String({
      description: 'As WeChat sends it, e.g. "2020-11-11T16:12:23+08:00" or "2020-11-11 16:12:23".',
    }),
    expireTime: Type.String({ description: "When `mediaUrl` stops working, same format as createTime." }),
  },
  { title: "Replay" },
);
export type Replay = Static<typeof ReplaySchema>;

export const ReplayListResponseSchema = Type.Object(
  {
    replays: Type.Array(ReplaySchema),
    total: Type.Integer(),
    updatedAt: Type.Number({ description: UPDATED_AT }),
    stale: Type.Boolean({ description: STALE }),
  },
  { title: "ReplayListResponse" },
);
/** GET /api/rooms/:roomId/replays */
export type ReplayListResponse = Static<typeof ReplayListResponseSchema>;

export const GoodsResponseSchema = Type.Object(
  {
    goods: GoodsSchema,
    roomIds: Type.Array(Type.Integer(), {
      description: "Rooms (visible ones) whose shelf carries this goods, in list order.",
    }),
  },
  {
    title: "GoodsResponse",
    description:
      "The goods registered under a page URL. Matching ignores the order of the query keys, a leading `/`, " +
      "and the keys the live plugin appends (`room_id`, `custom_params`, …); see docs/wechat-live.md.",
  },
);
/** GET /api/goods?url=<encodeURIComponent(page path + "?" + the query the page was opened with)> */
export type GoodsResponse = Static<typeof GoodsResponseSchema>;

export const ErrorCodeSchema = Type.Union([
  Type.Literal("bad_request"),
  Type.Literal("not_found"),
  Type.Literal("method_not_allowed"),
  Type.Literal("rate_limited"),
  Type.Literal("upstream_unavailable"),
  Type.Literal("internal"),
  // /metrics without the METRICS_TOKEN bearer token (401) or from a non-loopback client without one (403)
  Type.Literal("unauthorized"),
  Type.Literal("forbidden"),
]);
export type ErrorCode = Static<typeof ErrorCodeSchema>;

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: ErrorCodeSchema,
      message: Type.String({ description: "For people: what was wrong, in English." }),
    }),
  },
  { title: "ErrorBody", description: "Every non-2xx answer (except 304, which has no body)." },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/* --- 视频号 (Channels) lives: README "Choosing the live source" --- */

export const ChannelRefSchema = Type.Object(
  { finderUserName: Type.String({ description: "The 视频号 id from 视频号助手 (“sph…”)." }) },
  { title: "ChannelRef", description: "One of the shop's 视频号." },
);
export type ChannelRef = Static<typeof ChannelRefSchema>;

export const ChannelListResponseSchema = Type.Object(
  {
    channels: Type.Array(ChannelRefSchema),
    updatedAt: Type.Number({ description: "When this list last changed, unix milliseconds." }),
    stale: Type.Boolean({
      description: "True when the list could not be read and this is the last good copy.",
    }),
  },
  {
    title: "ChannelListResponse",
    description:
      "The shop's 视频号 ids, in the shop's order. The app asks WeChat itself (wx.getChannelsLiveInfo) for " +
      "each one's live; the backend only says which 视频号 to show.",
  },
);
/** GET /api/channels */
export type ChannelListResponse = Static<typeof ChannelListResponseSchema>;
