/**
 * Where the app finds our backend, per `envVersion`. No secret ever lives here: the backend holds the
 * AppSecret; the app only knows a public base URL.
 *
 * Shops: set RELEASE_API_BASE (and TRIAL_API_BASE if different) to your https domain, and add it to
 * 开发管理 › 服务器域名 › request合法域名 in the mini-program console.
 */
type EnvVersion = "develop" | "trial" | "release";

export const DEVELOP_API_BASE = "http://127.0.0.1:8787";
export const TRIAL_API_BASE = "https://live-api.example.com";
export const RELEASE_API_BASE = "https://live-api.example.com";

const BASES: Record<EnvVersion, string> = {
  develop: DEVELOP_API_BASE,
  trial: TRIAL_API_BASE,
  release: RELEASE_API_BASE,
};

let memo: string | null = null;

/** Read lazily (never at import time) and memoised. */
export function apiBase(): string {
  if (memo) return memo;
  let env: EnvVersion = "develop";
  try {
    const version = wx.getAccountInfoSync().miniProgram.envVersion;
    if (version === "trial" || version === "release") env = version;
  } catch {
    // Older base libraries lack getAccountInfoSync; develop is the safe guess there.
  }
  memo = BASES[env];
  return memo;
}
