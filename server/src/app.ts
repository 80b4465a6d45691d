import fastifyEtag from "@fastify/etag";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { LogController } from "fastify";
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyHttpOptions,
  FastifyInstance,
  FastifyReply,
  FastifyServerOptions,
} from "fastify";
import type { Server } from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config";
import { NothingCachedError } from "./cache/shared-entry";
import { ChannelsService, ConfigChannelIds } from "./channels/channels-service";
import { channelRoutes } from "./channels/routes";
import { goodsRoutes } from "./goods/routes";
import { HttpError, errorBody } from "./http/errors";
import { metricsRoute } from "./http/metrics-route";
import { clientError, serverFactory } from "./http/node-errors";
import { Redactor, createLogger } from "./log";
import { Metrics } from "./metrics";
import { QuotaGovernor } from "./quota/governor";
import { RoomsService, fixedChoices } from "./rooms/rooms-service";
import { roomRoutes } from "./rooms/routes";
import { MemoryStore } from "./store/memory-store";
import { RedisStore } from "./store/redis-store";
import type { Store } from "./store/store";
import { WechatClient } from "./wechat/client";
import { NO_LIVE_PERMISSION, NO_LIVE_PERMISSION_TEXT } from "./wechat/errors";
import { WechatHttp } from "./wechat/http";
import { TokenService } from "./wechat/token";
import { adminConsole } from "./admin/plugin";
import { ConsoleSettings } from "./admin/settings";

export interface AppOptions {
  /** The clock for freshness, token lifetime and the quota day (ms). Tests inject a controllable one. */
  now?: () => number;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
}

export interface BuiltApp {
  app: FastifyInstance;
  /** The separate loopback listener for /metrics when METRICS_PORT is set. */
  metricsApp?: FastifyInstance;
  rooms: RoomsService;
  log: Logger;
  /** Waits for in-flight requests and background refreshes, then closes the servers and the store. */
  close(): Promise<void>;
}

const REDIS_CONNECT_WAIT_MS = 2000;
/** Where the separate /metrics listener binds: scrapers on this machine only. */
const METRICS_HOST = "127.0.0.1";

async function createStore(config: Config, log: Logger): Promise<Store> {
  if (!config.redisUrl) return new MemoryStore({ snapshotDir: path.resolve(config.dataDir), log });
  const store = new RedisStore(config.redisUrl, log, {
    commandTimeoutMs: config.redisTimeoutMs,
    probeIntervalMs: config.redisProbeIntervalMs,
  });
  await store.ready(REDIS_CONNECT_WAIT_MS);
  return store;
}

/**
 * Fastify's `trustProxy`: a hop count becomes "trust the nearest N addresses" (Fastify itself now
 * treats a bare number as trusting nobody; docs/deploy.md); a list is handed over as is.
 */
function trustProxyOption(trust: Config["trustProxy"]): FastifyServerOptions["trustProxy"] {
  if (typeof trust !== "number") return trust;
  return (_address: string, hop: number) => hop < trust;
}

/** Turns a route pattern (`/api/rooms/:roomId`) into a test for concrete paths. */
function pathPattern(url: string): RegExp {
  const source = url
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/**
 * The error shape on every answer: handlers' HttpErrors, Fastify's own errors, unknown paths (404) and
 * known paths asked with another method (405 with `Allow`, for every GET route however it was added).
 */
function errorHandling(app: FastifyInstance, redactor: Redactor, log: Logger, closing: () => boolean): void {
  const getPaths: RegExp[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes("GET")) getPaths.push(pathPattern(route.url));
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
    if (getPaths.some((re) => re.test(pathname))) {
      return reply
        .code(405)
        .header("allow", "GET, HEAD")
        .send(errorBody("method_not_allowed", "only GET is allowed"));
    }
    return reply.code(404).send(errorBody("not_found", "no such endpoint"));
  });

  // callback style: an async hook costs a promise on every request
  app.addHook("onSend", (request, reply, payload, done) => {
    if (!reply.hasHeader("cache-control")) {
      reply.header("cache-control", reply.statusCode >= 400 ? "no-store" : "no-cache");
    }
    if (reply.statusCode >= 500) {
      log.warn({ method: request.method, url: request.url, status: reply.statusCode }, "request failed");
    }
    // stopping: a keep-alive connection that goes idle after close() began would hold the port until
    // its keep-alive timeout; this answer is its last
    if (closing()) reply.header("connection", "close");
    done(null, payload);
  });
}

function fastifyOptions(config: Config, log: Logger): FastifyHttpOptions<Server> {
  // typed as Fastify's base logger so route helpers accept the default FastifyInstance
  const loggerInstance: FastifyBaseLogger = log;
  return {
    loggerInstance,
    // one line per request would drown the useful ones; failures are logged in onSend
    logController: new LogController({ disableRequestLogging: true }),
    // no per-request child logger: building one (with its redaction setup) per request showed up in
    // profiles, and request logs are off anyway; the few request-scoped lines carry method and URL
    childLoggerFactory: (logger) => logger,
    trustProxy: trustProxyOption(config.trustProxy),
    // while shutting down, requests already on an open connection are still answered (with
    // `Connection: close`); Fastify's 503 for them would lack the error body
    return503OnClosing: false,
    // Node's server with its own empty-bodied answers replaced by ours (a missing Host, a bad Expect)
    serverFactory,
    // malformed URLs (bad %-encoding, a path segment over maxParamLength) get our error body too
    frameworkErrors: (err, _request, reply) => {
      const status = err.statusCode ?? 400;
      const message = status === 414 ? "a path segment is too long" : "the URL is malformed";
      // the option is generic over route types; this answer is the same for every route
      void (reply as FastifyReply).code(status).send(errorBody("bad_request", message));
    },
    clientErrorHandler: clientError,
  };
}

