/**
 * The HTTP layer: the Fastify server (error shapes, validation, ETags, rate limits, the OpenAPI page)
 * and the routes, on top of the services src/services.ts wires. `buildApp` builds it without listening;
 * `startServer` builds and listens (index.ts, tests, the bench, scripts/start.ts).
 */
import fastifyEtag from "@fastify/etag";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { LogController } from "fastify";
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyHttpOptions,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
} from "fastify";
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { Config } from "./config";
import { HEALTH } from "./api/endpoints";
import type { Health } from "./api/endpoints";
import { NothingCachedError } from "./cache/shared-entry";
import { channelRoutes } from "./channels/routes";
import { goodsRoutes } from "./goods/routes";
import { apiDocs } from "./http/api-docs";
import { HttpError, errorBody } from "./http/errors";
import { metricsRoute } from "./http/metrics-route";
import { trustFunction } from "./http/client-address";
import { clientError, serverFactory } from "./http/node-errors";
import type { EarlyHandler } from "./http/node-errors";
import { CACHE_CONTROL, PreparedAnswers } from "./http/prepared";
import { RouteTable } from "./http/route-table";
import { parseQuery } from "./http/query";
import { validatorCompiler } from "./http/validation";
import { WindowLimiter } from "./http/window-limiter";
import type { Redactor } from "./log";
import type { Metrics } from "./metrics";
import type { RoomsService } from "./rooms/rooms-service";
import { ROOM_LIST_PATH, RoomListEndpoint } from "./rooms/list-endpoint";
import { roomRoutes } from "./rooms/routes";
import { createServices } from "./services";
import type { ServiceOptions, Services } from "./services";
import { NO_LIVE_PERMISSION, NO_LIVE_PERMISSION_TEXT } from "./wechat/errors";
import { operatorConsole } from "./admin/plugin";

/**
 * A Fastify plugin that adds routes of its own (e.g. an operator console), registered on the API
 * listener after the API's routes, with the services. Its routes get the same error shapes, rate limit
 * and validator; give each a schema (responses, and a query schema refusing unknown parameters), or
 * `hide: true` for routes that are not part of the API: a test holds every route to that.
 */
export type ApiPlugin = FastifyPluginAsync<{ services: Services }>;

export interface AppOptions extends ServiceOptions {
  /** Plugins adding their own routes (see ApiPlugin). */
  plugins?: ApiPlugin[];
  /**
   * false: every GET /api/rooms goes through Fastify, none takes the early path (the both-paths tests
   * compare a server with and one without it).
   */
  earlyPath?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  /** The separate loopback listener for /metrics when METRICS_PORT is set. */
  metricsApp?: FastifyInstance;
  services: Services;
  rooms: RoomsService;
  /** The API listener's routes as registered (schemas included). */
  routes: RouteTable;
  log: Logger;
  /** Waits for in-flight requests and background refreshes, then closes the servers and the store. */
  close(): Promise<void>;
}

/** Where the separate /metrics listener binds: scrapers on this machine only. */
const METRICS_HOST = "127.0.0.1";

/**
 * The error shape on every answer: handlers' HttpErrors, Fastify's own errors, unknown paths (404) and
 * known paths asked with another method (405 with `Allow`, for every GET route however it was added).
 */
function errorHandling(
  app: FastifyInstance,
  redactor: Redactor,
  log: Logger,
  closing: () => boolean,
): RouteTable {
  const routes = new RouteTable(app);

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
    if (routes.hasGet(pathname)) {
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
  return routes;
}

function fastifyOptions(config: Config, log: Logger, early?: EarlyHandler): FastifyHttpOptions<Server> {
  // typed as Fastify's base logger so route helpers accept the default FastifyInstance
  const loggerInstance: FastifyBaseLogger = log;
  return {
    loggerInstance,
    // one line per request would drown the useful ones; failures are logged in onSend
    logController: new LogController({ disableRequestLogging: true }),
    // no per-request child logger: building one (with its redaction setup) per request showed up in
    // profiles, and request logs are off anyway; the few request-scoped lines carry method and URL
    childLoggerFactory: (logger) => logger,
    trustProxy: trustFunction(config.trustProxy) ?? false,
    // one query parser for Fastify's router and the list's early path
    routerOptions: { querystringParser: parseQuery },
    // while shutting down, requests already on an open connection are still answered (with
    // `Connection: close`); Fastify's 503 for them would lack the error body
    return503OnClosing: false,
    // Node's server with its own empty-bodied answers replaced by ours (a missing Host, a bad Expect)
    serverFactory: serverFactory(early),
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
  app.setValidatorCompiler(validatorCompiler);
  errorHandling(app, redactor, log, closing);
  metricsRoute(app, metrics, { token: config.metricsToken });
  return app;
}

/** Builds the services and the Fastify server on them, without listening. */
export async function buildApp(config: Config, options: AppOptions = {}): Promise<BuiltApp> {
  const services = await createServices(config, options);
  const { log, redactor, metrics, rooms, channels, governor, store } = services;

  let stopping = false;
  const closing = (): boolean => stopping;
  // one set of prepared answers per list version, shared by the routes that derive from the list
  const listAnswers = new PreparedAnswers();
  const list = new RoomListEndpoint({
    rooms,
    answers: listAnswers,
    // the list's own budget per client (README, Rate limits): cheap, since the list costs WeChat nothing
    limiter: new WindowLimiter(config.rateLimitPerMinute, 60_000, services.now),
    trust: trustFunction(config.trustProxy),
    closing,
  });
  metrics.counterOf(
    "api_rooms_early_answers_total",
    "GET /api/rooms answers given before Fastify's routing (the rest went through Fastify)",
    () => list.servedEarly,
  );
  const early = options.earlyPath === false ? undefined : list.serveEarly.bind(list);
  const app: FastifyInstance = Fastify(fastifyOptions(config, log, early));
  app.setValidatorCompiler(validatorCompiler);
  const routes = errorHandling(app, redactor, log, closing);
  if (config.apiDocs) await apiDocs(app);

  await app.register(fastifyEtag);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // health checks come often from load balancers and cost nothing; the room list has its own cheap
    // budget (RoomListEndpoint); /metrics is rate-limited like the API
    allowList: (request) => request.url === "/healthz" || request.routeOptions.url === ROOM_LIST_PATH,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, "rate_limited", `too many requests, retry in ${context.after}`),
  });

  app.get("/healthz", { schema: HEALTH }, async (_request, reply): Promise<Health> => {
    reply.header("cache-control", CACHE_CONTROL.none);
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

  roomRoutes(app, rooms, listAnswers, list);
  goodsRoutes(app, rooms, listAnswers);
  channelRoutes(app, channels);
  // the operator console (on with ADMIN_PASSWORD_HASH) first, then the caller's plugins
  for (const plugin of [operatorConsole, ...(options.plugins ?? [])])
    await app.register(plugin, { services });

  return {
    app,
    metricsApp,
    services,
    rooms,
    routes,
    log,
    async close() {
      stopping = true;
      await Promise.all([app.close(), metricsApp?.close()]);
      await services.close();
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
    await built.app.listen({ host: config.host, port: config.port, backlog: config.backlog });
    await built.metricsApp?.listen({ host: METRICS_HOST, port: config.metricsPort });
  } catch (err) {
    await built.close();
    throw err;
  }
  const metricsUrl = built.metricsApp && urlOf(built.metricsApp, METRICS_HOST);
  return { ...built, url: urlOf(built.app, config.host), metricsUrl };
}
