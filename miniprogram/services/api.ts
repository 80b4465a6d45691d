/**
 * Our backend's endpoints (typings/api.d.ts), fetched and validated. Pages call these, never wx.request.
 */
import type {
  ChannelListResponse,
  GoodsResponse,
  ReplayListResponse,
  Room,
  RoomListResponse,
} from "../../typings/api";
import { parseChannelList } from "../core/channels";
import { parseGoodsResponse, parseReplayList, parseRoom, parseRoomList, type Parsed } from "../core/contract";
import { getJson, HttpError, type GetResult } from "./http";

export const PAGE_SIZE = 20;

function validated<T>(
  result: GetResult<unknown>,
  parse: (raw: unknown) => T | null,
  what: string,
): GetResult<T> {
  if (result.status === 304) return result;
  const value = parse(result.body);
  if (value === null) throw new HttpError("malformed", `${what}数据格式有误，请稍后重试`, 200);
  return { status: 200, body: value, etag: result.etag };
}

export async function fetchRooms(
  start: number,
  limit = PAGE_SIZE,
  etag?: string | null,
): Promise<GetResult<Parsed<RoomListResponse>>> {
  const result = await getJson("/api/rooms", { query: { start, limit }, etag });
  return validated(result, parseRoomList, "直播间列表");
}

export async function fetchRoom(roomId: number, etag?: string | null): Promise<GetResult<Room>> {
  const result = await getJson(`/api/rooms/${roomId}`, { etag });
  return validated(result, parseRoom, "直播间");
}

export async function fetchReplays(roomId: number): Promise<Parsed<ReplayListResponse>> {
  const result = await getJson(`/api/rooms/${roomId}/replays`);
  const checked = validated(result, parseReplayList, "回放");
  if (checked.status === 304) throw new HttpError("malformed", "回放数据格式有误", 304);
  return checked.body;
}

/** The goods registered under a goods page URL (core/goods-lookup goodsLookupUrl). */
export async function fetchGoods(lookupUrl: string): Promise<GoodsResponse> {
  const result = await getJson("/api/goods", { query: { url: lookupUrl } });
  const checked = validated(result, parseGoodsResponse, "商品");
  if (checked.status === 304) throw new HttpError("malformed", "商品数据格式有误", 304);
  return checked.body;
}

/** The shop's 视频号 ids (GET /api/channels); each card then asks WeChat itself (services/channels). */
export async function fetchChannels(etag?: string | null): Promise<GetResult<Parsed<ChannelListResponse>>> {
  const result = await getJson("/api/channels", { etag });
  return validated(result, parseChannelList, "视频号列表");
}
