import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { Logger } from "pino";
import { MemoryStore } from "./memory-store";
import { BadValueLog, isCount } from "./store";
import type { Check, Store } from "./store";

const PREFIX = "wxlive:";
const UNLOCK_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0';
/**
 * Adds ARGV[1] to a counter but never leaves it below ARGV[2] (what this instance knows was counted),
 * so a Redis that restarted empty, or missed increments while it was away, cannot make the daily
 * quota count go down. A value that is not a number counts as 0.
 */
const ADD_AT_LEAST_SCRIPT = `
local count = (tonumber(redis.call("get", KEYS[1])) or 0) + tonumber(ARGV[1])
local floor = tonumber(ARGV[2])
if count < floor then count = floor end
redis.call("set", KEYS[1], count, "PX", ARGV[3])
return count`;
/** Probes that time out in a row on a connection ioredis still calls ready before it is replaced. */
const HUNG_AFTER_PROBES = 2;

export interface RedisStoreOptions {
  /** Every command, the connection and the health probe give up after this long. */
  commandTimeoutMs: number;
  /** How often PING checks that Redis answers. */
  probeIntervalMs: number;
}

type RedisWithScripts = Redis & {
  addAtLeast(key: string, by: number, floor: number, ttlMs: number): Promise<number>;
};

/**
 * Redis-backed store that survives Redis going away or stalling: every write also lands in a local
 * memory copy, reads fall back to it, and locks and counters fall back to per-instance ones until
 * Redis answers again. Commands fail fast instead of queueing (a timeout on each), so a dead or hung
 * Redis never stalls a request for longer than one timeout. A periodic PING marks the store down on a
 * stall and up when Redis answers again, and replaces a connection that stays hung; increments made
 * meanwhile are added back to the shared counter when it returns. Why a probe: docs/deploy.md (Redis).
 */
export class RedisStore implements Store {
  private readonly redis: RedisWithScripts;
  private readonly local = new MemoryStore();
  private readonly bad: BadValueLog;
  /** Counter keys this instance has incremented (with their TTLs), reconciled when Redis returns. */
  private readonly counters = new Map<string, number>();
  /** Increments not (known to be) applied in Redis yet. */
  private readonly pending = new Map<string, number>();
  private readonly probeTimer: NodeJS.Timeout;
  private probing = false;
  private failedProbes = 0;
  private up = false;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
    options: RedisStoreOptions,
  ) {
    this.bad = new BadValueLog("redis", log);
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: options.commandTimeoutMs,
      commandTimeout: options.commandTimeoutMs,
      // a dead socket never emits "close" again; do not keep the process alive 2 s (the default) on shutdown
      disconnectTimeout: 200,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    redis.defineCommand("addAtLeast", { numberOfKeys: 1, lua: ADD_AT_LEAST_SCRIPT });
    this.redis = redis as RedisWithScripts;
    this.redis.on("ready", () => this.markUp());
    this.redis.on("error", (err: Error) => this.markDown(err));
    this.redis.on("close", () => this.markDown());
    this.probeTimer = setInterval(() => void this.probe(), options.probeIntervalMs);
    this.probeTimer.unref();
  }

  private markUp(): void {
    if (this.up || this.closed) return;
    this.up = true;
    this.failedProbes = 0;
    this.log.info("redis connected");
    void this.reconcile();
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

  /**
   * A stalled Redis keeps its socket open, so no "close" or "ready" event ever says it went or came
   * back: the probe does. ioredis handles connections that are not ready (retries, ready check).
   */
  private async probe(): Promise<void> {
    if (this.probing || this.closed || this.redis.status !== "ready") return;
    this.probing = true;
    try {
      await this.redis.ping();
      this.markUp();
    } catch (err) {
      this.markDown(err as Error);
      if (++this.failedProbes >= HUNG_AFTER_PROBES && !this.closed) {
        this.failedProbes = 0;
        this.log.warn("redis not answering, reconnecting");
        this.redis.disconnect(true);
      }
    } finally {
      this.probing = false;
    }
  }

  /** Brings every counter this instance knows up to at least its own count, adding what Redis missed. */
  private async reconcile(): Promise<void> {
    for (const [key, ttlMs] of this.counters) {
      const count = await this.local.get(key, isCount);
      if (count === undefined) {
        this.counters.delete(key); // expired: a past quota day
        continue;
      }
      if ((await this.sendCount(key, 0, count, ttlMs)) === undefined) return;
    }
  }

  /** Adds `by` plus whatever is pending to the shared counter (never below `floor`): the new count. */
  private async sendCount(
    key: string,
    by: number,
    floor: number,
    ttlMs: number,
  ): Promise<number | undefined> {
    const add = by + (this.pending.get(key) ?? 0);
    this.pending.delete(key);
    try {
      const shared = await this.redis.addAtLeast(PREFIX + key, add, floor, ttlMs);
      await this.local.set(key, shared, ttlMs);
      return shared;
    } catch (err) {
      this.pending.set(key, (this.pending.get(key) ?? 0) + add);
      this.failed(err as Error);
      return undefined;
    }
  }

  /** A command that failed: Redis said no (the store is still up), or it did not answer. */
  private failed(err: Error): void {
    if (err.name === "ReplyError") this.log.warn({ err: err.message }, "redis rejected a command");
    else this.markDown(err);
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
        this.failed(err as Error);
      }
    }
    return fallback();
  }

  async get<T>(key: string, check: Check<T>): Promise<T | undefined> {
    return this.attempt(
      async (r) => {
        const text = await r.get(PREFIX + key);
        if (text === null) return undefined;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
        if (!check(value)) {
          this.bad.discarded(key);
          return undefined;
        }
        this.bad.accepted(key);
        return value;
      },
      () => this.local.get(key, check),
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

  /**
   * The local copy counts every increment; Redis gets them too when it is up. The local count is the
   * floor of the shared one, so the shared count never ends below what this instance has seen.
   */
  async incrBy(key: string, by: number, ttlMs: number): Promise<number> {
    const count = await this.local.incrBy(key, by, ttlMs);
    this.counters.set(key, ttlMs);
    if (!this.up) {
      this.pending.set(key, (this.pending.get(key) ?? 0) + by);
      return count;
    }
    return (await this.sendCount(key, by, count, ttlMs)) ?? count;
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
    clearInterval(this.probeTimer);
    this.redis.disconnect();
  }
}
