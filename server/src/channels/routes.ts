import type { FastifyInstance } from "fastify";
import type { ChannelListResponse } from "../api/contract";
import { CHANNELS } from "../api/endpoints";
import { CACHE_CONTROL, PreparedAnswers, sendPrepared } from "../http/prepared";
import type { ChannelsService } from "./channels-service";

export function channelRoutes(app: FastifyInstance, channels: ChannelsService): void {
  const answers = new PreparedAnswers(1);

  app.get("/api/channels", { schema: CHANNELS }, async (_request, reply) => {
    const list = await channels.list();
    const entry = answers.get(list, "channels", (): ChannelListResponse => ({
      channels: list.ids.map((finderUserName) => ({ finderUserName })),
      updatedAt: list.updatedAt,
      stale: false,
    }));
    return sendPrepared(reply, entry, CACHE_CONTROL.channels);
  });
}
