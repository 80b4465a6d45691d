import type { FastifyInstance } from "fastify";
import type { GoodsResponse } from "../../../typings/api";
import { badRequest, notFound } from "../http/errors";
import type { RoomsService } from "../rooms/rooms-service";
import { sendSerialized } from "../http/serialized-cache";
import { LIST_CACHE_CONTROL, answersFor, markStale } from "../rooms/routes";
import { MAX_GOODS_URL_LENGTH, goodsKey } from "./goods-key";

/**
 * `GET /api/goods?url=<the goods page's path and query, encoded>`: the goods whose registered URL has
 * the same goods key, and the visible rooms selling it. `url` is the only parameter: anything else,
 * a repeated or over-long `url`, or one that is not a page URL is a 400.
 */
function parseUrlQuery(query: unknown): string {
  const given = (query ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (name !== "url") throw badRequest(`unknown parameter "${name}"`);
  }
  const url = given.url;
  if (url === undefined || url === "") throw badRequest('"url" is required: the goods page path and query');
  if (typeof url !== "string") throw badRequest('"url" must be given once');
  if (url.length > MAX_GOODS_URL_LENGTH) {
    throw badRequest(`"url" must be at most ${MAX_GOODS_URL_LENGTH} characters`);
  }
  return url;
}

export function goodsRoutes(app: FastifyInstance, rooms: RoomsService): void {
  const answers = answersFor(rooms);
  app.get("/api/goods", async (request, reply) => {
    const url = parseUrlQuery(request.query);
    const key = goodsKey(url);
    if (key === null) throw badRequest('"url" must be a page path such as pages/goods/goods?id=1');
    const found = await rooms.goods(key);
    if (!found) throw notFound("no goods is registered with this page URL");
    const entry = answers.get(found.version, `goods:${key}`, (): GoodsResponse => found.entry);
    reply.header("cache-control", LIST_CACHE_CONTROL);
    markStale(reply, found.stale);
    return sendSerialized(reply, entry);
  });
}
