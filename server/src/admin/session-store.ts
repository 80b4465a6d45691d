/**
 * @fastify/session's store on top of the cache store, so every instance knows every session (Redis) and
 * an embedded server keeps them across a restart (snapshot file). Keys are SHA-256 of the session id:
 * the store, the snapshot file and a Redis dump never hold an id that would work as a cookie.
 */
import { createHash } from "node:crypto";
import type { Session } from "fastify";
import type * as FastifySession from "@fastify/session";
import { isFiniteNumber, isRecord } from "../cache/checks";
import type { Store } from "../store/store";

declare module "fastify" {
  interface Session {
    /** When the operator signed in (server clock, ms); absent before sign-in. */
    signedInAt?: number;
    /** The last request of this session (server clock, ms), refreshed at most once a minute. */
    seenAt?: number;
    /** One message for the next page (after a redirect). */
    flash?: { kind: "ok" | "error"; text: string };
    /** @fastify/csrf-protection's secret. */
    _csrf?: string;
  }
}

/** A session not signed in (only the moment between a new id and its sign-in time) is kept this long. */
const ANONYMOUS_TTL_MS = 30 * 60_000;

const keyOf = (sessionId: string): string =>
  `console:session:${createHash("sha256").update(sessionId).digest("hex")}`;

const optionalNumber = (v: unknown): boolean => v === undefined || isFiniteNumber(v);

const isStoredSession = (v: unknown): v is Session =>
  isRecord(v) && isRecord(v.cookie) && optionalNumber(v.signedInAt) && optionalNumber(v.seenAt);

export class ConsoleSessionStore implements FastifySession.SessionStore {
  /**
   * @param maxMs a signed-in session's absolute lifetime: the store forgets it then at the latest (expiry
   * itself is decided from the timestamps inside, with the server's clock).
   */
  constructor(
    private readonly store: Store,
    private readonly maxMs: number,
  ) {}

  set(sessionId: string, session: Session, callback: (err?: unknown) => void): void {
    // a plain copy: the memory store keeps values as given, and the Session object changes later
    const data = JSON.parse(JSON.stringify(session)) as Session;
    const ttl = data.signedInAt === undefined ? ANONYMOUS_TTL_MS : this.maxMs;
    this.store.set(keyOf(sessionId), data, ttl).then(() => callback(), callback);
  }

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    this.store.get(keyOf(sessionId), isStoredSession).then(
      (session) => callback(null, session ?? null),
      (err: unknown) => callback(err),
    );
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    this.store.del(keyOf(sessionId)).then(() => callback(), callback);
  }
}
