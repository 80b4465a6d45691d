import fastifyEtag from "@fastify/etag";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { LogController } from "fastify";
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { STATUS_CODES } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { Config } from "./config";
import { NothingCachedError } from "./cache/shared-entry";
import { ChannelsService, ConfigChannelIds } from "./channels/channels-service";
import { channelRoutes } from "./channels/routes";
import { goodsRoutes } from "./goods/routes";
import { HttpError, errorBody } from "./http/errors";
import { Redactor, createLogger } from "./log";
import { Metrics } from "./metrics";
import { QuotaGovernor } from "./quota/governor";
import { RoomsService } from "./rooms/rooms-service";
import { roomRoutes } from "./rooms/routes";
import { MemoryStore } from "./store/memory-store";
import { RedisStore } from "./store/redis-store";
import type { Store } from "./store/store";
import { WechatClient } from "./wechat/client";
import { WechatHttp } from "./wechat/http";
import { TokenService } from "./wechat/token";

export interface AppOptions {
  /** The clock for freshness, token lifetime and the quota day (ms). Tests inject a controllable one. */
  now?: () => number;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
}

export interface BuiltApp {
  app: FastifyInstance;
  rooms: RoomsService;
  log: Logger;
  /** Waits for background refreshes, then closes the server and the store. */
  close(): Promise<void>;
}

const KNOWN_PATHS = [
  /^\/api\/rooms$/,
  /^\/api\/rooms\/[^/]+$/,
  /^\/api\/rooms\/[^/]+\/replays$/,
  /^\/api\/goods\/[^/]+$/,
  /^\/api\/channels$/,
];
const REDIS_CONNECT_WAIT_MS = 2000;

async function createStore(config: Config, log: Logger): Promise<Store> {
  if (!config.redisUrl) return new MemoryStore({ snapshotDir: path.resolve(config.dataDir), log });
  const store = new RedisStore(config.redisUrl, log);
  await store.ready(REDIS_CONNECT_WAIT_MS);
  return store;
}

/**
 * Requests Node's parser rejects before Fastify sees them (an oversized URL or header: 431, garbage:
 * 400) answered with our error body instead of Fastify's default shape.
 */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "the URL or headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "the request took too long"]
        : [400, "the request is malformed"];
  const body = JSON.stringify(errorBody("bad_request", message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Builds the Fastify server with every service wired, without listening. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<BuiltApp> {
  const now = options.now ?? Date.now;
  const redactor = new Redactor();
  redactor.add(config.appSecret);
  const log = createLogger({ level: config.logLevel, redactor, stream: options.logStream });
  const metrics = new Metrics();
  const store = await createStore(config, log);
  const http = new WechatHttp({
    baseUrl: config.wechatApiBase,
    timeoutMs: config.wechatTimeoutMs,
    metrics,
    redactor,
  });
  const governor = new QuotaGovernor({
    store,
    dailyQuota: config.dailyQuota,
    replayReserve: config.replayReserve,
    minRefreshMs: config.roomsRefreshSeconds * 1000,
    now,
    log,
  });
  const lockMs = config.wechatTimeoutMs * 8;
  const tokens = new TokenService({
    http,
    store,
    appId: config.appId,
    appSecret: config.appSecret,
    now,
    metrics,
    redactor,
    log,
    lockWaitMs: lockMs,
  });
  const rooms = new RoomsService({
    client: new WechatClient(http, tokens, governor),
    governor,
    store,
    now,
    log,
    metrics,
    replaysRefreshMs: config.replaysRefreshSeconds * 1000,
    hiddenRoomIds: config.hiddenRoomIds,
    pinnedRoomIds: config.pinnedRoomIds,
    lockMs,
    livePlugin: config.livePlugin,
  });
  const channels = new ChannelsService(new ConfigChannelIds(config.channelsFinderIds), now);
  metrics.gauge("wx_quota_used_today", "getliveinfo calls counted today (Asia/Shanghai day)", async () => {
    await governor.load();
    return governor.usedToday();
  });
  metrics.gauge("wx_quota_daily_limit", "WX_DAILY_QUOTA", () => config.dailyQuota);
  metrics.gauge(
    "redis_up",
    "1 when Redis answers, 0 when it does not, -1 when not configured",
    () => ({ off: -1, down: 0, up: 1 })[store.status()],
  );

  // typed as Fastify's base logger so route helpers accept the default FastifyInstance
  const loggerInstance: FastifyBaseLogger = log;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    // one line per request would drown the useful ones; failures are logged in onSend
    logController: new LogController({ disableRequestLogging: true }),
    // no per-request child logger: building one (with its redaction setup) per request showed up in
    // profiles, and request logs are off anyway; the few request-scoped lines carry method and URL
    childLoggerFactory: (logger) => logger,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // malformed URLs (bad %-encoding, a path segment over maxParamLength) get our error body too
    frameworkErrors: (err, _request, reply) => {
      const status = err.statusCode ?? 400;
      const message = status === 414 ? "a path segment is too long" : "the URL is malformed";
      // the option is generic over route types; this answer is the same for every route
      void (reply as FastifyReply).code(status).send(errorBody("bad_request", message));
    },
    clientErrorHandler: clientError,
  });

  await app.register(fastifyEtag);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (request) => request.url === "/healthz" || request.url === "/metrics",
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, "rate_limited", `too many requests, retry in ${context.after}`),
  });

  // callback style: an async hook costs a promise on every request
  app.addHook("onSend", (request, reply, payload, done) => {
    if (!reply.hasHeader("cache-control")) {
      reply.header("cache-control", reply.statusCode >= 400 ? "no-store" : "no-cache");
    }
    if (reply.statusCode >= 500) {
      log.warn({ method: request.method, url: request.url, status: reply.statusCode }, "request failed");
    }
    done(null, payload);
  });

  app.setErrorHandler((err: FastifyError | HttpError | NothingCachedError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    }
    if (err instanceof NothingCachedError) {
      return reply.code(503).header("retry-after", "5").send(errorBody("upstream_unavailable", err.message));
    }
    const status = typeof err.statusCode === "number" ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody("bad_request", redactor.scrub(err.message)));
    }
    request.log.error({ err: redactor.scrub(err.message) }, "unexpected error");
    return reply.code(500).send(errorBody("internal", "internal error"));
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split("?")[0];
    if (KNOWN_PATHS.some((re) => re.test(pathname))) {
      return reply
        .code(405)
        .header("allow", "GET, HEAD")
        .send(errorBody("method_not_allowed", "only GET is allowed"));
    }
    return reply.code(404).send(errorBody("not_found", "no such endpoint"));
  });

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    return {
      status: "ok",
      store: store.status(),
      rooms: rooms.listStatus(),
      quotaUsedToday: governor.usedToday(),
      livePlugin: config.livePlugin ? "on" : "off",
    };
  });

  app.get("/metrics", async (_request, reply) => {
    reply.header("cache-control", "no-store").type("text/plain; version=0.0.4; charset=utf-8");
    return metrics.render();
  });

  roomRoutes(app, rooms);
  goodsRoutes(app, rooms);
  channelRoutes(app, channels);

  return {
    app,
    rooms,
    log,
    async close() {
      await app.close();
      await rooms.settled();
      await store.close();
    },
  };
}

export interface RunningServer extends BuiltApp {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
}

/** Builds and listens: what index.ts, tests, the bench and scripts/start.ts use. */
export async function startServer(config: Config, options: AppOptions = {}): Promise<RunningServer> {
  const built = await buildApp(config, options);
  try {
    await built.app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await built.close();
    throw err;
  }
  const address = built.app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return { ...built, url: `http://${host}:${port}` };
}
