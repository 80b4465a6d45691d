/**
 * Shape checks for cached values read back from the snapshot file or Redis: exactly what
 * wechat/mapping.ts produces, so anything that passes can be served and derived from safely.
 */
import type { Goods, Replay, Room } from "../api/contract";
import type { ReplayList, RoomList } from "../wechat/client";

type Fields = Record<string, unknown>;

export const isRecord = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === "string";
const optional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);

const ROOM_STRINGS = ["shareImg", "feedsImg", "anchorImg"] as const;
const ROOM_NUMBERS = [
  "liveType",
  "closeLike",
  "closeGoods",
  "closeComment",
  "closeKf",
  "closeReplay",
  "isFeedsPublic",
] as const;

const isLiveStatus = (v: unknown): boolean => Number.isInteger(v) && Number(v) >= 101 && Number(v) <= 107;

function isGoods(v: unknown): v is Goods {
  return (
    isRecord(v) &&
    isFiniteNumber(v.goodsId) &&
    isString(v.name) &&
    isString(v.coverImg) &&
    isString(v.url) &&
    isFiniteNumber(v.price) &&
    (v.priceType === 1 || v.priceType === 2 || v.priceType === 3) &&
    optional(v.price2, isFiniteNumber) &&
    optional(v.thirdPartyAppid, isString)
  );
}

function isRoom(v: unknown): v is Room {
  return (
    isRecord(v) &&
    isFiniteNumber(v.roomId) &&
    isString(v.name) &&
    isString(v.coverImg) &&
    isLiveStatus(v.liveStatus) &&
    isFiniteNumber(v.startTime) &&
    isFiniteNumber(v.endTime) &&
    isString(v.anchorName) &&
    Array.isArray(v.goods) &&
    v.goods.every(isGoods) &&
    ROOM_STRINGS.every((k) => optional(v[k], isString)) &&
    ROOM_NUMBERS.every((k) => optional(v[k], isFiniteNumber)) &&
    optional(v.pinned, (p) => typeof p === "boolean")
  );
}

const isReplay = (v: unknown): v is Replay =>
  isRecord(v) && isString(v.mediaUrl) && isString(v.createTime) && isString(v.expireTime);

export const isRoomList = (v: unknown): v is RoomList =>
  isRecord(v) && Array.isArray(v.rooms) && v.rooms.every(isRoom) && isFiniteNumber(v.total);

export const isReplayList = (v: unknown): v is ReplayList =>
  isRecord(v) && Array.isArray(v.replays) && v.replays.every(isReplay) && isFiniteNumber(v.total);
