import { randomUUID } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import { BadValueLog, isCount, isVolatileKey } from "./store";
import type { Check, Store } from "./store";

interface Item {
  value: unknown;
  /** Real-time expiry (Date.now based): TTLs bound locks and garbage, never data freshness. */
  expiresAt?: number;
}

export interface MemoryStoreOptions {
  /** When set, non-volatile keys are kept in `<snapshotDir>/cache.json`, written atomically. */
  snapshotDir?: string;
  log?: Logger;
}

const SNAPSHOT_FILE = "cache.json";

const isItem = (v: unknown): v is Item =>
  typeof v === "object" &&
  v !== null &&
  "value" in v &&
  (!("expiresAt" in v) || v.expiresAt === undefined || Number.isFinite(v.expiresAt));

/** The embedded store: a Map, optionally mirrored to a snapshot file so a restart starts warm. */
export class MemoryStore implements Store {
  private readonly items = new Map<string, Item>();
  /** Keys loaded from the snapshot whose value no reader has checked yet; values set here are trusted. */
  private readonly unchecked = new Set<string>();
  private readonly bad: BadValueLog;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly options: MemoryStoreOptions = {}) {
    this.bad = new BadValueLog("snapshot", options.log);
    if (options.snapshotDir) this.load(options.snapshotDir);
  }

  private load(dir: string): void {
    let text: string;
    try {
      text = readFileSync(path.join(dir, SNAPSHOT_FILE), "utf8");
    } catch {
      return; // first start: no snapshot yet
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.options.log?.warn("snapshot unreadable, starting cold");
      return;
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      this.options.log?.warn("snapshot is not a JSON object, starting cold");
      return;
    }
    for (const [key, item] of Object.entries(data)) {
      if (isItem(item) && !isVolatileKey(key)) {
        this.items.set(key, item);
        this.unchecked.add(key);
      } else {
        this.bad.discarded(key);
      }
    }
    this.options.log?.info({ keys: this.items.size }, "snapshot loaded");
  }

  private live(key: string): Item | undefined {
    const item = this.items.get(key);
    if (item?.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  async get<T>(key: string, check: Check<T>): Promise<T | undefined> {
    const item = this.live(key);
    if (!item || !this.unchecked.has(key)) return item?.value as T | undefined;
    this.unchecked.delete(key);
    if (check(item.value)) return item.value;
    this.items.delete(key);
    this.bad.discarded(key);
    return undefined;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.unchecked.delete(key);
    this.items.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
    if (!isVolatileKey(key)) this.persist();
  }

  async del(key: string): Promise<void> {
    this.unchecked.delete(key);
    this.items.delete(key);
    if (!isVolatileKey(key)) this.persist();
  }

  async incrBy(key: string, by: number, ttlMs: number): Promise<number> {
    const current = this.live(key);
    const count = await this.get(key, isCount); // a bad snapshot count is logged and counts from 0
    const value = (count ?? 0) + by;
    this.items.set(key, { value, expiresAt: current?.expiresAt ?? Date.now() + ttlMs });
    this.persist();
    return value;
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    if (this.live(key)) return undefined;
    const token = randomUUID();
    this.items.set(key, { value: token, expiresAt: Date.now() + ttlMs });
    return token;
  }

  async unlock(key: string, token: string): Promise<void> {
    if (this.live(key)?.value === token) this.items.delete(key);
  }

  status(): "off" {
    return "off";
  }

  /** Coalesces writes: at most one in flight, and one more queued if anything changed meanwhile. */
  private persist(): void {
    const dir = this.options.snapshotDir;
    if (!dir || this.dirty) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      const data: Record<string, Item> = {};
      for (const [key, item] of this.items) if (!isVolatileKey(key)) data[key] = item;
      const target = path.join(dir, SNAPSHOT_FILE);
      const tmp = `${target}.${process.pid}.${randomUUID()}.tmp`;
      try {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(tmp, JSON.stringify(data));
        await fs.rename(tmp, target); // atomic on POSIX: readers see the old or the new file
      } catch (err) {
        this.options.log?.warn({ err: (err as Error).message }, "snapshot write failed, serving from memory");
        await fs.rm(tmp, { force: true }).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    await this.writing;
  }
}
