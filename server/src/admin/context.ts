/** What the console's plugin is given (admin/plugin.ts) and what its routes use. */
import type { Logger } from "pino";
import type { AdminConfig, Config } from "../config";
import type { Redactor } from "../log";
import type { QuotaGovernor } from "../quota/governor";
import type { RoomsService } from "../rooms/rooms-service";
import type { Store } from "../store/store";
import type { WechatHttp } from "../wechat/http";
import type { TokenService } from "../wechat/token";
import type { ConsoleSettings } from "./settings";
import type { ShareCodes } from "./share-codes";
import type { SignInGuard } from "./sign-in-guard";

declare module "fastify" {
  interface FastifySchema {
    /** Left out of the OpenAPI document (the console's HTML pages and form actions). */
    hide?: boolean;
  }
}

export interface AdminConsoleOptions {
  config: Config;
  settings: ConsoleSettings;
  rooms: RoomsService;
  governor: QuotaGovernor;
  tokens: TokenService;
  /** WeChat's transport, for getsharedcode. */
  http: WechatHttp;
  store: Store;
  log: Logger;
  now: () => number;
  redactor: Redactor;
}

/** Everything the routes use, resolved once. */
export interface ConsoleContext extends AdminConsoleOptions {
  admin: AdminConfig;
  guard: SignInGuard;
  shareCodes: ShareCodes;
}
