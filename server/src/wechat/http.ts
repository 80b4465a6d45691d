import type { Redactor } from "../log";
import type { Metrics } from "../metrics";
import { UpstreamError, WechatApiError } from "./errors";
import type { WechatApi } from "./errors";

export interface WechatHttpOptions {
  baseUrl: string;
  timeoutMs: number;
  metrics: Metrics;
  redactor: Redactor;
}

/** A WeChat JSON body: errcode is absent or 0 on success. */
export interface WechatBody {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/**
 * Calls WeChat (a JSON POST, or a GET) with a timeout and turns every failure into an UpstreamError
 * that names the api but never the URL (it carries `access_token`), and counts the call by api and
 * errcode. The server and the tooling (`npm run links -- --qr`) share it.
 */
export class WechatHttp {
  constructor(private readonly options: WechatHttpOptions) {}

  post(api: WechatApi, path: string, query: Record<string, string>, body: unknown): Promise<WechatBody> {
    return this.call(api, path, query, body);
  }

  get(api: WechatApi, path: string, query: Record<string, string>): Promise<WechatBody> {
    return this.call(api, path, query, undefined);
  }

  private async call(
    api: WechatApi,
    path: string,
    query: Record<string, string>,
    body: unknown,
  ): Promise<WechatBody> {
    try {
      const result = await this.send(api, path, query, body);
      this.options.metrics.upstreamCall(api, String(result.errcode ?? 0));
      if (result.errcode) {
        throw new WechatApiError(
          api,
          result.errcode,
          this.options.redactor.scrub(String(result.errmsg ?? "")),
        );
      }
      return result;
    } catch (err) {
      if (err instanceof UpstreamError && !(err instanceof WechatApiError)) {
        this.options.metrics.upstreamCall(api, err.reason);
      }
      throw err;
    }
  }

  private async send(
    api: WechatApi,
    path: string,
    query: Record<string, string>,
    body: unknown,
  ): Promise<WechatBody> {
    // each value percent-encoded once, as WeChat's pages ask (encodeURIComponent)
    const search = Object.entries(query)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join("&");
    const url = `${this.options.baseUrl}${path}${search ? `?${search}` : ""}`;
    const { timeoutMs } = this.options;
    let text: string;
    let status: number;
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const res = await fetch(
        url,
        body === undefined
          ? { signal }
          : {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body),
              signal,
            },
      );
      status = res.status;
      text = await res.text();
    } catch (err) {
      // fetch errors are rebuilt from scratch: their causes can carry the request URL
      const name = (err as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new UpstreamError(api, "timeout", `no answer within ${timeoutMs} ms`);
      }
      throw new UpstreamError(api, "network", "connection failed");
    }
    if (status !== 200) throw new UpstreamError(api, `http_${status}`, `HTTP ${status}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UpstreamError(api, "bad_json", "answer is not valid JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new UpstreamError(api, "bad_json", "answer is not a JSON object");
    }
    const result = parsed as WechatBody;
    if (result.errcode !== undefined && typeof result.errcode !== "number") {
      throw new UpstreamError(api, "bad_json", "errcode is not a number");
    }
    return result;
  }
}
