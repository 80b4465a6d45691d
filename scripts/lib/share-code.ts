/**
 * `npm run links --qr`: a room's official share code through the server's getsharedcode client
 * (server/src/wechat/share-code.ts: the server's WeChat transport and token retry), with this command's
 * own configuration loading, saved as an image.
 * Neither the AppSecret nor an access_token ever appears in a message.
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { loadConfig, type Config } from "../../server/src/config";
import { Redactor, createLogger } from "../../server/src/log";
import { Metrics } from "../../server/src/metrics";
import { MemoryStore } from "../../server/src/store/memory-store";
import {
  ShareCodeError,
  downloadCodeImage,
  fetchSharedCode,
  type ShareCodeDeps,
  type SharedCode,
} from "../../server/src/wechat/share-code";
import { wechatAccess } from "../../server/src/wechat/access";
import { encodeCustomParams, type CustomParams } from "../../miniprogram/core/plugin-urls";

export { ShareCodeError, type SharedCode };

export interface ShareCodeClientOptions {
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

export class ShareCodeClient {
  private readonly config: Config;
  private readonly deps: ShareCodeDeps;

  constructor(options: ShareCodeClientOptions = {}) {
    // Throws ConfigError (a one-line message) when credentials are missing for the real API.
    this.config = loadConfig(options.env ?? process.env);
    const redactor = new Redactor();
    redactor.add(this.config.appSecret);
    const { http, tokens } = wechatAccess(this.config, {
      store: new MemoryStore(),
      now: Date.now,
      metrics: new Metrics(),
      redactor,
      log: createLogger({ level: "silent", redactor }),
      lockWaitMs: this.config.wechatTimeoutMs * 2,
    });
    this.deps = { tokens, http, timeoutMs: this.config.wechatTimeoutMs, redactor, fetch: options.fetch };
  }

  /** Where the credentials point (safe to print: no secret in it). */
  get apiBase(): string {
    return this.config.wechatApiBase;
  }

  /** getsharedcode for a room, refreshing the token once if WeChat rejects it. */
  async sharedCode(roomId: number, customParams: CustomParams | null): Promise<SharedCode> {
    const params =
      customParams && Object.keys(customParams).length > 0 ? encodeCustomParams(customParams) : "";
    return fetchSharedCode(this.deps, roomId, params);
  }

  /** Downloads the share code image into `dir` as room-<id>.png (or .jpg); returns the file path. */
  async save(roomId: number, code: SharedCode, dir: string): Promise<string> {
    const image = await downloadCodeImage(this.deps, code.cdnUrl);
    const file = path.join(dir, `room-${roomId}${image.type === "image/jpeg" ? ".jpg" : ".png"}`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(file, image.bytes);
    } catch (err) {
      throw new ShareCodeError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    }
    return file;
  }
}
