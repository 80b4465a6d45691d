import type { Goods, LiveStatus, PriceType, Replay, Room } from "../api/contract";

/** WeChat's snake_case JSON, as loosely typed as it really is. */
type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Copies only the fields that are present, so absent upstream fields stay absent (never null). */
function optional<T extends object>(target: T, fields: Partial<T>): T {
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

function toGoods(raw: unknown): Goods | undefined {
  if (!isRecord(raw)) return undefined;
  const goodsId = num(raw.goods_id);
  const priceType = num(raw.price_type);
  if (goodsId === undefined || (priceType !== 1 && priceType !== 2 && priceType !== 3)) return undefined;
  const goods: Goods = {
    goodsId,
    name: str(raw.name) ?? "",
    coverImg: str(raw.cover_img) ?? "",
    url: str(raw.url) ?? "",
    price: num(raw.price) ?? 0,
    priceType: priceType as PriceType,
  };
  return optional(goods, { price2: num(raw.price2), thirdPartyAppid: str(raw.third_party_appid) });
}

/**
 * One `room_info[]` entry; undefined when it lacks an id or a known status. The fields are those
 * getliveinfo returns today (docs/wechat-live.md, "getliveinfo: fields, quota, errors"): `anchor_img`
 * is gone from the answer, and `creater_openid` is never copied (an openid must not reach shoppers).
 */
export function toRoom(raw: unknown): Room | undefined {
  if (!isRecord(raw)) return undefined;
  const roomId = num(raw.roomid);
  // the seed document spells it live_satus; accept both
  const liveStatus = num(raw.live_status) ?? num(raw.live_satus);
  if (roomId === undefined || liveStatus === undefined || liveStatus < 101 || liveStatus > 107)
    return undefined;
  const goods = Array.isArray(raw.goods) ? raw.goods.map(toGoods).filter((g) => g !== undefined) : [];
  const room: Room = {
    roomId,
    name: str(raw.name) ?? "",
    coverImg: str(raw.cover_img) ?? "",
    liveStatus: liveStatus as LiveStatus,
    startTime: num(raw.start_time) ?? 0,
    endTime: num(raw.end_time) ?? 0,
    anchorName: str(raw.anchor_name) ?? "",
    goods,
  };
  return optional(room, {
    shareImg: str(raw.share_img),
    feedsImg: str(raw.feeds_img),
    liveType: num(raw.live_type),
    closeLike: num(raw.close_like),
    closeGoods: num(raw.close_goods),
    closeComment: num(raw.close_comment),
    closeKf: num(raw.close_kf),
    closeReplay: num(raw.close_replay),
    isFeedsPublic: num(raw.is_feeds_public),
  });
}

export function toReplay(raw: unknown): Replay | undefined {
  if (!isRecord(raw)) return undefined;
  const mediaUrl = str(raw.media_url);
  if (!mediaUrl) return undefined;
  return { mediaUrl, createTime: str(raw.create_time) ?? "", expireTime: str(raw.expire_time) ?? "" };
}