/** The listener for /metrics alone (METRICS_PORT): same access rule, same error shapes. */
function metricsListener(
  config: Config,
  log: Logger,
  redactor: Redactor,
  metrics: Metrics,
  closing: () => boolean,
): FastifyInstance {
  const app: FastifyInstance = Fastify(fastifyOptions(config, log));
  errorHandling(app, redactor, log, closing);
  metricsRoute(app, metrics, { token: config.metricsToken });
  return app;
}

/** What the configuration holds that no log line may show (tokens from WeChat are added as they come). */
function secretsOf(config: Config): string[] {
  const secrets = [config.appSecret];
  if (config.metricsToken) secrets.push(config.metricsToken);
  if (config.admin) secrets.push(config.admin.passwordHash.key.toString("base64url"));
  const redisPassword = config.redisUrl ? new URL(config.redisUrl).password : "";
  if (redisPassword) secrets.push(redisPassword, decodeURIComponent(redisPassword));
  return secrets;
}

/** Builds the Fastify server with every service wired, without listening. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<BuiltApp> {
  const now = options.now ?? Date.now;
  const redactor = new Redactor();
  for (const secret of secretsOf(config)) redactor.add(secret);
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
  // operator console (server/src/admin): with it on, hidden/pinned rooms and 视频号 ids live in the store
  const settings = config.admin ? await ConsoleSettings.open({ store, config, now, log }) : undefined;
  const rooms = new RoomsService({
    client: new WechatClient(http, tokens, governor, log),
    governor,
    store,
    now,
    log,
    metrics,
    replaysRefreshMs: config.replaysRefreshSeconds * 1000,
    choices: settings?.rooms ?? fixedChoices(config.hiddenRoomIds, config.pinnedRoomIds),
    lockMs,
    livePlugin: config.livePlugin,
  });
  const channels = new ChannelsService(
    settings?.channels ?? new ConfigChannelIds(config.channelsFinderIds),
    now,
  );
  metrics.gauge("wx_quota_used_today", "getliveinfo calls counted today (Asia/Shanghai day)", async () => {
    await governor.load();
    return governor.usedToday();
  });
  metrics.gauge("wx_quota_daily_limit", "WX_DAILY_QUOTA", () => config.dailyQuota);
  metrics.gauge(
    "wx_live_permission_missing",
    "1 while WeChat answers the room list with 48001 (this appid has no live permission), else 0",
    () => (rooms.listStatus().failure === NO_LIVE_PERMISSION ? 1 : 0),
  );
  metrics.gauge(
    "redis_up",
    "1 when Redis answers, 0 when it does not, -1 when not configured",
    () => ({ off: -1, down: 0, up: 1 })[store.status()],
  );

  let stopping = false;
  const closing = (): boolean => stopping;
  const app: FastifyInstance = Fastify(fastifyOptions(config, log));
  errorHandling(app, redactor, log, closing);

  await app.register(fastifyEtag);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // health checks come often from load balancers and cost nothing; /metrics is rate-limited like the API
    allowList: (request) => request.url === "/healthz",
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, "rate_limited", `too many requests, retry in ${context.after}`),
  });

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    const list = rooms.listStatus();
    // still 200: a restart cannot grant the permission; the body says what is wrong
    const noLivePermission = list.failure === NO_LIVE_PERMISSION;
    return {
      status: noLivePermission ? "degraded" : "ok",
      store: store.status(),
      rooms: list,
      quotaUsedToday: governor.usedToday(),
      livePlugin: config.livePlugin ? "on" : "off",
      ...(noLivePermission
        ? { problems: [{ code: NO_LIVE_PERMISSION, message: NO_LIVE_PERMISSION_TEXT }] }
        : {}),
    };
  });

  const metricsApp =
    config.metricsPort === undefined ? undefined : metricsListener(config, log, redactor, metrics, closing);
  if (!metricsApp) metricsRoute(app, metrics, { token: config.metricsToken });

  roomRoutes(app, rooms);
  goodsRoutes(app, rooms);
  channelRoutes(app, channels);
  if (settings) {
    await app.register(adminConsole, {
      prefix: "/admin",
      ...{ config, settings, rooms, governor, tokens, store, log, now, redactor },
    });
  }

  return {
    app,
    metricsApp,
    rooms,
    log,
    async close() {
      stopping = true;
      await Promise.all([app.close(), metricsApp?.close()]);
      await rooms.settled();
      await store.close();
    },
  };
}

export interface RunningServer extends BuiltApp {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  /** Where /metrics is served when METRICS_PORT is set, e.g. http://127.0.0.1:9464 */
  metricsUrl?: string;
}

function urlOf(app: FastifyInstance, host: string): string {
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Builds and listens: what index.ts, tests, the bench and scripts/start.ts use. */
export async function startServer(config: Config, options: AppOptions = {}): Promise<RunningServer> {
  const built = await buildApp(config, options);
  try {
    await built.app.listen({ host: config.host, port: config.port });
    await built.metricsApp?.listen({ host: METRICS_HOST, port: config.metricsPort });
  } catch (err) {
    await built.close();
    throw err;
  }
  const metricsUrl = built.metricsApp && urlOf(built.metricsApp, METRICS_HOST);
  return { ...built, url: urlOf(built.app, config.host), metricsUrl };
}
