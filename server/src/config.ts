/** Server configuration: read from the environment and validated once at start-up. */
import { isIP } from "node:net";
import { FinderIdError, parseFinderIdList } from "./channels/finder-ids";
import { PasswordHashError, parsePasswordHash } from "./admin/password";
import type { PasswordHash } from "./admin/password";

export interface Config {
  host: string;
  port: number;
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
  // --- operator console (server/src/admin, README "Operator console") ---
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

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
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
  if (/^\d+$/.test(raw)) return intVar(env, "TRUST_PROXY", 0, 1, 10);
  const entries = raw.split(",").map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count or comma-separated proxy addresses/CIDRs, got "${bad}"`,
    );
  }
  return entries;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** True when the URL points at this machine (the emulator), where missing credentials are acceptable. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || (isIP(host) === 4 && host.startsWith("127."));
  } catch {
    return false;
  }
}

/** getLiveInfo's daily quota on WeChat's current page ("调用额度：100000次/一天"); old text said 500. */
export const DEFAULT_DAILY_QUOTA = 100_000;

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
function adminConsole(env: Env): AdminConfig | undefined {
  const raw = env.ADMIN_PASSWORD_HASH?.trim() ?? "";
  if (raw === "") return undefined;
  let passwordHash: PasswordHash;
  try {
    passwordHash = parsePasswordHash(raw);
  } catch (err) {
    if (err instanceof PasswordHashError) throw new ConfigError(`ADMIN_PASSWORD_HASH ${err.message}`);
    throw err;
  }
  return {
    passwordHash,
    sessionIdleMs: intVar(env, "ADMIN_SESSION_IDLE_MINUTES", 30, 1, 1440) * 60_000,
    sessionMaxMs: intVar(env, "ADMIN_SESSION_MAX_HOURS", 12, 1, 168) * 3_600_000,
    // WeChat's figure for getsharedcode in older copies of its page: 10000 a day (docs/wechat-live.md)
    shareCodeDailyQuota: intVar(env, "ADMIN_SHARECODE_DAILY_QUOTA", 10_000, 1, 1_000_000),
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
  const dailyQuota = intVar(env, "WX_DAILY_QUOTA", DEFAULT_DAILY_QUOTA, 1, 10_000_000);
  const replayReserve = intVar(
    env,
    "WX_REPLAY_RESERVE",
    Math.max(1, Math.ceil(dailyQuota / 10)),
    0,
    dailyQuota - 1,
  );
  const logLevel = (env.LOG_LEVEL?.trim() || "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !isRedisUrl(redisUrl)) {
    throw new ConfigError("REDIS_URL must be a redis:// or rediss:// URL");
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError("METRICS_TOKEN must be at least 16 characters");
  }
  const metricsPort = env.METRICS_PORT?.trim() ? intVar(env, "METRICS_PORT", 0, 0, 65535) : undefined;
  return {
    host: env.HOST?.trim() || "127.0.0.1",
    port: intVar(env, "PORT", 8787, 0, 65535),
    dataDir: env.DATA_DIR?.trim() || "./.data",
    roomsRefreshSeconds: intVar(env, "ROOMS_REFRESH_SECONDS", 60, 1, 86_400),
    replaysRefreshSeconds: intVar(env, "REPLAYS_REFRESH_SECONDS", 600, 1, 86_400),
    dailyQuota,
    replayReserve,
    wechatApiBase,
    wechatTimeoutMs: intVar(env, "WECHAT_TIMEOUT_MS", 5000, 50, 120_000),
    appId,
    appSecret,
    redisUrl,
    hiddenRoomIds: idList(env, "ROOMS_HIDDEN"),
    pinnedRoomIds: idList(env, "ROOMS_PINNED"),
    rateLimitPerMinute: intVar(env, "RATE_LIMIT_PER_MINUTE", 300, 1, 1_000_000),
    trustProxy: trustProxy(env),
    logLevel,
    metricsToken,
    metricsPort,
    redisTimeoutMs: intVar(env, "REDIS_TIMEOUT_MS", 1000, 50, 60_000),
    redisProbeIntervalMs: intVar(env, "REDIS_PROBE_INTERVAL_MS", 1000, 50, 60_000),
    shutdownTimeoutMs: intVar(env, "SHUTDOWN_TIMEOUT_MS", 8000, 100, 600_000),
    livePlugin,
    channelsFinderIds: finderIds(env),
    admin: adminConsole(env),
  };
}
