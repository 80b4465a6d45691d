/**
 * The Node HTTP server under Fastify, and the answers Node would otherwise write itself with an empty
 * body or none: a request its parser rejects (400, 408, 431), a request without the Host header HTTP/1.1
 * requires (400), an `Expect` it cannot meet (417). Each gets the same `{error: {code, message}}` body
 * as every other error, and the connection is closed after it. Node's behaviour and the sources:
 * docs/deploy.md.
 */
import { STATUS_CODES, createServer } from "node:http";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Socket } from "node:net";
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
function lacksHost(req: IncomingMessage): boolean {
  return req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1;
}

/** Fastify's default: longer than the idle timeout of a proxy's upstream connections (nginx: 60 s). */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Answers a request before Fastify's routing, or returns false to leave it to Fastify. */
export type EarlyHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Fastify's `serverFactory`: the HTTP server Fastify's handler runs in. Node's own Host check is off
 * (its 400 has no body) and done here, one property read before Fastify sees the request; with a
 * `checkExpectation` listener Node hands an `Expect` other than 100-continue to it instead of answering
 * 417 with an empty body. `early` may answer a request before Fastify's routing (the cached room list,
 * rooms/list-endpoint.ts). Node's request and header timeouts keep their defaults.
 */
export function serverFactory(early?: EarlyHandler): (handler: RequestListener) => Server {
  return (handler) => {
    // Open connections, for close(). A connection that has not sent a byte yet (browsers open them
    // ahead of need: preconnect) Node's server.close() counts neither idle nor finished, and waits for
    // it up to headersTimeout (60 s, checked every 30 s). Nothing is in flight on it: close drops it.
    // Known per connection, not per request, so the request path does no bookkeeping for it.
    const sockets = new Set<Socket>();
    const server = createServer({ requireHostHeader: false }, (req, res) => {
      if (lacksHost(req)) answer(res, 400, "the Host header is missing");
      else if (!early?.(req, res)) handler(req, res);
    });
    server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    });
    const close = server.close.bind(server);
    server.close = (callback?: (err?: Error) => void): Server => {
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
      return close(callback);
    };
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) =>
      answer(res, 417, "only Expect: 100-continue is supported"),
    );
    return server;
  };
}
