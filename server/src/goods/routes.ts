import type { FastifyInstance } from "fastify";
import type { GoodsResponse } from "../../../typings/api";
import { notFound } from "../http/errors";
import { parseId, parseIntQuery } from "../http/query";
import type { RoomsService } from "../rooms/rooms-service";
import { sendSerialized } from "../http/serialized-cache";
import { LIST_CACHE_CONTROL, answersFor, markStale } from "../rooms/routes";

export function goodsRoutes(app: FastifyInstance, rooms: RoomsService): void {
  const answers = answersFor(rooms);
  app.get<{ Params: { goodsId: string } }>("/api/goods/:goodsId", async (request, reply) => {
    parseIntQuery(request.query, {});
    const goodsId = parseId(request.params.goodsId, "goodsId");
    const found = await rooms.goods(goodsId);
    if (!found) throw notFound(`goods ${goodsId} not found`);
    const entry = answers.get(found.version, `goods:${goodsId}`, (): GoodsResponse => ({
      goods: found.goods,
      roomIds: found.roomIds,
    }));
    reply.header("cache-control", LIST_CACHE_CONTROL);
    markStale(reply, found.stale);
    return sendSerialized(reply, entry);
  });
}
