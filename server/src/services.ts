/**
 * The services the HTTP layer serves from, wired in one place: logging with secret redaction, metrics,
 * the store (embedded or Redis), the WeChat transport and token, the quota governor, the room and
 * 视频号 services. Nothing here knows about HTTP; src/app.ts builds the Fastify server on top.
 */
import path from "node:path";
import type { Logger } from "pino";
import { ConsoleSettings } from "./admin/settings";
import { ChannelsService, ConfigChannelIds } from "./channels/channels-service";
import type { Config } from "./config";
import { Redactor, createLogger } from "./log";
import { Metrics } from "./metrics";
import { QuotaGovernor } from "./quota/governor";
import { RoomsService, fixedChoices } from "./rooms/rooms-service";
import { MemoryStore } from "./store/memory-store";
import { RedisStore } from "./store/redis-store";
import type { Store } from "./store/store";
import { WechatClient } from "./wechat/client";
import { NO_LIVE_PERMISSION } from "./wechat/errors";
import { wechatAccess } from "./wechat/access";
import type { WechatHttp } from "./wechat/http";
import type { TokenService } from "./wechat/token";

export interface ServiceOptions {
  /** The clock for freshness, token lifetime and the quota day (ms). Tests inject a controllable one. */
  now?: () => number;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
}

export interface Services {
  config: Config;
  now: () => number;
  log: Logger;
  redactor: Redactor;
  metrics: Metrics;
  store: Store;
  governor: QuotaGovernor;
  /** The one transport every WeChat call goes through. */
  http: WechatHttp;
  tokens: TokenService;
  rooms: RoomsService;
  channels: ChannelsService;
  /**
   * The operator console's stored choices (hidden/pinned rooms, 视频号 ids), when the console is on
   * (ADMIN_PASSWORD_HASH); without it the environment's values hold.
   */
  settings?: ConsoleSettings;
  /** Waits for background refreshes, then closes the store. */
  close(): Promise<void>;
}

const REDIS_CONNECT_WAIT_MS = 2000;

async function createStore(config: Config, log: Logger): Promise<Store> {
  if (!config.redisUrl) return new MemoryStore({ snapshotDir: path.resolve(config.dataDir), log });
  const store = new RedisStore(config.redisUrl, log, {
    commandTimeoutMs: config.redisTimeoutMs,
    probeIntervalMs: config.redisProbeIntervalMs,
  });
  await store.ready(REDIS_CONNECT_WAIT_MS);
  return store;
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

/** The gauges read at scrape time, from the services that know their values. */
function registerGauges(s: Omit<Services, "close">): void {
  const { metrics, governor, config, rooms, store } = s;
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
}

export async function createServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const now = options.now ?? Date.now;
  const redactor = new Redactor();
  for (const secret of secretsOf(config)) redactor.add(secret);
  const log = createLogger({ level: config.logLevel, redactor, stream: options.logStream });
  const metrics = new Metrics({ processMetrics: true });
  const store = await createStore(config, log);
  const lockMs = config.wechatTimeoutMs * 8;
  const { http, tokens } = wechatAccess(config, { store, now, metrics, redactor, log, lockWaitMs: lockMs });
  const governor = new QuotaGovernor({
    store,
    dailyQuota: config.dailyQuota,
    replayReserve: config.replayReserve,
    minRefreshMs: config.roomsRefreshSeconds * 1000,
    now,
    log,
  });
  // with the console on, hidden/pinned rooms and 视频号 ids live in the store (server/src/admin)
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
  const services: Omit<Services, "close"> = {
    config,
    now,
    log,
    redactor,
    metrics,
    store,
    governor,
    http,
    tokens,
    rooms,
    channels,
    settings,
  };
  registerGauges(services);
  return {
    ...services,
    async close() {
      await rooms.settled();
      await store.close();
    },
  };
}
