/**
 * WeChat's transport and the access_token service over it, built one way for every caller: the
 * server's services (services.ts) and `npm run links --qr` (scripts/lib/share-code.ts), which brings a
 * store of its own.
 */
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Redactor } from "../log";
import type { Metrics } from "../metrics";
import type { Store } from "../store/store";
import { WechatHttp } from "./http";
import { TokenService } from "./token";

/** What the WeChat transport and the token service take besides the configuration. */
export interface WechatAccessOptions {
  store: Store;
  now: () => number;
  metrics: Metrics;
  redactor: Redactor;
  log: Logger;
  /** How long to wait for another holder of the token lock. */
  lockWaitMs: number;
}

export function wechatAccess(
  config: Config,
  o: WechatAccessOptions,
): { http: WechatHttp; tokens: TokenService } {
  const { metrics, redactor } = o;
  const http = new WechatHttp({
    baseUrl: config.wechatApiBase,
    timeoutMs: config.wechatTimeoutMs,
    metrics,
    redactor,
  });
  const tokens = new TokenService({ ...o, http, appId: config.appId, appSecret: config.appSecret });
  return { http, tokens };
}
