/**
 * A room's official share code through WeChat's `GET wxaapi/broadcast/room/getsharedcode` (parameters in
 * the query string: docs/wechat-live.md, "Share codes and article cards"), over the server's WeChat
 * transport (`WechatHttp`: timeout, errors that never carry the URL, redaction, metrics) and token service
 * (single-flight; a rejected token is dropped, a fresh one fetched and the call retried once). Used by the
 * operator console and `npm run links --qr`. Neither the AppSecret nor an access_token ever appears in a
 * message.
 */
import type { Redactor } from "../log";
import { UpstreamError, WechatApiError } from "./errors";
import type { WechatBody, WechatHttp } from "./http";
import type { TokenService } from "./token";
export interface SharedCode {
  /** The code image (WeChat's CDN). */
  cdnUrl: string;
  pagePath: string;
  posterUrl?: string;
}

/** A share code that could not be fetched; the message is safe to print or show. */
export class ShareCodeError extends Error {
  override name = "ShareCodeError";
  constructor(
    message: string,
    /** WeChat's errcode, when WeChat answered with one. */
    readonly errcode?: number,
    /** The HTTP status of an answer that was not 200. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** errcodes of getsharedcode worth explaining (docs/wechat-live.md, "Share codes and article cards"). */
const ERRCODE_HINTS: Record<number, string> = {
  300022: "此房间号不存在 (no such room)",
  48001: "api unauthorized: the live feature is not enabled for this mini-program",
};

export interface ShareCodeDeps {
  tokens: TokenService;
  /** The transport getsharedcode goes through (the image download is a plain CDN fetch). */
  http: WechatHttp;
  timeoutMs: number;
  redactor: Redactor;
  /** For the CDN image download; the global fetch by default. */
  fetch?: typeof fetch;
}

const SHARED_CODE_PATH = "/wxaapi/broadcast/room/getsharedcode";

/** GET with a timeout; a failure says what failed, never the URL (it may carry the token). */
async function fetchQuietly(deps: ShareCodeDeps, url: string, what: string): Promise<Response> {
  try {
    return await (deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(deps.timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    throw new ShareCodeError(
      name === "TimeoutError" || name === "AbortError"
        ? `${what}: no answer within ${deps.timeoutMs} ms`
        : `${what}: connection failed`,
    );
  }
}

/** WeChat's failure, as a ShareCodeError that says what went wrong in words (and keeps the errcode). */
function explained(err: unknown): unknown {
  if (err instanceof WechatApiError && err.api === "getsharedcode") {
    const hint = ERRCODE_HINTS[err.errcode];
    return new ShareCodeError(
      hint ? `getsharedcode: errcode ${err.errcode} ${hint}` : err.message,
      err.errcode,
    );
  }
  if (err instanceof WechatApiError) {
    // the token endpoint's own errcode, or a token rejected again after the one retry
    return new ShareCodeError(`could not get an access_token (${err.message})`, err.errcode);
  }
  if (err instanceof UpstreamError && err.api === "stable_token") {
    return new ShareCodeError(`could not get an access_token (${err.message})`);
  }
  if (err instanceof UpstreamError) return new ShareCodeError(err.message);
  return err;
}

/** getsharedcode for a room (`params`: custom_params, already encoded), refreshing a rejected token once. */
export async function fetchSharedCode(deps: ShareCodeDeps, roomId: number, params = ""): Promise<SharedCode> {
  const query: Record<string, string> = { roomId: String(roomId) };
  // WechatHttp percent-encodes each value once; `params` arrives encoded already
  if (params !== "") query.params = decodeURIComponent(params);
  let body: WechatBody;
  try {
    body = await deps.tokens.withToken((token) =>
      deps.http.get("getsharedcode", SHARED_CODE_PATH, { access_token: token, ...query }),
    );
  } catch (err) {
    throw explained(err);
  }
  if (typeof body.cdnUrl !== "string" || typeof body.pagePath !== "string") {
    throw new ShareCodeError("getsharedcode: the answer lacks cdnUrl or pagePath");
  }
  return {
    cdnUrl: body.cdnUrl,
    pagePath: body.pagePath,
    ...(typeof body.posterUrl === "string" ? { posterUrl: body.posterUrl } : {}),
  };
}

export interface CodeImage {
  bytes: Buffer;
  /** image/png or image/jpeg */
  type: string;
}

/** The largest code image taken (WeChat's are tens of KB). */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Downloads the code image from `cdnUrl`; anything that is not a PNG or JPEG is refused. */
export async function downloadCodeImage(deps: ShareCodeDeps, cdnUrl: string): Promise<CodeImage> {
  const res = await fetchQuietly(deps, cdnUrl, "share code image");
  if (res.status !== 200)
    throw new ShareCodeError(`share code image: HTTP ${res.status}`, undefined, res.status);
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "image/png" && type !== "image/jpeg") {
    throw new ShareCodeError(`share code image: not an image (${type || "no type"})`);
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw new ShareCodeError("share code image: larger than 2 MB");
  return { bytes, type };
}
