import type { Logger } from "pino";
import type { CacheCounters, Metrics } from "../metrics";
import { CLOCK_SKEW_MS, waitForLockHolder } from "../store/lock-wait";
import type { Check, Store } from "../store/store";
import { isFiniteNumber, isRecord } from "./checks";

export interface Entry<T> {
  value: T;
  /** When it was fetched from WeChat (server clock, ms). */
  updatedAt: number;
}

/** The last refresh attempt, shared so instances agree on staleness and do not retry in a stampede. */
interface Attempt {
  at: number;
  ok: boolean;
  reason?: string;
}

export interface View<T> extends Entry<T> {
  /** The last refresh failed: this is the last good copy. */
  stale: boolean;
}

/** Nothing is cached and WeChat failed: the only case that becomes a 503. */
export class NothingCachedError extends Error {
  override name = "NothingCachedError";
  constructor(readonly reason: string) {
    super(`WeChat is unavailable (${reason}) and nothing is cached yet`);
  }
}

export interface SharedEntryOptions<T> {
  /** Metric label, e.g. "rooms" or "replays". */
  cache: string;
  key: string;
  /** The value's shape, checked when a copy is read back from the store. */
  check: Check<T>;
  store: Store;
  now: () => number;
  log: Logger;
  metrics: Metrics;
  fetch: () => Promise<T>;
  /** When a copy last fetched or attempted at `last` becomes due for a refresh. */
  dueAt: (last: number, current: T | undefined) => number;
  /** Called before deciding to refresh, to load shared state (e.g. the quota counter). */
  prepare?: () => Promise<void>;
  /** With nothing cached, how long after a failed attempt the next one may start. */
  coldRetryMs: number;
  /** How long a refresh may hold the shared lock. */
  lockMs: number;
  /**
   * What a failed fetch means, in the source's terms: a short reason (a metric label, kept with the
   * attempt and shown by /healthz), and whether it is already reported elsewhere (then logged at debug).
   */
  describeFailure: (err: unknown) => Failure;
}

export interface Failure {
  reason: string;
  /** Said once elsewhere (e.g. WeChat's 48001, by its client); repeating it per retry helps nobody. */
  reported?: boolean;
}

/*
 * A copy stamped later than CLOCK_SKEW_MS ahead of our clock is served as stale and refreshed at once;
 * an attempt stamped later is discarded (it would postpone every refresh until then).
 */

function entryCheck<T>(check: Check<T>): Check<Entry<T>> {
  return (v): v is Entry<T> => isRecord(v) && isFiniteNumber(v.updatedAt) && check(v.value);
}

function attemptCheck(now: () => number): Check<Attempt> {
  return (v): v is Attempt =>
    isRecord(v) &&
    isFiniteNumber(v.at) &&
    v.at <= now() + CLOCK_SKEW_MS &&
    typeof v.ok === "boolean" &&
    (v.reason === undefined || typeof v.reason === "string");
}

/**
 * One cached value with stale-while-revalidate: a due copy is served at once while one refresh runs
 * in the background; concurrent misses share one refresh (single-flight in-process, a lock in the
 * store across instances). Upstream faults keep the last good copy and mark it stale.
 */
export class SharedEntry<T> {
  private local?: Entry<T>;
  private attempt?: Attempt;
  private inflight?: Promise<void>;
  private readonly isEntry: Check<Entry<T>>;
  private readonly isAttempt: Check<Attempt>;
  private readonly counters: CacheCounters;

  constructor(private readonly o: SharedEntryOptions<T>) {
    this.counters = o.metrics.cache(o.cache);
    this.isEntry = entryCheck(o.check);
    this.isAttempt = attemptCheck(o.now);
  }

  private get attemptKey(): string {
    return `${this.o.key}:attempt`;
  }

  /** When a copy counts as fetched: a time from the future counts as never (0), so it is due now. */
  private fetchedAt(entry: Entry<T>, now: number): number {
    return entry.updatedAt > now + CLOCK_SKEW_MS ? 0 : entry.updatedAt;
  }

  private isDue(now: number): boolean {
    const { local, attempt } = this;
    if (!local) return !attempt || attempt.ok || now >= attempt.at + this.o.coldRetryMs;
    return now >= this.o.dueAt(Math.max(this.fetchedAt(local, now), attempt?.at ?? 0), local.value);
  }

  private memo?: { local: Entry<T>; attempt?: Attempt; future: boolean; view: View<T> };

