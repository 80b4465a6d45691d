/**
 * A complete HTTP answer decided up front (status, headers, body) and the one function that writes it.
 * The cached room list is answered this way on both of its paths (rooms/list-endpoint.ts): before
 * Fastify's routing for the common case, and inside Fastify for the rest, so the two cannot differ in
 * what they send.
 */
import type { ServerResponse } from "node:http";
import type { ErrorCode } from "../api/contract";
import { errorBody } from "./errors";
import { CACHE_CONTROL, JSON_TYPE, prepare } from "./prepared";

export interface Answer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: Buffer;
}

/** Writes an answer on Node's response; `close` adds `Connection: close` (the server is stopping). */
export function writeAnswer(res: ServerResponse, answer: Answer, close = false): void {
  const headers = close ? { ...answer.headers, connection: "close" } : answer.headers;
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** Whether If-None-Match names this ETag, weak forms included (as @fastify/etag compares on other routes). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch === etag || ifNoneMatch === `W/${etag}` || `W/${ifNoneMatch}` === etag;
}

/** An error answer with the `{error: {code, message}}` body, never cached by clients. */
export function errorAnswer(
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Answer {
  const { body, etag } = prepare(errorBody(code, message));
  return {
    status,
    headers: {
      "content-type": JSON_TYPE,
      "content-length": String(body.length),
      "cache-control": CACHE_CONTROL.none,
      etag,
      ...headers,
    },
    body,
  };
}
