/**
 * Where the app finds our backend, per `envVersion`. No secret ever lives here: the backend holds the
 * AppSecret; the app only knows a public base URL.
 *
 * Shops: set RELEASE_API_BASE (and TRIAL_API_BASE if different) to your https domain, and add it to
 * 开发管理 › 服务器域名 › request合法域名 in the mini-program console.
 */
export type EnvVersion = "develop" | "trial" | "release";

export const DEVELOP_API_BASE = "http://127.0.0.1:8787";
export const TRIAL_API_BASE = "https://live-api.example.com";
export const RELEASE_API_BASE = "https://live-api.example.com";

const BASES: Record<EnvVersion, string> = {
  develop: DEVELOP_API_BASE,
  trial: TRIAL_API_BASE,
  release: RELEASE_API_BASE,
};

let memo: string | null = null;

/** Which build the phone runs: 开发版, 体验版 or 正式版. */
export function envVersion(): EnvVersion {
  try {
    const version = wx.getAccountInfoSync().miniProgram.envVersion;
    if (version === "trial" || version === "release") return version;
  } catch {
    // Older base libraries lack getAccountInfoSync; develop is the safe guess there.
  }
  return "develop";
}

/** Read lazily (never at import time) and memoised. */
export function apiBase(): string {
  if (memo) return memo;
  memo = BASES[envVersion()];
  return memo;
}
