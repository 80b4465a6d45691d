import type { FastifyInstance } from "fastify";
import type { RoomListResponse, RoomResponse } from "../api/contract";
import { LIST_PAGING, ROOM, ROOM_LIST, ROOM_REPLAYS } from "../api/endpoints";
import type { RoomListQuery, RoomParams } from "../api/endpoints";
import { notFound } from "../http/errors";
import { CACHE_CONTROL, sendPrepared } from "../http/prepared";
import type { PreparedAnswers } from "../http/prepared";
import type { RoomsService } from "./rooms-service";

/** The room list, one room and a room's replays, answered from the cache as prepared bytes. */
export function roomRoutes(app: FastifyInstance, rooms: RoomsService, answers: PreparedAnswers): void {
  app.get<{ Querystring: RoomListQuery }>("/api/rooms", { schema: ROOM_LIST }, async (request, reply) => {
    const { start = LIST_PAGING.start.default, limit = LIST_PAGING.limit.default } = request.query;
    const visible = await rooms.visible();
    const key = `list:${start}:${limit}:${visible.updatedAt}:${visible.stale}`;
    const entry = answers.get(visible.rooms, key, (): RoomListResponse => ({
      rooms: visible.rooms.slice(start, start + limit),
      total: visible.rooms.length,
      updatedAt: visible.updatedAt,
      stale: visible.stale,
    }));
    return sendPrepared(reply, entry, CACHE_CONTROL.list, visible.stale);
  });

  app.get<{ Params: RoomParams }>("/api/rooms/:roomId", { schema: ROOM }, async (request, reply) => {
    const { roomId } = request.params;
    const visible = await rooms.visible();
    const room = visible.byId.get(roomId);
    if (!room) throw notFound(`room ${roomId} not found`);
    const entry = answers.get(visible.rooms, `room:${roomId}`, (): RoomResponse => room);
    return sendPrepared(reply, entry, CACHE_CONTROL.list, visible.stale);
  });

  app.get<{ Params: RoomParams }>(
    "/api/rooms/:roomId/replays",
    { schema: ROOM_REPLAYS },
    async (request, reply) => {
      const { roomId } = request.params;
      const replays = await rooms.replaysOf(roomId);
      if (!replays) throw notFound(`room ${roomId} not found`);
      const entry = answers.get(replays.version, `replays:${roomId}`, () => replays.answer);
      return sendPrepared(reply, entry, CACHE_CONTROL.replays, replays.answer.stale);
    },
  );
}
