/**
 * The operator console under /admin, as one encapsulated Fastify plugin: its cookie, session, CSRF,
 * form-body, security-header, view and static-file plugins and its hooks apply to /admin only, so the
 * shopper API is untouched. Server-rendered pages (eta), plain forms that work without JavaScript, a
 * session in the cache store. How it is secured: docs/console.md.
 *
 * Without a signed-in session nothing under /admin answers anything useful: pages redirect to the
 * sign-in page; actions answer 401 JSON (a browser's form post is sent to the sign-in page instead, with
 * its notice); unknown paths behave like pages. The sign-in page and its stylesheet and script are the
 * only things served to anyone.
 */
import { createHmac } from "node:crypto";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifySession from "@fastify/session";
import fastifyStatic from "@fastify/static";
import fastifyView from "@fastify/view";
import { Eta } from "eta";
import type { FastifyError, FastifyInstance, FastifyPluginAsync } from "fastify";
import type { ApiPlugin } from "../app";
import type { AdminConfig } from "../config";
import { errorBody } from "../http/errors";
import { BASE, COOKIE_NAME, markCookieSecure } from "./access";
import type { AdminConsoleOptions, ConsoleContext } from "./context";
import { consoleRoutes } from "./routes";
import { ConsoleSessionStore } from "./session-store";
import { ShareCodes } from "./share-codes";
import { SignInGuard } from "./sign-in-guard";

export type { AdminConsoleOptions };

const VIEWS = path.join(__dirname, "views");
const ASSETS = path.join(__dirname, "assets");

/**
 * The key that signs the session cookie, derived from the password hash: every instance with the same
 * ADMIN_PASSWORD_HASH agrees on it, and a new password ends every session. (The cookie only names a
 * session; what a session may do is in the store.)
 */
function cookieSecret(admin: AdminConfig): string {
  return createHmac("sha256", admin.passwordHash.key)
    .update("wx-live-shop console session cookie")
    .digest("base64url");
}

function errorHandling(app: FastifyInstance, ctx: ConsoleContext): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    reply.header("cache-control", "no-store");
    if (err.code === "FST_CSRF_INVALID_TOKEN" || err.code === "FST_CSRF_MISSING_SECRET") {
      return reply.code(403).send(errorBody("forbidden", "请求缺少有效的 CSRF 令牌：请回到页面刷新后再提交"));
    }
    const status = typeof err.statusCode === "number" ? err.statusCode : 500;
    if (status === 429) return reply.code(429).send(err);
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody("bad_request", ctx.redactor.scrub(err.message)));
    }
    request.log.error(
      { err: ctx.redactor.scrub(err.message), url: request.url },
      "console: unexpected error",
    );
    return reply.code(500).send(errorBody("internal", "internal error"));
  });
}

/**
 * The console as an API plugin (app.ts `ApiPlugin`, the one way routes are added from outside the
 * API): registered on every server, it adds `/admin` only when the console is on (the services then
 * carry its settings).
 */
export const operatorConsole: ApiPlugin = async (app, { services }) => {
  const { settings } = services;
  if (settings) await app.register(adminConsole, { ...services, settings, prefix: BASE });
};

const adminConsole: FastifyPluginAsync<AdminConsoleOptions> = async (app, options) => {
  const admin = options.config.admin;
  if (!admin) throw new Error("the console needs ADMIN_PASSWORD_HASH");
  const { store, now, log, tokens, http, redactor, config } = options;
  const ctx: ConsoleContext = {
    ...options,
    admin,
    guard: new SignInGuard(store, now, log),
    shareCodes: new ShareCodes({
      store,
      now,
      log,
      dailyQuota: admin.shareCodeDailyQuota,
      deps: { tokens, http, timeoutMs: config.wechatTimeoutMs, redactor },
    }),
  };

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // HSTS belongs to whoever terminates TLS for the whole host, not to one path of it
    strictTransportSecurity: false,
  });
  // the secret signs the sign-in form's CSRF cookie; the session cookie is signed by @fastify/session
  await app.register(fastifyCookie, { secret: cookieSecret(admin) });
  await app.register(fastifySession, {
    secret: cookieSecret(admin),
    cookieName: COOKIE_NAME,
    // no maxAge: the browser forgets the cookie when it closes; the server ends sessions by itself
    cookie: { path: BASE, httpOnly: true, sameSite: "strict", secure: false },
    store: new ConsoleSessionStore(store, admin.sessionMaxMs),
    saveUninitialized: false,
    rolling: false,
  });
  app.addHook("onRequest", async (request) => markCookieSecure(request));
  await app.register(fastifyFormbody, { bodyLimit: 4096 });
  await app.register(fastifyView, {
    engine: { eta: new Eta({ autoEscape: true, autoTrim: [false, "nl"] }) },
    root: VIEWS,
    viewExt: "eta",
    layout: "layout",
    production: true,
  });
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: "/assets/",
    decorateReply: false,
    index: false,
    // one route per file: an unknown asset path is an unknown console path (sign-in first, then 404)
    wildcard: false,
    // the files change only with a new version of the server; revalidate by ETag
    cacheControl: true,
    maxAge: 0,
    schemaHide: true,
  });
  app.addHook("onClose", async () => ctx.settings.close());
  errorHandling(app, ctx);
  await consoleRoutes(app, ctx);
};
