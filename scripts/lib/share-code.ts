/**
 * A room's official share code through WeChat's `GET wxaapi/broadcast/room/getsharedcode` (or the
 * emulator's copy), with the server's own configuration, WeChat transport (`WechatHttp`: timeout, typed
 * errors that never carry the URL, redaction) and token service (single-flight, a rejected token
 * refreshed once and the call retried). Neither the AppSecret nor an access_token ever appears in a
 * message. WeChat's facts: docs/wechat-live.md, "Share codes (getsharedcode)".
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { loadConfig, type Config } from "../../server/src/config";
import { Redactor, createLogger } from "../../server/src/log";
import { Metrics } from "../../server/src/metrics";
import { MemoryStore } from "../../server/src/store/memory-store";
import { UpstreamError, WechatApiError } from "../../server/src/wechat/errors";
import { WechatHttp } from "../../server/src/wechat/http";
import { TokenService } from "../../server/src/wechat/token";
import { encodeCustomParams, type CustomParams } from "../../miniprogram/core/plugin-urls";

export interface SharedCode {
  cdnUrl: string;
  pagePath: string;
  posterUrl?: string;
}

/** A share code that could not be fetched or saved; the message is safe to print. */
export class ShareCodeError extends Error {
  override name = "ShareCodeError";
}

/** errcodes of getsharedcode worth explaining (docs/wechat-live.md, "Share codes (getsharedcode)"). */
const ERRCODE_HINTS: Record<number, string> = {
  300022: "此房间号不存在 (no such room)",
  48001: "api unauthorized: the live feature is not enabled for this mini-program",
};

const SHARED_CODE_PATH = "/wxaapi/broadcast/room/getsharedcode";

export interface ShareCodeClientOptions {
  env?: Record<string, string | undefined>;
}

export class ShareCodeClient {
  private readonly config: Config;
  private readonly http: WechatHttp;
  private readonly tokens: TokenService;

  constructor(options: ShareCodeClientOptions = {}) {
    // Throws ConfigError (a one-line message) when credentials are missing for the real API.
    this.config = loadConfig(options.env ?? process.env);
    const redactor = new Redactor();
    const metrics = new Metrics();
    this.http = new WechatHttp({
      baseUrl: this.config.wechatApiBase,
      timeoutMs: this.config.wechatTimeoutMs,
      metrics,
      redactor,
    });
    this.tokens = new TokenService({
      http: this.http,
      store: new MemoryStore(),
      appId: this.config.appId,
      appSecret: this.config.appSecret,
      now: Date.now,
      metrics,
      redactor,
      log: createLogger({ level: "silent", redactor }),
      lockWaitMs: this.config.wechatTimeoutMs * 2,
    });
  }

  /** Where the credentials point (safe to print: no secret in it). */
  get apiBase(): string {
    return this.config.wechatApiBase;
  }

  /** getsharedcode for a room; WeChat's errors become ShareCodeErrors that say what went wrong. */
  async sharedCode(roomId: number, customParams: CustomParams | null): Promise<SharedCode> {
    const query: Record<string, string> = { roomId: String(roomId) };
    // WechatHttp encodes each value once; encodeCustomParams also enforces the plugin's length limit
    if (customParams && Object.keys(customParams).length > 0)
      query.params = decodeURIComponent(encodeCustomParams(customParams));
    let body: Record<string, unknown>;
    try {
      body = await this.tokens.withToken((token) =>
        this.http.get("getsharedcode", SHARED_CODE_PATH, { access_token: token, ...query }),
      );
    } catch (err) {
      if (err instanceof WechatApiError && err.api === "getsharedcode") {
        const hint = ERRCODE_HINTS[err.errcode];
        throw new ShareCodeError(hint ? `getsharedcode: errcode ${err.errcode} ${hint}` : err.message);
      }
      if (err instanceof UpstreamError && err.api === "stable_token")
        throw new ShareCodeError(`could not get an access_token (${err.message})`);
      if (err instanceof UpstreamError) throw new ShareCodeError(err.message);
      throw err;
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

  /** Downloads the share code image into `dir` as room-<id>.png (or .jpg); returns the file path. */
  async save(roomId: number, code: SharedCode, dir: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(code.cdnUrl, { signal: AbortSignal.timeout(this.config.wechatTimeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      throw new ShareCodeError(
        name === "TimeoutError" || name === "AbortError"
          ? `share code image: no answer within ${this.config.wechatTimeoutMs} ms`
          : "share code image: connection failed",
      );
    }
    if (res.status !== 200) throw new ShareCodeError(`share code image: HTTP ${res.status}`);
    const type = res.headers.get("content-type") ?? "";
    if (!type.startsWith("image/"))
      throw new ShareCodeError(`share code image: not an image (${type || "no type"})`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const file = path.join(dir, `room-${roomId}${type.includes("jpeg") ? ".jpg" : ".png"}`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, bytes);
    } catch (err) {
      throw new ShareCodeError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    }
    return file;
  }
}
