/**
 * A room's official share code through WeChat's `GET wxaapi/broadcast/room/getsharedcode` (or the
 * emulator's copy), with the server's own config loading and single-flight token service. Neither the
 * AppSecret nor an access_token ever appears in a message: URLs are never put in errors, and every
 * message passes through the server's Redactor.
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { loadConfig, type Config } from "../../server/src/config";
import { Redactor, createLogger } from "../../server/src/log";
import { Metrics } from "../../server/src/metrics";
import { MemoryStore } from "../../server/src/store/memory-store";
import { TOKEN_ERRCODES } from "../../server/src/wechat/errors";
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

/** errcodes of getsharedcode worth explaining (live-plugin.md §5.1). */
const ERRCODE_HINTS: Record<number, string> = {
  300022: "此房间号不存在 (no such room)",
  48001: "api unauthorized: the live feature is not enabled for this mini-program",
};

export interface ShareCodeClientOptions {
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

export class ShareCodeClient {
  private readonly config: Config;
  private readonly redactor = new Redactor();
  private readonly tokens: TokenService;
  private readonly fetch: typeof fetch;

  constructor(options: ShareCodeClientOptions = {}) {
    // Throws ConfigError (a one-line message) when credentials are missing for the real API.
    this.config = loadConfig(options.env ?? process.env);
    this.fetch = options.fetch ?? fetch;
    this.redactor.add(this.config.appSecret);
    const metrics = new Metrics();
    const log = createLogger({ level: "silent", redactor: this.redactor });
    this.tokens = new TokenService({
      http: new WechatHttp({
        baseUrl: this.config.wechatApiBase,
        timeoutMs: this.config.wechatTimeoutMs,
        metrics,
        redactor: this.redactor,
      }),
      store: new MemoryStore(),
      appId: this.config.appId,
      appSecret: this.config.appSecret,
      now: Date.now,
      metrics,
      redactor: this.redactor,
      log,
      lockWaitMs: this.config.wechatTimeoutMs * 2,
    });
  }

  /** Where the credentials point (safe to print: no secret in it). */
  get apiBase(): string {
    return this.config.wechatApiBase;
  }

  private safe(message: string): string {
    return this.redactor.scrub(message);
  }

  private async token(): Promise<string> {
    try {
      const token = await this.tokens.get();
      this.redactor.add(token);
      return token;
    } catch (err) {
      throw new ShareCodeError(this.safe(`could not get an access_token (${(err as Error).message})`));
    }
  }

  private async get(url: string, what: string): Promise<Response> {
    try {
      return await this.fetch(url, { signal: AbortSignal.timeout(this.config.wechatTimeoutMs) });
    } catch (err) {
      // fetch errors can carry the URL (and with it the token): say only what failed
      const name = (err as Error).name;
      throw new ShareCodeError(
        name === "TimeoutError" || name === "AbortError"
          ? `${what}: no answer within ${this.config.wechatTimeoutMs} ms`
          : `${what}: connection failed`,
      );
    }
  }

  /** getsharedcode for a room, refreshing the token once if WeChat rejects it. */
  async sharedCode(roomId: number, customParams: CustomParams | null): Promise<SharedCode> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.token();
      let url =
        `${this.config.wechatApiBase}/wxaapi/broadcast/room/getsharedcode` +
        `?access_token=${encodeURIComponent(token)}&roomId=${roomId}`;
      if (customParams && Object.keys(customParams).length > 0)
        url += `&params=${encodeCustomParams(customParams)}`;
      const res = await this.get(url, "getsharedcode");
      if (res.status !== 200) throw new ShareCodeError(`getsharedcode: HTTP ${res.status}`);
      let body: Record<string, unknown>;
      try {
        body = (await res.json()) as Record<string, unknown>;
      } catch {
        throw new ShareCodeError("getsharedcode: the answer is not JSON");
      }
      const errcode = typeof body.errcode === "number" ? body.errcode : 0;
      if (errcode !== 0) {
        if (TOKEN_ERRCODES.has(errcode) && attempt === 0) {
          await this.tokens.invalidate(token);
          continue;
        }
        const hint = ERRCODE_HINTS[errcode] ?? this.safe(String(body.errmsg ?? ""));
        throw new ShareCodeError(`getsharedcode: errcode ${errcode} ${hint}`.trim());
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

  /** Downloads the share code image into `dir` as room-<id>.png (or .jpg); returns the file path. */
  async save(roomId: number, code: SharedCode, dir: string): Promise<string> {
    const res = await this.get(code.cdnUrl, "share code image");
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
