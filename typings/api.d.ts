/**
 * The HTTP contract between our backend (server/) and the mini-program: the types of the TypeBox
 * schemas the server validates with and documents in its OpenAPI page (server/src/api/contract.ts,
 * endpoints.ts). Change the schemas there and both sides are checked; this file cannot drift from
 * them because it only re-exports their `Static` types (types only: nothing reaches the app bundle).
 *
 * Units: room times are unix seconds (as WeChat sends them); `updatedAt` is unix milliseconds;
 * prices are in fen (1/100 yuan), as WeChat sends them.
 */
export type {
  ChannelListResponse,
  ChannelRef,
  ErrorBody,
  ErrorCode,
  Goods,
  GoodsResponse,
  LiveStatus,
  PriceType,
  Replay,
  ReplayCapableStatus,
  ReplayListResponse,
  Room,
  RoomListResponse,
  RoomResponse,
} from "../server/src/api/contract";
export type { GoodsQuery, RoomListQuery } from "../server/src/api/endpoints";
