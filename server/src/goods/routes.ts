import type { FastifyInstance } from "fastify";
import type { GoodsResponse } from "../../../typings/api";
import { notFound } from "../http/errors";
import { parseId, parseIntQuery } from "../http/query";
import type { RoomsService } from "../rooms/rooms-service";
import { LIST_CACHE_CONTROL, markStale } from "../rooms/routes";

export function goodsRoutes(app: FastifyInstance, rooms: RoomsService): void {
  app.get<{ Params: { goodsId: string } }>(
    "/api/goods/:goodsId",
    async (request, reply): Promise<GoodsResponse> => {
      parseIntQuery(request.query, {});
      const goodsId = parseId(request.params.goodsId, "goodsId");
      const found = await rooms.goods(goodsId);
      if (!found) throw notFound(`goods ${goodsId} not found`);
      reply.header("cache-control", LIST_CACHE_CONTROL);
      markStale(reply, found.stale);
      return { goods: found.goods, roomIds: found.roomIds };
    },
  );
}
