import type { FastifyInstance, FastifyReply } from "fastify";
import type { ReplayListResponse, RoomListResponse, RoomResponse } from "../../../typings/api";
import { notFound } from "../http/errors";
import { parseId, parseIntQuery } from "../http/query";
import type { RoomsService } from "./rooms-service";

// shoppers may reuse an answer briefly; the server cache absorbs the rest
export const LIST_CACHE_CONTROL = "public, max-age=5";
const REPLAYS_CACHE_CONTROL = "public, max-age=60";

/** Staleness travels in a header for answers whose body is a bare contract type. */
export function markStale(reply: FastifyReply, stale: boolean): void {
  if (stale) reply.header("x-data-stale", "1");
}

export function roomRoutes(app: FastifyInstance, rooms: RoomsService): void {
  app.get("/api/rooms", async (request, reply): Promise<RoomListResponse> => {
    const { start, limit } = parseIntQuery(request.query, {
      start: { min: 0, max: 1_000_000, default: 0 },
      limit: { min: 1, max: 100, default: 20 },
    });
    const visible = await rooms.visible();
    reply.header("cache-control", LIST_CACHE_CONTROL);
    markStale(reply, visible.stale);
    return {
      rooms: visible.rooms.slice(start, start + limit),
      total: visible.rooms.length,
      updatedAt: visible.updatedAt,
      stale: visible.stale,
    };
  });

  app.get<{ Params: { roomId: string } }>(
    "/api/rooms/:roomId",
    async (request, reply): Promise<RoomResponse> => {
      parseIntQuery(request.query, {});
      const roomId = parseId(request.params.roomId, "roomId");
      const visible = await rooms.visible();
      const room = visible.byId.get(roomId);
      if (!room) throw notFound(`room ${roomId} not found`);
      reply.header("cache-control", LIST_CACHE_CONTROL);
      markStale(reply, visible.stale);
      return room;
    },
  );

  app.get<{ Params: { roomId: string } }>(
    "/api/rooms/:roomId/replays",
    async (request, reply): Promise<ReplayListResponse> => {
      parseIntQuery(request.query, {});
      const roomId = parseId(request.params.roomId, "roomId");
      const replays = await rooms.replaysOf(roomId);
      if (!replays) throw notFound(`room ${roomId} not found`);
      reply.header("cache-control", REPLAYS_CACHE_CONTROL);
      markStale(reply, replays.stale);
      return replays;
    },
  );
}
