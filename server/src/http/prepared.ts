/**
 * Answers prepared once per data version and sent as they are: the JSON is serialised, encoded to
 * UTF-8 and hashed into its ETag once, then every request sends the same Buffer. Under load,
 * JSON.stringify, the ETag hash and (for a string body) measuring and encoding its UTF-8 on every write
 * were most of the server's own time per request (issue 17's profiles); a Buffer is written as is.
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply } from "fastify";
import type { Encoding } from "./encoding";

export interface Prepared {
  /** The UTF-8 JSON. */
  body: Buffer;
  /** A strong ETag over exactly these bytes. */
  etag: string;
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** Cache-Control of each kind of answer: shoppers may reuse a list briefly; the server cache absorbs the rest. */
export const CACHE_CONTROL = {
  list: "public, max-age=5",
  replays: "public, max-age=60",
  // the ids change rarely; the app keeps its own copy and revalidates with the ETag
  channels: "public, max-age=60",
  /** Errors and operational answers: never reused. */
  none: "no-store",
} as const;

/** Staleness travels in a header for answers whose body is a bare contract type (a room, goods). */
export const STALE_HEADER = "x-data-stale";

const withEtag = (body: Buffer): Prepared => ({
  body,
  etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
});

export function prepare(value: unknown): Prepared {
  return withEtag(Buffer.from(JSON.stringify(value)));
}

const COMPRESS: Record<Encoding, (bytes: Buffer) => Buffer> = {
  gzip: (bytes) => gzipSync(bytes),
  // quality 5: most of brotli's gain over gzip at gzip's speed (11, the default, takes ~100× longer)
  br: (bytes) =>
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
};
const encodedCopies = new WeakMap<Prepared, Partial<Record<Encoding, Prepared>>>();

/**
 * A prepared answer compressed, once per answer and encoding: its own bytes and its own ETag (a strong
 * ETag names one representation). Kept as long as the answer is.
 */
export function encodedAs(answer: Prepared, encoding: Encoding): Prepared {
  let copies = encodedCopies.get(answer);
  if (!copies) encodedCopies.set(answer, (copies = {}));
  return (copies[encoding] ??= withEtag(COMPRESS[encoding](answer.body)));
}

/**
 * Prepared answers per data version (an object that stays the same while the data does, such as the
 * cached room list): each version has its own keys (a page, a room), and is dropped with the version.
 */
export class PreparedAnswers {
  private readonly versions = new WeakMap<object, Map<string, Prepared>>();

  constructor(private readonly maxPerVersion = 512) {}

  get(version: object, key: string, build: () => unknown): Prepared {
    let entries = this.versions.get(version);
    if (!entries) this.versions.set(version, (entries = new Map()));
    const hit = entries.get(key);
    if (hit) return hit;
    const entry = prepare(build());
    // odd start/limit combinations are still answered, just not kept
    if (entries.size < this.maxPerVersion) entries.set(key, entry);
    return entry;
  }
}

/**
 * Sends a prepared answer with its Cache-Control (and `X-Data-Stale: 1` when stale); @fastify/etag sees
 * the ETag header and only turns a matching If-None-Match into a 304.
 */
export function sendPrepared(
  reply: FastifyReply,
  entry: Prepared,
  cacheControl: string,
  stale = false,
): FastifyReply {
  reply.header("cache-control", cacheControl).header("etag", entry.etag).type(JSON_TYPE);
  if (stale) reply.header(STALE_HEADER, "1");
  return reply.send(entry.body);
}
