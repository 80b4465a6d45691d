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
 * POSTs JSON to WeChat with a timeout and turns every failure into an UpstreamError that names the
 * api but never the URL (it carries `access_token`), and counts the call by api and errcode.
 */
export class WechatHttp {
  constructor(private readonly options: WechatHttpOptions) {}

  async post(
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
    const url = new URL(this.options.baseUrl + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const { timeoutMs } = this.options;
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
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
