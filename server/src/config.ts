/**
 * Server configuration: read from the environment and validated once at start-up. Every variable is
 * described once, in SERVER_ENV (type, default, range, meaning); the README's configuration tables are
 * checked against it by a test, so a new variable cannot go undocumented. Values with a structure of
 * their own (TRUST_PROXY, id lists, URLs, the credentials) are checked below the schema.
 */
import { Type } from "@sinclair/typebox";
import type { Static, TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ValueErrorType } from "@sinclair/typebox/errors";
import { isIP } from "node:net";
import { FinderIdError, parseFinderIdList } from "./channels/finder-ids";
import { PasswordHashError, parsePasswordHash } from "./admin/password";
import type { PasswordHash } from "./admin/password";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const int = (fallback: number, minimum: number, maximum: number, description: string) =>
  Type.Integer({ default: fallback, minimum, maximum, description });
const optionalInt = (minimum: number, maximum: number, description: string) =>
  Type.Optional(Type.Integer({ minimum, maximum, description }));
const text = (fallback: string, description: string) => Type.String({ default: fallback, description });
const optionalText = (description: string) => Type.Optional(Type.String({ description }));
const onOff = (description: string) => Type.Union([Type.Literal("on"), Type.Literal("off")], { description });

/** getLiveInfo's daily quota on WeChat's current page ("调用额度：100000次/一天"); old text said 500. */
export const DEFAULT_DAILY_QUOTA = 100_000;

/** The server's environment variables: what `loadConfig` reads, and what the README tables document. */
export const SERVER_ENV = Type.Object({
  HOST: text("127.0.0.1", "Listen address"),
  PORT: int(8787, 0, 65535, "Listen port (0 = any free port)"),
  BACKLOG: int(
    2048,
    1,
    65535,
    "Pending connections the kernel queues while the server is busy (capped by net.core.somaxconn)",
  ),
  WX_APPID: optionalText("Mini-program appid: with WX_APPSECRET, or neither"),
  WX_APPSECRET: optionalText("Mini-program AppSecret: with WX_APPID, or neither"),
  WECHAT_API_BASE: text("https://api.weixin.qq.com", "WeChat API base; https unless loopback"),
  WECHAT_TIMEOUT_MS: int(5000, 50, 120_000, "Timeout of every WeChat call"),
  ROOMS_REFRESH_SECONDS: int(60, 1, 86_400, "Minimum age before the room list is refreshed"),
  REPLAYS_REFRESH_SECONDS: int(600, 1, 86_400, "Minimum age before a room's replays are refreshed"),
  WX_DAILY_QUOTA: int(DEFAULT_DAILY_QUOTA, 1, 10_000_000, "getliveinfo calls per day"),
  WX_REPLAY_RESERVE: optionalInt(0, 9_999_999, "Calls kept back for replays (default 10 % of the quota)"),
  DATA_DIR: text("./.data", "Snapshot directory (embedded mode)"),
  REDIS_URL: optionalText("redis:// or rediss:// URL shared by instances"),
  REDIS_TIMEOUT_MS: int(1000, 50, 60_000, "Redis command, connection and health-probe timeout"),
  REDIS_PROBE_INTERVAL_MS: int(1000, 50, 60_000, "PING interval"),
  ROOMS_HIDDEN: optionalText("Comma-separated room ids never shown"),
  ROOMS_PINNED: optionalText("Comma-separated room ids shown first"),
  RATE_LIMIT_PER_MINUTE: int(300, 1, 1_000_000_000, "Requests per client address per minute"),
  TRUST_PROXY: optionalText("Proxies in front: a hop count or addresses/CIDRs"),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16, description: "Bearer token for /metrics" })),
  METRICS_PORT: optionalInt(0, 65535, "Serve /metrics on 127.0.0.1:<port> instead"),
  SHUTDOWN_TIMEOUT_MS: int(8000, 100, 600_000, "How long in-flight requests may take on SIGTERM/SIGINT"),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { description: "pino level", default: "info" },
  ),
  LIVE_PLUGIN: Type.Union([Type.Literal("on"), Type.Literal("off")], {
    description: "off: no getliveinfo call, empty room list",
    default: "on",
  }),
  CHANNELS_FINDER_IDS: optionalText("视频号 ids (sph…), comma-separated"),
  API_DOCS: Type.Optional(
    onOff("The OpenAPI document and its page at /docs (default: on, off with NODE_ENV=production)"),
  ),
  NODE_ENV: optionalText("production: API_DOCS defaults to off"),
  ADMIN_PASSWORD_HASH: optionalText("The operator console at /admin: an scrypt hash from npm run admin:hash"),
  ADMIN_SESSION_IDLE_MINUTES: int(30, 1, 1440, "A console session unused this long ends"),
  ADMIN_SESSION_MAX_HOURS: int(12, 1, 168, "A console session ends this long after sign-in"),
  // WeChat's figure for getsharedcode in older copies of its page: 10000 a day (docs/wechat-live.md)
  ADMIN_SHARECODE_DAILY_QUOTA: int(10_000, 1, 1_000_000, "getsharedcode calls the console may make per day"),
});
type ServerEnv = Static<typeof SERVER_ENV>;

