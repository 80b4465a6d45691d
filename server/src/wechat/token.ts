import type { Logger } from "pino";
import type { Redactor } from "../log";
import type { Metrics } from "../metrics";
import type { Check, Store } from "../store/store";
import { isFiniteNumber, isRecord } from "../cache/checks";
import { CLOCK_SKEW_MS, waitForLockHolder } from "../store/lock-wait";
import { TOKEN_ERRCODES, UpstreamError, WechatApiError } from "./errors";
import type { WechatHttp } from "./http";

interface StoredToken {
  accessToken: string;
  /** When we stop using it (server clock, ms): expires_in − 300 s after it was fetched. */
  usableUntil: number;
}

export interface TokenServiceOptions {
  http: WechatHttp;
  store: Store;
  appId: string;
  appSecret: string;
  now: () => number;
  metrics: Metrics;
  redactor: Redactor;
  log: Logger;
  /** How long another instance may hold the refresh lock before we fetch ourselves. */
  lockWaitMs: number;
}

const TOKEN_KEY = "token";
const LOCK_KEY = "lock:token";
const EARLY_REFRESH_S = 300;
/** WeChat's tokens live 7,200 s at most (docs/deploy.md); a stored one said to last longer was not ours. */
const MAX_LIFE_MS = 7_200_000 + CLOCK_SKEW_MS;

/**
 * access_token from cgi-bin/stable_token, shared through the store and single-flight: any number of
 * concurrent callers (in this process, or instances sharing Redis) cause one token request.
 */
export class TokenService {
  private local?: StoredToken;
  private inflight?: Promise<string>;

  private readonly isToken: Check<StoredToken>;

  constructor(private readonly o: TokenServiceOptions) {
    o.redactor.add(o.appSecret);
    this.isToken = (v): v is StoredToken =>
      isRecord(v) &&
      typeof v.accessToken === "string" &&
      v.accessToken !== "" &&
      isFiniteNumber(v.usableUntil) &&
      v.usableUntil <= o.now() + MAX_LIFE_MS;
  }

  private usable(token: StoredToken | undefined): token is StoredToken {
    return token !== undefined && token.usableUntil > this.o.now();
  }

  async get(): Promise<string> {
    if (this.usable(this.local)) return this.local.accessToken;
    this.inflight ??= this.obtain().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /**
   * Runs a WeChat call with the access_token; when WeChat rejects the token (40001/41001/42001) it is
   * dropped, a fresh one fetched, and the call retried once.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WechatApiError && TOKEN_ERRCODES.has(err.errcode))) throw err;
      await this.invalidate(token);
      return call(await this.get());
    }
  }

  /** Drops a token WeChat rejected (40001/41001/42001) so the next get() fetches a fresh one. */
  async invalidate(rejected: string): Promise<void> {
    if (this.local?.accessToken === rejected) this.local = undefined;
    const shared = await this.o.store.get(TOKEN_KEY, this.isToken);
    if (shared?.accessToken === rejected) await this.o.store.del(TOKEN_KEY);
  }

  private adopt(token: StoredToken): string {
    this.o.redactor.addRotating(token.accessToken);
    this.local = token;
    return token.accessToken;
  }

  private async obtain(): Promise<string> {
    const { store, lockWaitMs } = this.o;
    const shared = await store.get(TOKEN_KEY, this.isToken);
    if (this.usable(shared)) return this.adopt(shared);
    const lock = await store.tryLock(LOCK_KEY, lockWaitMs);
    if (!lock) {
      // another instance is fetching: wait for its token rather than invalidating it with ours
      const fresh = await waitForLockHolder(lockWaitMs, async () => {
        const token = await store.get(TOKEN_KEY, this.isToken);
        return this.usable(token) ? token : undefined;
      });
      return fresh ? this.adopt(fresh) : this.fetchAndShare();
    }
    try {
      const again = await store.get(TOKEN_KEY, this.isToken);
      if (this.usable(again)) return this.adopt(again);
      return await this.fetchAndShare();
    } finally {
      await store.unlock(LOCK_KEY, lock);
    }
  }

  private async fetchAndShare(): Promise<string> {
    const { http, appId, appSecret, now, metrics, log, store } = this.o;
    metrics.tokenRefreshed();
    const body = await http.post(
      "stable_token",
      "/cgi-bin/stable_token",
      {},
      { grant_type: "client_credential", appid: appId, secret: appSecret, force_refresh: false },
    );
    const accessToken = body.access_token;
    const expiresIn = body.expires_in;
    if (typeof accessToken !== "string" || accessToken === "" || typeof expiresIn !== "number") {
      throw new UpstreamError("stable_token", "bad_json", "answer lacks access_token or expires_in");
    }
    // refresh ahead of expiry; tokens shorter than the margin are used for half their life
    const lifeS = expiresIn > EARLY_REFRESH_S * 2 ? expiresIn - EARLY_REFRESH_S : expiresIn / 2;
    const token: StoredToken = { accessToken, usableUntil: now() + lifeS * 1000 };
    await store.set(TOKEN_KEY, token, lifeS * 1000);
    log.info({ expiresIn }, "access_token refreshed");
    return this.adopt(token);
  }
}
