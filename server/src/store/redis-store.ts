import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { Logger } from "pino";
import { MemoryStore } from "./memory-store";
import type { Store } from "./store";

const PREFIX = "wxlive:";
const UNLOCK_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0';

/**
 * Redis-backed store that survives Redis going away: every write also lands in a local memory
 * copy, reads fall back to it, and locks and counters fall back to per-instance ones until Redis
 * is back (ioredis reconnects on its own). Commands fail fast instead of queueing, so a dead Redis
 * never stalls a request.
 */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly local = new MemoryStore();
  private up = false;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      commandTimeout: 1000,
      // a dead socket never emits "close" again; do not keep the process alive 2 s (the default) on shutdown
      disconnectTimeout: 200,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    this.redis.on("ready", () => {
      if (!this.up) this.log.info("redis connected");
      this.up = true;
    });
    this.redis.on("error", (err: Error) => this.markDown(err));
    this.redis.on("close", () => this.markDown());
  }

  private markDown(err?: Error): void {
    if (this.up && !this.closed) {
      this.log.warn(
        { reason: err?.message ?? "connection closed" },
        "redis unavailable, serving from memory",
      );
    }
    this.up = false;
  }

  /** Waits briefly for the first connection so instances share state from the first request. */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.up) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.redis.off("ready", onReady);
        this.log.warn("redis not reachable at start-up, serving from memory until it is");
        resolve(false);
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.redis.once("ready", onReady);
    });
  }

  /** Runs `op` on Redis when it is up, else (or on failure) `fallback` on the local copy. */
  private async attempt<T>(op: (r: Redis) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.up) {
      try {
        return await op(this.redis);
      } catch (err) {
        this.markDown(err as Error);
      }
    }
    return fallback();
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.attempt(
      async (r) => {
        const text = await r.get(PREFIX + key);
        return text === null ? undefined : (JSON.parse(text) as T);
      },
      () => this.local.get<T>(key),
    );
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    await this.local.set(key, value, ttlMs);
    await this.attempt(
      async (r) => {
        const text = JSON.stringify(value);
        if (ttlMs === undefined) await r.set(PREFIX + key, text);
        else await r.set(PREFIX + key, text, "PX", ttlMs);
      },
      async () => undefined,
    );
  }

  async del(key: string): Promise<void> {
    await this.local.del(key);
    await this.attempt(
      async (r) => void (await r.del(PREFIX + key)),
      async () => undefined,
    );
  }

  async incrBy(key: string, by: number, ttlMs: number): Promise<number> {
    const localValue = await this.local.incrBy(key, by, ttlMs);
    return this.attempt(
      async (r) => {
        const value = await r.incrby(PREFIX + key, by);
        if (value === by) await r.pexpire(PREFIX + key, ttlMs);
        return value;
      },
      async () => localValue,
    );
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    return this.attempt(
      async (r) => {
        const token = randomUUID();
        const ok = await r.set(PREFIX + key, token, "PX", ttlMs, "NX");
        return ok === "OK" ? token : undefined;
      },
      () => this.local.tryLock(key, ttlMs),
    );
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.local.unlock(key, token);
    await this.attempt(
      async (r) => void (await r.eval(UNLOCK_SCRIPT, 1, PREFIX + key, token)),
      async () => undefined,
    );
  }

  status(): "up" | "down" {
    return this.up ? "up" : "down";
  }

  async close(): Promise<void> {
    this.closed = true;
    this.redis.disconnect();
  }
}
