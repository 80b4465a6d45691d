import type { FastifyInstance } from "fastify";
import type { ChannelListResponse } from "../api/contract";
import { CHANNELS } from "../api/endpoints";
import { SerializedCache, sendSerialized } from "../http/serialized-cache";
import type { ChannelsService } from "./channels-service";

// the ids change rarely; the app keeps its own copy and revalidates with the ETag
const CHANNELS_CACHE_CONTROL = "public, max-age=60";

export function channelRoutes(app: FastifyInstance, channels: ChannelsService): void {
  const answers = new SerializedCache(1);

  app.get("/api/channels", { schema: CHANNELS }, async (_request, reply) => {
    const list = await channels.list();
    const entry = answers.get(list, "channels", (): ChannelListResponse => ({
      channels: list.ids.map((finderUserName) => ({ finderUserName })),
      updatedAt: list.updatedAt,
      stale: false,
    }));
    reply.header("cache-control", CHANNELS_CACHE_CONTROL);
    return sendSerialized(reply, entry);
  });
}
