/**
 * Validation of what our backend sends. A field of the wrong type is never rendered: a room or goods
 * missing a required field is dropped (and counted); a body that is not the expected shape at all is
 * an error for the caller, never an empty list.
 */
import type {
  Goods,
  GoodsResponse,
  Replay,
  ReplayListResponse,
  Room,
  RoomListResponse,
} from "../../typings/api";
import { isLiveStatus } from "./live-status";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === "string";
const isFen = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Copies the optional keys that have the right type; wrong-typed optional keys are left out. */
function pickOptional<T>(source: Json, keys: readonly string[], check: (v: unknown) => boolean): Partial<T> {
  const out: Json = {};
  for (const key of keys) if (check(source[key])) out[key] = source[key];
  return out as Partial<T>;
}

export function parseGoods(raw: unknown): Goods | null {
  if (!isObject(raw)) return null;
  const { goodsId, name, coverImg, url, price, priceType } = raw;
  if (!isId(goodsId) || !isText(name) || !isText(coverImg) || !isText(url) || !isFen(price)) return null;
  if (priceType !== 1 && priceType !== 2 && priceType !== 3) return null;
  const goods: Goods = { goodsId, name, coverImg, url, price, priceType };
  if (isFen(raw.price2)) goods.price2 = raw.price2;
  if (isText(raw.thirdPartyAppid)) goods.thirdPartyAppid = raw.thirdPartyAppid;
  return goods;
}

const OPTIONAL_ROOM_TEXT = ["shareImg", "feedsImg"] as const;
const OPTIONAL_ROOM_INT = [
  "liveType",
  "closeLike",
  "closeGoods",
  "closeComment",
  "closeKf",
  "closeReplay",
  "isFeedsPublic",
] as const;

export function parseRoom(raw: unknown): Room | null {
  if (!isObject(raw)) return null;
  const { roomId, name, coverImg, liveStatus, startTime, endTime, anchorName } = raw;
  if (!isId(roomId) || !isText(name) || !isText(coverImg) || !isLiveStatus(liveStatus)) return null;
  if (!isInt(startTime) || !isInt(endTime) || !isText(anchorName)) return null;
  const goods = Array.isArray(raw.goods)
    ? raw.goods.map(parseGoods).filter((g): g is Goods => g !== null)
    : [];
  return {
    roomId,
    name,
    coverImg,
    liveStatus,
    startTime,
    endTime,
    anchorName,
    goods,
    ...pickOptional<Room>(raw, OPTIONAL_ROOM_TEXT, isText),
    ...pickOptional<Room>(raw, OPTIONAL_ROOM_INT, isInt),
    ...(raw.pinned === true ? { pinned: true } : {}),
  };
}

export interface Parsed<T> {
  value: T;
  /** Items dropped because a required field was missing or of the wrong type. */
  dropped: number;
}

export function parseRoomList(raw: unknown): Parsed<RoomListResponse> | null {
  if (!isObject(raw) || !Array.isArray(raw.rooms)) return null;
  if (!isInt(raw.total) || !isInt(raw.updatedAt) || typeof raw.stale !== "boolean") return null;
  const rooms = raw.rooms.map(parseRoom).filter((r): r is Room => r !== null);
  return {
    value: { rooms, total: raw.total, updatedAt: raw.updatedAt, stale: raw.stale },
    dropped: raw.rooms.length - rooms.length,
  };
}

function parseReplay(raw: unknown): Replay | null {
  if (!isObject(raw)) return null;
  const { mediaUrl, createTime, expireTime } = raw;
  if (!isText(mediaUrl) || mediaUrl === "" || !isText(createTime) || !isText(expireTime)) return null;
  return { mediaUrl, createTime, expireTime };
}

export function parseReplayList(raw: unknown): Parsed<ReplayListResponse> | null {
  if (!isObject(raw) || !Array.isArray(raw.replays) || !isInt(raw.total)) return null;
  const replays = raw.replays.map(parseReplay).filter((r): r is Replay => r !== null);
  return {
    value: {
      replays,
      total: raw.total,
      updatedAt: isInt(raw.updatedAt) ? raw.updatedAt : 0,
      stale: raw.stale === true,
    },
    dropped: raw.replays.length - replays.length,
  };
}

export function parseGoodsResponse(raw: unknown): GoodsResponse | null {
  if (!isObject(raw)) return null;
  const goods = parseGoods(raw.goods);
  if (!goods || !Array.isArray(raw.roomIds)) return null;
  return { goods, roomIds: raw.roomIds.filter(isId) };
}
