/**
 * Answers that Node's HTTP server would otherwise write itself, with an empty body or none: a request
 * its parser rejects (400, 408, 431) and an `Expect` it cannot meet (417). Each gets the same
 * `{error: {code, message}}` body as every other error, and the connection is closed after it. (A
 * request without the Host header HTTP/1.1 requires is let through to Fastify, which answers 400.)
 * Node's behaviour and the sources: docs/deploy.md.
 */
import { STATUS_CODES } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { errorBody } from "./errors";

const HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

function bodyFor(message: string): string {
  return JSON.stringify(errorBody("bad_request", message));
}

/** Writes a complete error answer on a response Node has not handed to Fastify. */
function answer(res: ServerResponse, status: number, message: string): void {
  const body = bodyFor(message);
  res.writeHead(status, { ...HEADERS, "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

/** Fastify's `clientErrorHandler`: the parser gave up, so only the raw socket is left to write on. */
export function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "the URL or headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "the request took too long"]
        : [400, "the request is malformed"];
  const body = bodyFor(message);
  if (socket.writable) {
    const head = Object.entries({
      ...HEADERS,
      "content-length": Buffer.byteLength(body),
      connection: "close",
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(err);
}

/** HTTP/1.1 requires Host (RFC 9112 §3.2); HTTP/1.0 clients may leave it out. */
export function lacksHost(req: IncomingMessage): boolean {
  return req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1;
}

/**
 * With a listener, Node hands requests with an `Expect` other than 100-continue to it instead of
 * answering 417 with an empty body.
 */
export function answerExpectations(server: Server): void {
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) =>
    answer(res, 417, "only Expect: 100-continue is supported"),
  );
}