/** Variables of the development commands (`npm start` demo mode, `npm run emulator`), not of the server. */
export const DEMO_ENV = Type.Object({
  EMULATOR_PORT: int(8788, 0, 65535, "Emulator port"),
  EMULATOR_HOST: text("127.0.0.1", "Emulator listen address"),
  START_SKIP_BUILD: Type.Optional(
    Type.Literal("1", { description: "npm start skips the mini-program build" }),
  ),
});

const checkEnv = TypeCompiler.Compile(SERVER_ENV);

export interface Config {
  host: string;
  port: number;
  /** The listen backlog: connections the kernel queues while the event loop is busy. */
  backlog: number;
  dataDir: string;
  /** Minimum age before the room list is refreshed from WeChat. */
  roomsRefreshSeconds: number;
  /** Minimum age before a room's replays are refreshed. */
  replaysRefreshSeconds: number;
  /**
   * getliveinfo calls allowed per day (list and replay share it). Default 100000, WeChat's current
   * figure for getLiveInfo (docs/wechat-live.md, "getliveinfo: fields, quota, errors"); lower it to
   * share an appid's budget or to cap use.
   */
  dailyQuota: number;
  /** Part of the daily quota kept back for replay calls. */
  replayReserve: number;
  wechatApiBase: string;
  wechatTimeoutMs: number;
  appId: string;
  appSecret: string;
  redisUrl?: string;
  hiddenRoomIds: number[];
  pinnedRoomIds: number[];
  rateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For is believed: none, a hop count, or their addresses/CIDRs. */
  trustProxy: false | number | string[];
  logLevel: string;
  /** When set, /metrics asks for `Authorization: Bearer <token>`; else it answers loopback clients only. */
  metricsToken?: string;
  /** When set, /metrics is served on 127.0.0.1:<port> instead of the API port. */
  metricsPort?: number;
  /** Redis command, connection and health-probe timeout. */
  redisTimeoutMs: number;
  /** How often a PING checks that Redis answers (and brings the store back up when it does). */
  redisProbeIntervalMs: number;
  /** SIGTERM/SIGINT: how long in-flight requests may take before the process exits anyway (code 1). */
  shutdownTimeoutMs: number;
  // --- live source (README "Choosing the live source") ---
  /** LIVE_PLUGIN=off: no 小程序直播 rooms, so no getliveinfo call and no quota spent. */
  livePlugin: boolean;
  /** CHANNELS_FINDER_IDS: the shop's 视频号 ids ("sph…"), in display order. */
  channelsFinderIds: string[];
  /** API_DOCS: serve the OpenAPI document and its browsable page at /docs. */
  apiDocs: boolean;
  /** The console under /admin; undefined (the console is off) when ADMIN_PASSWORD_HASH is unset. */
  admin?: AdminConfig;
}

// --- operator console (server/src/admin, README "Operator console") ---
export interface AdminConfig {
  /** ADMIN_PASSWORD_HASH, checked: scrypt with parameters no weaker than the floor (admin/password.ts). */
  passwordHash: PasswordHash;
  /** A session unused this long is over (ADMIN_SESSION_IDLE_MINUTES). */
  sessionIdleMs: number;
  /** A session is over this long after sign-in, however busy (ADMIN_SESSION_MAX_HOURS). */
  sessionMaxMs: number;
  /** getsharedcode calls the console may make per day (ADMIN_SHARECODE_DAILY_QUOTA). */
  shareCodeDailyQuota: number;
}

/** A configuration problem, reported as one line without a stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

/** An integer setting: digits only, then the range; the two one-line messages every integer gets. */
function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * The environment as SERVER_ENV types it: trimmed, empty values left out, integers decoded, defaults
 * filled in, then checked against the schema; the first problem is a ConfigError.
 */
