import type { FastifyInstance, FastifyReply } from "fastify";
import type { ReplayListResponse, RoomListResponse, RoomResponse } from "../api/contract";
import { LIST_PAGING, ROOM, ROOM_LIST, ROOM_REPLAYS } from "../api/endpoints";
import type { RoomListQuery, RoomParams } from "../api/endpoints";
import { notFound } from "../http/errors";
import { SerializedCache, sendSerialized } from "../http/serialized-cache";
import type { RoomsService } from "./rooms-service";

// shoppers may reuse an answer briefly; the server cache absorbs the rest
export const LIST_CACHE_CONTROL = "public, max-age=5";
const REPLAYS_CACHE_CONTROL = "public, max-age=60";

/** Staleness travels in a header for answers whose body is a bare contract type. */
export function markStale(reply: FastifyReply, stale: boolean): void {
  if (stale) reply.header("x-data-stale", "1");
}

/** Answers derived from the room list, prepared once per list version (see SerializedCache). */
const listAnswers = new WeakMap<RoomsService, SerializedCache>();

export function answersFor(rooms: RoomsService): SerializedCache {
  let cache = listAnswers.get(rooms);
  if (!cache) listAnswers.set(rooms, (cache = new SerializedCache()));
  return cache;
}

export function roomRoutes(app: FastifyInstance, rooms: RoomsService): void {
  const answers = answersFor(rooms);

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
    reply.header("cache-control", LIST_CACHE_CONTROL);
    markStale(reply, visible.stale);
    return sendSerialized(reply, entry);
  });

  app.get<{ Params: RoomParams }>("/api/rooms/:roomId", { schema: ROOM }, async (request, reply) => {
    const { roomId } = request.params;
    const visible = await rooms.visible();
    const room = visible.byId.get(roomId);
    if (!room) throw notFound(`room ${roomId} not found`);
    const entry = answers.get(visible.rooms, `room:${roomId}`, (): RoomResponse => room);
    reply.header("cache-control", LIST_CACHE_CONTROL);
    markStale(reply, visible.stale);
    return sendSerialized(reply, entry);
  });

  app.get<{ Params: RoomParams }>(
    "/api/rooms/:roomId/replays",
    { schema: ROOM_REPLAYS },
    async (request, reply): Promise<ReplayListResponse> => {
      const { roomId } = request.params;
      const replays = await rooms.replaysOf(roomId);
      if (!replays) throw notFound(`room ${roomId} not found`);
      reply.header("cache-control", REPLAYS_CACHE_CONTROL);
      markStale(reply, replays.stale);
      return replays;
    },
  );
}
