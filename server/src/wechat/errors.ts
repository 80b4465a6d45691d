/** The WeChat APIs we call, used in errors, metrics and logs (never the URL: it carries the token). */
export type WechatApi = "stable_token" | "getliveinfo" | "get_replay" | "getsharedcode";

/** A call that did not produce a usable WeChat answer. `reason` is a short metric label. */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(
    readonly api: WechatApi,
    readonly reason: string,
    message: string,
  ) {
    super(`${api}: ${message}`);
  }
}

/** WeChat answered with a non-zero errcode. */
export class WechatApiError extends UpstreamError {
  override name = "WechatApiError";
  constructor(
    api: WechatApi,
    readonly errcode: number,
    errmsg: string,
  ) {
    super(api, String(errcode), `errcode ${errcode} ${errmsg}`.trim());
  }
}

/** The daily budget is spent (by our governor or WeChat's 45009): serve the last good copy. */
export class QuotaExhaustedError extends UpstreamError {
  override name = "QuotaExhaustedError";
  constructor(api: WechatApi) {
    super(api, "quota", "daily quota exhausted");
  }
}

/** errcodes that mean "this access_token is not good": refresh once and retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 41001, 42001]);
/** errcodes that mean "no rooms" / "past the end" (9410000; 1 in the seed document). */
export const EMPTY_LIST_ERRCODES: ReadonlySet<number> = new Set([9410000, 1]);
export const QUOTA_ERRCODE = 45009;

/** 48001 "api unauthorized" from a live API: the appid has no live permission (docs/wechat-live.md). */
export const NO_LIVE_PERMISSION_ERRCODE = 48001;
/** The failure reason (metrics label, /healthz) for 48001 on a live API. */
export const NO_LIVE_PERMISSION = "no_live_permission";
/** What the operator reads in the log and in /healthz when WeChat answers 48001. */
export const NO_LIVE_PERMISSION_TEXT =
  "this appid has no live permission: WeChat answers the live APIs with errcode 48001 (api unauthorized). " +
  "小程序直播 is not enabled for this mini-program, or it was withdrawn; enable it in the mini-program " +
  "admin and the next refresh recovers. Until then shoppers get the last good copy, if there is one.";

/**
 * Why a refresh failed, in the terms the cache keeps (cache/shared-entry.ts `describeFailure`): a short
 * reason for the metric label and /healthz; 48001 is `reported`, since the client says it once in words.
 */
export function describeWechatFailure(err: unknown): { reason: string; reported: boolean } {
  if (err instanceof WechatApiError && err.errcode === NO_LIVE_PERMISSION_ERRCODE)
    return { reason: NO_LIVE_PERMISSION, reported: true };
  return { reason: err instanceof UpstreamError ? `${err.api} ${err.reason}` : "internal", reported: false };
}