function readEnv(env: Env): ServerEnv {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SERVER_ENV.properties) as [string, TSchema][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") {
      if (schema.default !== undefined) values[name] = schema.default;
    } else if (schema.type === "integer") {
      values[name] = integer(name, raw, schema.minimum, schema.maximum);
    } else {
      values[name] = name === "LOG_LEVEL" || schema.anyOf ? raw.toLowerCase() : raw;
    }
  }
  const problem = checkEnv.Errors(values).First();
  if (problem) {
    const name = problem.path.slice(1);
    const schema: TSchema = SERVER_ENV.properties[name as keyof ServerEnv];
    const given = String(values[name]);
    if (problem.type === ValueErrorType.StringMinLength)
      throw new ConfigError(`${name} must be at least ${schema.minLength} characters`);
    const options = (schema.anyOf as TSchema[] | undefined)?.map((s) => String(s.const));
    if (options?.length === 2)
      throw new ConfigError(`${name} must be ${options.join(" or ")}, got "${given}"`);
    if (options) throw new ConfigError(`${name} must be one of ${options.join(", ")}, got "${given}"`);
    throw new ConfigError(`${name}: ${problem.message}`);
  }
  return values as ServerEnv;
}

function idList(env: Env, name: string): number[] {
  const raw = env[name]?.trim() ?? "";
  if (raw === "") return [];
  return raw.split(",").map((part) => {
    const id = part.trim();
    if (!/^[1-9]\d{0,9}$/.test(id))
      throw new ConfigError(`${name} must be comma-separated room ids, got "${id}"`);
    return Number(id);
  });
}

const PROXY_RANGES = ["loopback", "linklocal", "uniquelocal"];

/** A proxy address: an IP, an IP/prefix CIDR, or one of proxy-addr's named ranges. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: off, a hop count, or trusted proxy addresses. `true` (trust every hop) is refused: the
 * leftmost X-Forwarded-For entry is whatever the client sent, so it could pick its own rate-limit key.
 */
function trustProxy(env: Env): false | number | string[] {
  const raw = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  if (raw === "" || raw === "false" || raw === "0") return false;
  if (raw === "true") {
    throw new ConfigError(
      "TRUST_PROXY=true would let clients pick their address with X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8,127.0.0.1)",
    );
  }
  if (/^\d+$/.test(raw)) return integer("TRUST_PROXY", raw, 1, 10);
  const entries = raw.split(",").map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count or comma-separated proxy addresses/CIDRs, got "${bad}"`,
    );
  }
  return entries;
}

/** True when the URL points at this machine (the emulator), where missing credentials are acceptable. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || (isIP(host) === 4 && host.startsWith("127."));
  } catch {
    return false;
  }
}

/** The credentials the emulator accepts by default (demo mode only; not a secret). */
export const DEMO_APPID = "wx00000000demo0000";
export const DEMO_APPSECRET = "emulator-demo-secret-0000000000";

// --- live source (README "Choosing the live source") ---

/** LIVE_PLUGIN: on (default) or off, the same values the build scripts take (scripts/lib/live-source.ts). */
export function livePluginSetting(env: Env): boolean {
  const raw = (env.LIVE_PLUGIN ?? "").trim().toLowerCase();
  if (raw === "" || raw === "on") return true;
  if (raw === "off") return false;
  throw new ConfigError(`LIVE_PLUGIN must be on or off, got "${env.LIVE_PLUGIN ?? ""}"`);
}

function finderIds(env: Env): string[] {
  try {
    return parseFinderIdList(env.CHANNELS_FINDER_IDS ?? "");
  } catch (err) {
    if (err instanceof FinderIdError) throw new ConfigError(`CHANNELS_FINDER_IDS: ${err.message}`);
    throw err;
  }
}

// --- operator console (server/src/admin, README "Operator console") ---

/** The console's settings, or undefined when ADMIN_PASSWORD_HASH is unset (the console is off). */
function adminConsole(vars: ServerEnv): AdminConfig | undefined {
  const raw = vars.ADMIN_PASSWORD_HASH;
  if (raw === undefined) return undefined;
  let passwordHash: PasswordHash;
  try {
    passwordHash = parsePasswordHash(raw);
  } catch (err) {
    if (err instanceof PasswordHashError) throw new ConfigError(`ADMIN_PASSWORD_HASH ${err.message}`);
    throw err;
  }
  return {
    passwordHash,
    sessionIdleMs: vars.ADMIN_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: vars.ADMIN_SESSION_MAX_HOURS * 3_600_000,
    shareCodeDailyQuota: vars.ADMIN_SHARECODE_DAILY_QUOTA,
  };
}

/** A URL ioredis can take, whose password (if any) app.ts can decode to register with the redactor. */
function isRedisUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    decodeURIComponent(parsed.password);
    return parsed.protocol === "redis:" || parsed.protocol === "rediss:";
  } catch {
    return false;
  }
}

/**
 * The credentials: both, or neither when WeChat is an emulator on loopback (demo credentials), or
 * neither when the live plugin is off (nothing then talks to WeChat, so the AppSecret need not be on
 * this server at all).
 */
function credentials(
  env: Env,
  wechatApiBase: string,
  livePlugin: boolean,
): { appId: string; appSecret: string } {
  const appId = env.WX_APPID?.trim() ?? "";
  const appSecret = env.WX_APPSECRET?.trim() ?? "";
  if (appId && appSecret) return { appId, appSecret };
  if (appId || appSecret) {
    const [set, missing] = appId ? ["WX_APPID", "WX_APPSECRET"] : ["WX_APPSECRET", "WX_APPID"];
    throw new ConfigError(`${set} is set but ${missing} is not: set both (or neither, for demo mode)`);
  }
  if (!livePlugin) return { appId: "", appSecret: "" };
  if (!isLoopbackUrl(wechatApiBase)) {
    throw new ConfigError(
      "WX_APPID and WX_APPSECRET are required (or point WECHAT_API_BASE at the emulator on 127.0.0.1)",
    );
  }
  return { appId: DEMO_APPID, appSecret: DEMO_APPSECRET };
}

function apiBase(env: Env): string {
  const base = (env.WECHAT_API_BASE?.trim() || "https://api.weixin.qq.com").replace(/\/+$/, "");
  let protocol: string;
  try {
    protocol = new URL(base).protocol;
  } catch {
    protocol = "";
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL, got "${base}"`);
  }
  // the AppSecret travels in the token request body: only loopback (the emulator) may be plain http
  if (protocol === "http:" && !isLoopbackUrl(base)) {
    throw new ConfigError(`WECHAT_API_BASE must be https unless it is loopback, got "${base}"`);
  }
  return base;
}

