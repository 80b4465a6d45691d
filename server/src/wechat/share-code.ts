/**
 * A room's official share code through WeChat's `GET wxaapi/broadcast/room/getsharedcode` (parameters in
 * the query string: docs/wechat-live.md, "Share codes and article cards"), with the server's single-flight token service. Used
 * by the operator console and `npm run links --qr`. Neither the AppSecret nor an access_token ever
 * appears in a message: URLs are never put in errors, and every message passes through the Redactor.
 */
import type { Redactor } from "../log";
import { TOKEN_ERRCODES } from "./errors";
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
  apiBase: string;
  timeoutMs: number;
  redactor: Redactor;
  fetch?: typeof fetch;
}

/** GET with a timeout; a failure says what failed, never the URL (it may carry the token). */
export async function fetchQuietly(deps: ShareCodeDeps, url: string, what: string): Promise<Response> {
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

async function token(deps: ShareCodeDeps): Promise<string> {
  try {
    return await deps.tokens.get();
  } catch (err) {
    throw new ShareCodeError(
      deps.redactor.scrub(`could not get an access_token (${(err as Error).message})`),
    );
  }
}

/** getsharedcode for a room (`params`: custom_params, already encoded), refreshing a rejected token once. */
export async function fetchSharedCode(deps: ShareCodeDeps, roomId: number, params = ""): Promise<SharedCode> {
  for (let attempt = 0; ; attempt += 1) {
    const accessToken = await token(deps);
    let url =
      `${deps.apiBase}/wxaapi/broadcast/room/getsharedcode` +
      `?access_token=${encodeURIComponent(accessToken)}&roomId=${roomId}`;
    if (params !== "") url += `&params=${params}`;
    const res = await fetchQuietly(deps, url, "getsharedcode");
    if (res.status !== 200)
      throw new ShareCodeError(`getsharedcode: HTTP ${res.status}`, undefined, res.status);
    let body: Record<string, unknown>;
    try {
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      throw new ShareCodeError("getsharedcode: the answer is not JSON");
    }
    const errcode = typeof body.errcode === "number" ? body.errcode : 0;
    if (errcode !== 0) {
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        await deps.tokens.invalidate(accessToken);
        continue;
      }
      const hint = ERRCODE_HINTS[errcode] ?? deps.redactor.scrub(String(body.errmsg ?? ""));
      throw new ShareCodeError(`getsharedcode: errcode ${errcode} ${hint}`.trim(), errcode);
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
