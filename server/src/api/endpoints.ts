/**
 * One schema per endpoint: its path parameters, its query (unknown parameters refused, prototype names
 * included) and every answer it gives, error bodies included. Fastify validates requests with them
 * (src/http/validation.ts), the OpenAPI document is generated from them (src/http/api-docs.ts), and the
 * request types of the route handlers are their `Static` types. Like contract.ts, TypeBox only.
 */
import { Type } from "@sinclair/typebox";
import type { Static, TSchema } from "@sinclair/typebox";
import {
  ChannelListResponseSchema,
  ErrorBodySchema,
  GoodsResponseSchema,
  ReplayListResponseSchema,
  RoomListResponseSchema,
  RoomSchema,
} from "./contract";

/** `GET /api/rooms` paging: the defaults the handler applies and the schema documents. */
export const LIST_PAGING = {
  start: { minimum: 0, maximum: 1_000_000, default: 0 },
  limit: { minimum: 1, maximum: 100, default: 20 },
} as const;

/** Longer goods lookup URLs are refused (400): a registered goods URL is a page path and a few keys. */
export const MAX_GOODS_URL_LENGTH = 2048;

/** Room ids are WeChat's: positive 32-bit integers. */
const ROOM_ID_MAX = 2_147_483_647;

const error = (description: string): TSchema => Type.Object(ErrorBodySchema.properties, { description });

const BAD_REQUEST = error(
  "Bad input: a parameter that is unknown, repeated, not a plain integer or out of range, a malformed URL, " +
    "a request without Host",
);
const RATE_LIMITED = error("Too many requests from this client address (RATE_LIMIT_PER_MINUTE)");
const NOT_MODIFIED = Type.Null({
  description: "Not Modified: If-None-Match names the current ETag; no body",
});

const CACHE_HEADERS = {
  etag: { type: "string", description: "Changes whenever the body changes; send it back as If-None-Match" },
  "cache-control": { type: "string", description: "How long a client may reuse the answer" },
};
const STALE_HEADER = {
  "x-data-stale": {
    type: "string",
    enum: ["1"],
    description: "Present when WeChat could not be reached and this is the last good copy",
  },
};

/** A cached answer: ETag, Cache-Control (and X-Data-Stale when stale) as headers. */
function cached(schema: TSchema, stale: boolean): TSchema {
  return { ...schema, headers: stale ? { ...CACHE_HEADERS, ...STALE_HEADER } : CACHE_HEADERS };
}

const noQuery = (): TSchema => Type.Object({}, { additionalProperties: false });

const RoomParams = Type.Object({
  roomId: Type.Integer({ minimum: 1, maximum: ROOM_ID_MAX, description: "WeChat's room id" }),
});
export type RoomParams = Static<typeof RoomParams>;

export const RoomListQuery = Type.Object(
  {
    start: Type.Optional(Type.Integer({ ...LIST_PAGING.start, description: "Index of the first room" })),
    limit: Type.Optional(Type.Integer({ ...LIST_PAGING.limit, description: "Rooms on this page" })),
  },
  { additionalProperties: false },
);
export type RoomListQuery = Static<typeof RoomListQuery>;

export const GoodsQuery = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: MAX_GOODS_URL_LENGTH,
      title: "the goods page path and query",
      description:
        "The goods page's path and the query it was opened with, each value percent-encoded once, the " +
        "whole encodeURIComponent-ed, e.g. packageA%2Fpages%2Fgoods%2Fgoods%3Fid%3D8812",
    }),
  },
  { additionalProperties: false },
);
export type GoodsQuery = Static<typeof GoodsQuery>;

const ROOMS_TAG = ["rooms"];

export const ROOM_LIST = {
  summary: "The visible rooms, pinned first, then WeChat's order",
  tags: ROOMS_TAG,
  querystring: RoomListQuery,
  response: {
    200: cached(RoomListResponseSchema, false),
    304: NOT_MODIFIED,
    400: BAD_REQUEST,
    429: RATE_LIMITED,
    503: error("Nothing is cached yet and WeChat is unavailable (Retry-After: 5)"),
  },
};

export const ROOM = {
  summary: "One visible room",
  tags: ROOMS_TAG,
  params: RoomParams,
  querystring: noQuery(),
  response: {
    200: cached(RoomSchema, true),
    304: NOT_MODIFIED,
    400: BAD_REQUEST,
    404: error("No visible room has this id (unknown, or hidden with ROOMS_HIDDEN)"),
    429: RATE_LIMITED,
    503: error("Nothing is cached yet and WeChat is unavailable (Retry-After: 5)"),
  },
};

export const ROOM_REPLAYS = {
  summary: "A visible room's replays (fetched only for ended rooms, 103)",
  tags: ROOMS_TAG,
  params: RoomParams,
  querystring: noQuery(),
  response: {
    200: cached(ReplayListResponseSchema, false),
    304: NOT_MODIFIED,
    400: BAD_REQUEST,
    404: error("No visible room has this id"),
    429: RATE_LIMITED,
    503: error("Nothing is cached yet and WeChat is unavailable (Retry-After: 5)"),
  },
};

export const GOODS = {
  summary: "The goods registered with a goods page URL, and the visible rooms selling it",
  tags: ["goods"],
  querystring: GoodsQuery,
  response: {
    200: cached(GoodsResponseSchema, true),
    304: NOT_MODIFIED,
    400: BAD_REQUEST,
    404: error("No goods is registered with this page URL"),
    429: RATE_LIMITED,
    503: error("Nothing is cached yet and WeChat is unavailable (Retry-After: 5)"),
  },
};

export const CHANNELS = {
  summary: "The shop's 视频号 ids (CHANNELS_FINDER_IDS), in display order",
  tags: ["channels"],
  querystring: noQuery(),
  response: {
    200: cached(ChannelListResponseSchema, false),
    304: NOT_MODIFIED,
    400: BAD_REQUEST,
    429: RATE_LIMITED,
  },
};

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("degraded")]),
  store: Type.Union([Type.Literal("off"), Type.Literal("up"), Type.Literal("down")]),
  rooms: Type.Object({
    cached: Type.Boolean(),
    updatedAt: Type.Optional(Type.Number()),
    stale: Type.Optional(Type.Boolean()),
    failure: Type.Optional(Type.String({ description: "Why the last refresh failed" })),
  }),
  quotaUsedToday: Type.Integer(),
  livePlugin: Type.Union([Type.Literal("on"), Type.Literal("off")]),
  problems: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String() }))),
});
export type Health = Static<typeof HealthSchema>;

export const HEALTH = {
  summary: "Liveness and what the cache holds; always 200 (rate limit exempt)",
  tags: ["operations"],
  // no query schema: load balancers may add their own parameters; none is read
  response: { 200: HealthSchema, 304: NOT_MODIFIED },
};

export const METRICS = {
  summary: "Prometheus metrics (Bearer METRICS_TOKEN, else loopback clients only)",
  tags: ["operations"],
  // no query schema: scrapers may add their own parameters; none is read
  response: {
    200: {
      description: "Prometheus text exposition format",
      content: { "text/plain": { schema: Type.String() } },
    },
    304: NOT_MODIFIED,
    401: error("METRICS_TOKEN is set and the request lacks the bearer token"),
    403: error("No METRICS_TOKEN and the client is not on loopback"),
    429: RATE_LIMITED,
  },
};
