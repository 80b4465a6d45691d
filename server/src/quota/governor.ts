import type { Logger } from "pino";
import { isCount } from "../store/store";
import type { Store } from "../store/store";

const DAY_MS = 86_400_000;
// China has no daylight saving time: Asia/Shanghai is always UTC+8
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// the last day computed: every request asks, and formatting a date each time showed up in profiles
let memoDayIndex = Number.NaN;
let memoDay = "";

/** The quota day (YYYY-MM-DD) an instant belongs to; WeChat's day turns at 00:00 Asia/Shanghai. */
export function shanghaiDay(ms: number): string {
  const index = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  if (index !== memoDayIndex) {
    memoDay = new Date(index * DAY_MS).toISOString().slice(0, 10);
    memoDayIndex = index;
  }
  return memoDay;
}

/** The hour (0–23) of the Asia/Shanghai day an instant falls in. */
export function shanghaiHour(ms: number): number {
  return Math.floor(((ms + SHANGHAI_OFFSET_MS) % DAY_MS) / 3_600_000);
}

export function msUntilShanghaiMidnight(ms: number): number {
  return DAY_MS - ((ms + SHANGHAI_OFFSET_MS) % DAY_MS);
}

export interface GovernorOptions {
  store: Store;
  dailyQuota: number;
  replayReserve: number;
  /** The configured minimum gap between list refreshes. */
  minRefreshMs: number;
  now: () => number;
  log: Logger;
}

/**
 * Keeps getliveinfo calls (list pages and replays share the quota) within the daily budget: list
 * refreshes are spaced so the remaining list budget lasts until midnight, and `replayReserve` calls
 * are kept back for replays. The counter lives in the store so instances share one budget.
 */
export class QuotaGovernor {
  private day = "";
  private used = 0;
  private exhausted = false;

  constructor(private readonly o: GovernorOptions) {}

  private today(): string {
    const day = shanghaiDay(this.o.now());
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
      this.exhausted = false;
    }
    return day;
  }

  /** Reads the shared counter, so spacing decisions see other instances' calls. */
  async load(): Promise<void> {
    const day = this.today();
    const [used, exhausted] = await Promise.all([
      this.o.store.get(`quota:${day}`, isCount),
      this.o.store.get(`quota-exhausted:${day}`, (v): v is boolean => typeof v === "boolean"),
    ]);
    if (this.day !== day) return; // the day turned while the store answered
    this.used = Math.max(this.used, used ?? 0);
    this.exhausted ||= exhausted === true;
  }

  /** Counts one getliveinfo call against today's budget; our count never goes down. */
  async record(): Promise<void> {
    const day = this.today();
    this.used += 1;
    const [shared] = await Promise.all([
      this.o.store.incrBy(`quota:${day}`, 1, 2 * DAY_MS),
      // per hour too, for the operator console's chart of the day
      this.o.store.incrBy(`quota-hour:${day}:${shanghaiHour(this.o.now())}`, 1, 2 * DAY_MS),
    ]);
    // the day may have turned while the store answered: that count belongs to the old day
    if (this.day === day) this.used = Math.max(this.used, shared);
  }

  /** WeChat answered 45009: nothing more today. */
  async markExhausted(): Promise<void> {
    const day = this.today();
    if (!this.exhausted) this.o.log.warn({ day }, "WeChat daily quota reached (45009), serving cached data");
    this.exhausted = true;
    await this.o.store.set(`quota-exhausted:${day}`, true, 2 * DAY_MS);
  }

  /** Today's calls per Asia/Shanghai hour (24 counts, shared by every instance), for the console's chart. */
  async hourlyToday(): Promise<number[]> {
    const day = this.today();
    return Promise.all(
      Array.from(
        { length: 24 },
        async (_, hour) => (await this.o.store.get(`quota-hour:${day}:${hour}`, isCount)) ?? 0,
      ),
    );
  }

  /** The daily budget and the part of it kept for replays. */
  budget(): { daily: number; replayReserve: number } {
    return { daily: this.o.dailyQuota, replayReserve: this.o.replayReserve };
  }

  usedToday(): number {
    this.today();
    return this.used;
  }

  private passesLeft(pagesPerPass: number): number {
    this.today();
    if (this.exhausted) return 0;
    const left = this.o.dailyQuota - this.o.replayReserve - this.used;
    return Math.floor(left / Math.max(1, pagesPerPass));
  }

  canRefreshList(pagesPerPass: number): boolean {
    return this.passesLeft(pagesPerPass) > 0;
  }

  canFetchReplay(): boolean {
    this.today();
    return !this.exhausted && this.used < this.o.dailyQuota;
  }

  /**
   * When a list copy fetched (or attempted) at `lastMs` is due: the configured gap, widened so the
   * rest of the list budget lasts until midnight.
   */
  listDueAt(lastMs: number, pagesPerPass: number): number {
    const minGap = lastMs + this.o.minRefreshMs;
    // a new quota day: its budget is fresh, so do not wait out yesterday's spacing
    if (shanghaiDay(lastMs) !== this.today()) return minGap;
    const passes = this.passesLeft(pagesPerPass);
    // nothing left today: the attempt fails locally (no upstream call) and marks the copy stale
    if (passes <= 0) return minGap;
    // spread what is left evenly over the rest of the day, measured from the last pass
    return Math.max(minGap, lastMs + Math.floor(msUntilShanghaiMidnight(lastMs) / passes));
  }
}