  /** The copy as served; the same object until the copy or the last attempt changes. */
  private view(): View<T> | undefined {
    const { local, attempt } = this;
    if (!local) return undefined;
    const future = this.fetchedAt(local, this.o.now()) !== local.updatedAt;
    const { memo } = this;
    if (memo?.local === local && memo.attempt === attempt && memo.future === future) return memo.view;
    const stale = future || (attempt !== undefined && !attempt.ok && attempt.at >= local.updatedAt);
    const view = { ...local, stale };
    this.memo = { local, attempt, future, view };
    return view;
  }

  /**
   * The cached copy without waiting, as a request is served from it: counted as a hit (and a stale
   * serve), with a due refresh started in the background. Undefined when nothing is cached (nothing
   * counted: `get` waits for the copy then).
   */
  current(): View<T> | undefined {
    const view = this.view();
    if (!view) return undefined;
    if (this.isDue(this.o.now())) void this.sync();
    this.counters.hit();
    if (view.stale) this.counters.staleServe();
    return view;
  }

  /** The current copy, refreshing as needed. Throws NothingCachedError when there is none. */
  async get(): Promise<View<T>> {
    const cached = this.current();
    if (cached) return cached;
    this.counters.miss();
    await this.sync();
    const view = this.view();
    if (!view) throw new NothingCachedError(this.attempt?.reason ?? "no answer");
    if (view.stale) this.counters.staleServe();
    return view;
  }

  /** The current copy without refreshing (health checks). */
  peek(): View<T> | undefined {
    return this.view();
  }

  /** Why the last refresh attempt (of any instance sharing the store) failed; undefined after a success. */
  lastFailure(): string | undefined {
    return this.attempt && !this.attempt.ok ? this.attempt.reason : undefined;
  }

  /** Resolves when no refresh is running (tests and shutdown use it). */
  async settled(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  /**
   * A refresh now, due or not (the operator console's 刷新). A refresh already running here is joined
   * instead; one running on another instance (it holds the lock) is waited for; one that another
   * instance finished after this call began counts as done.
   */
  async refreshNow(): Promise<void> {
    const requestedAt = this.o.now();
    await (this.inflight ?? this.sync(requestedAt));
  }

  private sync(forcedAt?: number): Promise<void> {
    this.inflight ??= this.run(forcedAt)
      .catch((err: Error) => this.o.log.error({ cache: this.o.cache, err: err.message }, "cache sync failed"))
      .finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** Adopts newer state written by another instance. */
  private async pull(): Promise<void> {
    const [entry, attempt] = await Promise.all([
      this.o.store.get(this.o.key, this.isEntry),
      this.o.store.get(this.attemptKey, this.isAttempt),
    ]);
    const now = this.o.now();
    if (entry && (!this.local || this.fetchedAt(entry, now) > this.fetchedAt(this.local, now))) {
      this.local = entry;
    }
    if (attempt && (!this.attempt || attempt.at >= this.attempt.at)) this.attempt = attempt;
  }

  /** Whether a refresh is wanted: the copy is due, or a forced one asked at `forcedAt` has not happened. */
  private wanted(forcedAt: number | undefined): boolean {
    if (forcedAt === undefined) return this.isDue(this.o.now());
    // `<=`: a pass begun in the same millisecond may have asked WeChat before what the caller wants to see
    return !this.attempt || this.attempt.at <= forcedAt;
  }

  private async run(forcedAt?: number): Promise<void> {
    const { store, lockMs, prepare } = this.o;
    await Promise.all([this.pull(), prepare?.()]);
    if (!this.wanted(forcedAt)) return;
    const lock = await store.tryLock(`lock:${this.o.key}`, lockMs);
    if (!lock) {
      if (!this.local || forcedAt !== undefined) await this.waitForOther();
      return; // another instance is refreshing; keep serving what we have
    }
    try {
      await this.pull(); // it may have finished just before we took the lock
      if (this.wanted(forcedAt)) await this.refresh();
    } finally {
      await store.unlock(`lock:${this.o.key}`, lock);
    }
  }

  private async waitForOther(): Promise<void> {
    const started = this.attempt?.at;
    await waitForLockHolder(this.o.lockMs, async () => {
      await this.pull();
      return this.local || this.attempt?.at !== started ? true : undefined;
    });
  }

  private async refresh(): Promise<void> {
    const { store, now, log, key } = this.o;
    const at = now();
    try {
      const value = await this.o.fetch();
      this.local = { value, updatedAt: at };
      this.attempt = { at, ok: true };
      await store.set(key, this.local);
    } catch (err) {
      const { reason, reported } = this.o.describeFailure(err);
      this.attempt = { at, ok: false, reason };
      this.counters.refreshFailed(reason);
      log[reported ? "debug" : "warn"](
        { cache: key, err: (err as Error).message, serving: this.local ? "stale copy" : "nothing" },
        "refresh failed",
      );
    }
    await store.set(this.attemptKey, this.attempt);
  }
}
