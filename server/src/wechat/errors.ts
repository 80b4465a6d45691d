/** The WeChat APIs we call, used in errors, metrics and logs (never the URL: it carries the token). */
export type WechatApi = "stable_token" | "getliveinfo" | "get_replay";

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
