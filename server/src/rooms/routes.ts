import type { FastifyInstance } from "fastify";
import type { RoomResponse } from "../api/contract";
import { ROOM, ROOM_LIST, ROOM_REPLAYS } from "../api/endpoints";
import type { RoomListQuery, RoomParams } from "../api/endpoints";
import { notFound } from "../http/errors";
import { CACHE_CONTROL, sendPrepared } from "../http/prepared";
import type { PreparedAnswers } from "../http/prepared";
import type { RoomListEndpoint } from "./list-endpoint";
import type { RoomsService } from "./rooms-service";

/** The room list (decided by its endpoint), one room and a room's replays, as prepared bytes. */
export function roomRoutes(
  app: FastifyInstance,
  rooms: RoomsService,
  answers: PreparedAnswers,
  list: RoomListEndpoint,
): void {
  app.get<{ Querystring: RoomListQuery }>("/api/rooms", { schema: ROOM_LIST }, (request, reply) =>
    list.serve(request, reply),
  );

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
