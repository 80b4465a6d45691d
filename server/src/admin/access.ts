/**
 * Who may use the console: the session's sign-in state with its idle and absolute lifetimes, and the
 * refusal for anyone else (docs/console.md, "Sessions").
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "../http/errors";
import type { ConsoleContext } from "./context";

export const COOKIE_NAME = "wxlive_console";
/** Where the console lives; the cookie is sent only there. */
export const BASE = "/admin";
/** A session's last-seen time is written back at most this often (each write is a store write). */
const SEEN_EVERY_MS = 60_000;

/** Secure only when the request came over TLS (directly, or through a trusted proxy's X-Forwarded-Proto). */
export function markCookieSecure(request: FastifyRequest): void {
  const session = request.session as FastifyRequest["session"] | null;
  if (session?.cookie) session.cookie.secure = request.protocol === "https";
}

export type SessionState = "signed_in" | "none" | "expired";

/** Whether the request's session is signed in and within its idle and absolute lifetimes. */
export function sessionState(request: FastifyRequest, ctx: ConsoleContext): SessionState {
  const session = request.session as FastifyRequest["session"] | null;
  const signedInAt = session?.signedInAt;
  if (!session || signedInAt === undefined) return "none";
  const now = ctx.now();
  const seenAt = session.seenAt ?? signedInAt;
  if (now - signedInAt >= ctx.admin.sessionMaxMs || now - seenAt >= ctx.admin.sessionIdleMs) return "expired";
  if (now - seenAt >= SEEN_EVERY_MS) session.seenAt = now;
  return "signed_in";
}

/** The console page an action belongs to: where a browser goes back to, or signs in again for. */
export function pageOf(url: string): string {
  const section = /^\/admin\/(rooms|channels)(?:\/|$)/.exec(url.split("?")[0]);
  return section ? `${BASE}/${section[1]}` : BASE;
}

/** Only console paths are followed after sign-in: never another site. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(next) && !next.includes("//")
    ? next
    : BASE;
}

/** A sign-in page address that brings the operator back to `next` (and says why, when it expired). */
export function signInUrl(next: string, expired: boolean): string {
  const query = new URLSearchParams();
  if (next !== BASE) query.set("next", next);
  if (expired) query.set("expired", "1");
  const text = query.toString();
  return `${BASE}/login${text ? `?${text}` : ""}`;
}

const wantsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? "").includes("text/html");

/**
 * The refusal for a request without a signed-in session: pages (and browsers' form posts) go to the
 * sign-in page, anything else gets 401 JSON.
 */
export async function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  state: SessionState,
): Promise<FastifyReply> {
  const expired = state === "expired";
  if (expired) {
    const session = request.session as FastifyRequest["session"] | null;
    await session?.destroy();
    reply.clearCookie(COOKIE_NAME, { path: BASE });
  }
  reply.header("cache-control", "no-store");
  if (request.method === "GET" || request.method === "HEAD" || wantsHtml(request)) {
    const next =
      request.method === "GET" || request.method === "HEAD" ? request.url.split("?")[0] : pageOf(request.url);
    return reply.code(303).redirect(signInUrl(safeNext(next), expired));
  }
  return reply
    .code(401)
    .send(errorBody("unauthorized", expired ? "登录已过期，请重新登录" : "请先登录运营后台"));
}
