/** Server configuration: read from the environment and validated once at start-up. */
import { FinderIdError, parseFinderIdList } from "./channels/finder-ids";

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Minimum age before the room list is refreshed from WeChat. */
  roomsRefreshSeconds: number;
  /** Minimum age before a room's replays are refreshed. */
  replaysRefreshSeconds: number;
  /** getliveinfo calls allowed per day (list and replay share it). */
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
  // --- live source (README "Choosing the live source") ---
  /** LIVE_PLUGIN=off: no 小程序直播 rooms, so no getliveinfo call and no quota spent. */
  livePlugin: boolean;
  /** CHANNELS_FINDER_IDS: the shop's 视频号 ids ("sph…"), in display order. */
  channelsFinderIds: string[];
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

export function loadConfig(env: Env = process.env): Config {
  const livePlugin = livePluginSetting(env);
  const wechatApiBase = (env.WECHAT_API_BASE?.trim() || "https://api.weixin.qq.com").replace(/\/+$/, "");
  try {
    const parsed = new URL(wechatApiBase);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw new ConfigError(`WECHAT_API_BASE must be an http(s) URL, got "${wechatApiBase}"`);
  }
  let appId = env.WX_APPID?.trim() ?? "";
  let appSecret = env.WX_APPSECRET?.trim() ?? "";
  // with the plugin off nothing talks to WeChat, so the AppSecret need not be on this server at all
  if ((!appId || !appSecret) && livePlugin) {
    if (!isLoopbackUrl(wechatApiBase)) {
      throw new ConfigError(
        "WX_APPID and WX_APPSECRET are required (or point WECHAT_API_BASE at the emulator on 127.0.0.1)",
      );
    }
    appId = appId || DEMO_APPID;
    appSecret = appSecret || DEMO_APPSECRET;
  }
  const dailyQuota = intVar(env, "WX_DAILY_QUOTA", 500, 1, 10_000_000);
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
    livePlugin,
    channelsFinderIds: finderIds(env),
  };
}
