import type { FastifyInstance } from "fastify";
import type { GoodsResponse } from "../api/contract";
import { GOODS } from "../api/endpoints";
import type { GoodsQuery } from "../api/endpoints";
import { badRequest, notFound } from "../http/errors";
import type { RoomsService } from "../rooms/rooms-service";
import { CACHE_CONTROL, sendPrepared } from "../http/prepared";
import type { PreparedAnswers } from "../http/prepared";
import { goodsKey } from "./goods-key";

/**
 * `GET /api/goods?url=<the goods page's path and query, encoded>`: the goods whose registered URL has
 * the same goods key, and the visible rooms selling it. `url` is the only parameter (the route schema
 * refuses anything else, a repeated or over-long `url`); one that is not a page URL is a 400 here.
 */
export function goodsRoutes(app: FastifyInstance, rooms: RoomsService, answers: PreparedAnswers): void {
  app.get<{ Querystring: GoodsQuery }>("/api/goods", { schema: GOODS }, async (request, reply) => {
    const key = goodsKey(request.query.url);
    if (key === null) throw badRequest('"url" must be a page path such as pages/goods/goods?id=1');
    const found = await rooms.goods(key);
    if (!found) throw notFound("no goods is registered with this page URL");
    const entry = answers.get(found.version, `goods:${key}`, (): GoodsResponse => found.entry);
    return sendPrepared(reply, entry, CACHE_CONTROL.list, found.stale);
  });
}
