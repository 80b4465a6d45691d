import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";

export interface Serialized {
  body: string;
  etag: string;
}

/**
 * JSON answers serialised and hashed once per data version instead of once per request: under load
 * JSON.stringify and the ETag hash were most of the server's own time per request. Entries are
 * dropped wholesale when the version (the cached room list's identity) changes.
 */
export class SerializedCache {
  private version: object | undefined;
  private readonly entries = new Map<string, Serialized>();

  constructor(private readonly maxEntries = 512) {}

  get(version: object, key: string, build: () => unknown): Serialized {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    const hit = this.entries.get(key);
    if (hit) return hit;
    const body = JSON.stringify(build());
    const entry = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    // odd start/limit combinations are still answered, just not kept
    if (this.entries.size < this.maxEntries) this.entries.set(key, entry);
    return entry;
  }
}

/** Sends a prepared answer; @fastify/etag sees the ETag header and only turns a match into a 304. */
export function sendSerialized(reply: FastifyReply, entry: Serialized): FastifyReply {
  return reply.header("etag", entry.etag).type("application/json; charset=utf-8").send(entry.body);
}
