/** Server configuration: read from the environment and validated once at start-up. */

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
  trustProxy: boolean;
  logLevel: string;
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

function flag(env: Env, name: string): boolean {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** True when the URL points at this machine (the emulator), where missing credentials are acceptable. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}

/** getLiveInfo's daily quota on WeChat's current page ("调用额度：100000次/一天"); old text said 500. */
export const DEFAULT_DAILY_QUOTA = 100_000;

/** The credentials the emulator accepts by default (demo mode only; not a secret). */
export const DEMO_APPID = "wx00000000demo0000";
export const DEMO_APPSECRET = "emulator-demo-secret-0000000000";

export function loadConfig(env: Env = process.env): Config {
  const wechatApiBase = (env.WECHAT_API_BASE?.trim() || "https://api.weixin.qq.com").replace(/\/+$/, "");
  try {
    const parsed = new URL(wechatApiBase);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL, got "${wechatApiBase}"`);
  }
  let appId = env.WX_APPID?.trim() ?? "";
  let appSecret = env.WX_APPSECRET?.trim() ?? "";
  if (!appId || !appSecret) {
    if (!isLoopbackUrl(wechatApiBase)) {
      throw new ConfigError(
        "WX_APPID and WX_APPSECRET are required (or point WECHAT_API_BASE at the emulator on 127.0.0.1)",
      );
    }
    appId = appId || DEMO_APPID;
    appSecret = appSecret || DEMO_APPSECRET;
  }
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
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError("REDIS_URL must start with redis:// or rediss://");
  }
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
    trustProxy: flag(env, "TRUST_PROXY"),
    logLevel,
  };
}
