/**
 * A typed GET over wx.request: timeout, ETag revalidation, and errors that say what went wrong.
 * Validation of the body is the caller's (core/contract.ts).
 */
import type { ErrorBody } from "../../typings/api";
import { apiBase } from "./config";

export type HttpErrorKind = "timeout" | "network" | "http" | "malformed";

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export type GetResult<T> = { status: 200; body: T; etag: string | null } | { status: 304 };

export interface GetOptions {
  query?: Record<string, string | number>;
  /** Sent as If-None-Match; a 304 answer means "what you have is still current". */
  etag?: string | null;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 8000;

function queryString(query: Record<string, string | number> | undefined): string {
  if (!query) return "";
  const parts = Object.keys(query).map(
    (k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`,
  );
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function headerValue(header: unknown, name: string): string | null {
  if (typeof header !== "object" || header === null) return null;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(header as Record<string, unknown>)) {
    if (key.toLowerCase() === wanted && typeof value === "string") return value;
  }
  return null;
}

function errorBody(data: unknown): ErrorBody["error"] | null {
  if (typeof data !== "object" || data === null) return null;
  const error = (data as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" && typeof message === "string" ? (error as ErrorBody["error"]) : null;
}

/** GET `path` on our backend. Resolves with the raw JSON body (unknown) or 304; rejects with HttpError. */
export function getJson(path: string, options: GetOptions = {}): Promise<GetResult<unknown>> {
  return new Promise((resolve, reject) => {
    const header: Record<string, string> = { Accept: "application/json" };
    if (options.etag) header["If-None-Match"] = options.etag;
    wx.request({
      url: `${apiBase()}${path}${queryString(options.query)}`,
      method: "GET",
      header,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      dataType: "其他",
      responseType: "text",
      success(res) {
        if (res.statusCode === 304) {
          resolve({ status: 304 });
          return;
        }
        let body: unknown;
        try {
          body = typeof res.data === "string" ? JSON.parse(res.data) : res.data;
        } catch {
          reject(
            new HttpError("malformed", `服务返回了无法识别的内容（HTTP ${res.statusCode}）`, res.statusCode),
          );
          return;
        }
        if (res.statusCode !== 200) {
          const err = errorBody(body);
          reject(
            new HttpError(
              "http",
              err?.message ?? `服务暂时不可用（HTTP ${res.statusCode}）`,
              res.statusCode,
              err?.code,
            ),
          );
          return;
        }
        resolve({ status: 200, body, etag: headerValue(res.header, "ETag") });
      },
      fail(err) {
        const timedOut = /timeout/i.test(err.errMsg);
        reject(
          new HttpError(
            timedOut ? "timeout" : "network",
            timedOut ? "网络超时，请稍后重试" : "网络不可用，请检查网络后重试",
          ),
        );
      },
    });
  });
}

/** What a page tells the shopper about a failed request: our backend's own words, else `fallback`. */
export function errorText(err: unknown, fallback: string): string {
  return err instanceof HttpError ? err.message : fallback;
}