export function loadConfig(env: Env = process.env): Config {
  const livePlugin = livePluginSetting(env);
  const wechatApiBase = apiBase(env);
  const { appId, appSecret } = credentials(env, wechatApiBase, livePlugin);
  const vars = readEnv(env);
  const dailyQuota = vars.WX_DAILY_QUOTA;
  const replayReserve = vars.WX_REPLAY_RESERVE ?? Math.max(1, Math.ceil(dailyQuota / 10));
  if (replayReserve > dailyQuota - 1) {
    throw new ConfigError(`WX_REPLAY_RESERVE must be between 0 and ${dailyQuota - 1}, got ${replayReserve}`);
  }
  const redisUrl = vars.REDIS_URL;
  if (redisUrl && !isRedisUrl(redisUrl)) {
    throw new ConfigError("REDIS_URL must be a redis:// or rediss:// URL");
  }
  return {
    host: vars.HOST,
    port: vars.PORT,
    backlog: vars.BACKLOG,
    dataDir: vars.DATA_DIR,
    roomsRefreshSeconds: vars.ROOMS_REFRESH_SECONDS,
    replaysRefreshSeconds: vars.REPLAYS_REFRESH_SECONDS,
    dailyQuota,
    replayReserve,
    wechatApiBase,
    wechatTimeoutMs: vars.WECHAT_TIMEOUT_MS,
    appId,
    appSecret,
    redisUrl,
    hiddenRoomIds: idList(env, "ROOMS_HIDDEN"),
    pinnedRoomIds: idList(env, "ROOMS_PINNED"),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    trustProxy: trustProxy(env),
    logLevel: vars.LOG_LEVEL,
    metricsToken: vars.METRICS_TOKEN,
    metricsPort: vars.METRICS_PORT,
    redisTimeoutMs: vars.REDIS_TIMEOUT_MS,
    redisProbeIntervalMs: vars.REDIS_PROBE_INTERVAL_MS,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    livePlugin,
    channelsFinderIds: finderIds(env),
    apiDocs: (vars.API_DOCS ?? (vars.NODE_ENV === "production" ? "off" : "on")) === "on",
    admin: adminConsole(vars),
  };
}
