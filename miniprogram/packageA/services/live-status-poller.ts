/**
 * Polls one room's live status through the plugin, the way the plugin tolerates (docs/wechat-live.md,
 * "Room statuses and getLiveStatus"): first call at once, then every 60 s; never sooner than 60 s after
 * the last call for the room made anywhere (the plugin would answer with a promise that never settles).
 * Each call is raced against a timeout so a silent call is abandoned and polling goes on. Errors back
 * off 60 → 120 → 300 s.
 * Terminal statuses (103/104/107) stop it for good.
 *
 * Everything that varies is injected (clock, timers, the status call, the last-call record), so tests
 * drive it with fakes; `createRoomStatusPoller` wires the production defaults.
 */
import type { LiveStatus } from "../../../typings/api";
import { describeLiveStatus, isLiveStatus } from "../../core/live-status";
import { getLiveStatus, lastStatusCallAt, STATUS_CALL_GAP_MS } from "./live-plugin";

export const POLL_INTERVAL_MS = STATUS_CALL_GAP_MS;
export const CALL_TIMEOUT_MS = 10_000;
/** Delay before the next call after 1, 2, 3+ consecutive errors. */
export const ERROR_BACKOFF_MS: readonly number[] = [60_000, 120_000, 300_000];

export interface PollState {
  /** The last status the plugin confirmed; kept through errors. */
  status: LiveStatus | null;
  /** True while the latest call failed (error, timeout, status 0 or an unknown code). */
  unknown: boolean;
}

export type TimerHandle = unknown;

export interface PollerDeps {
  roomId: number;
  getLiveStatus: (roomId: number) => Promise<number>;
  /** When the room's status was last asked for, from any caller (unix ms), or null. */
  lastCallAt: (roomId: number) => number | null;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => TimerHandle;
  clearTimer: (handle: TimerHandle) => void;
  /** Called only when `status` or `unknown` changes. */
  onChange: (next: PollState, previous: PollState) => void;
  intervalMs?: number;
  timeoutMs?: number;
  backoffMs?: readonly number[];
}

export class CallTimeoutError extends Error {
  constructor() {
    super("getLiveStatus did not answer in time");
    this.name = "CallTimeoutError";
  }
}

export class UnknownStatusError extends Error {
  constructor(readonly code: number) {
    super(`unknown live status ${String(code)}`);
    this.name = "UnknownStatusError";
  }
}

export class LiveStatusPoller {
  private state: PollState = { status: null, unknown: false };
  private errors = 0;
  private running = false;
  private stopped = false;
  private tick: TimerHandle | null = null;
  private deadline: TimerHandle | null = null;
  /** Identifies the call in flight; answers of abandoned calls are dropped. */
  private callSeq = 0;
  private inFlight = 0;
  /** Our own last call, so a call that failed before reaching the shared record still paces us. */
  private lastCall: number | null = null;
  private readonly interval: number;
  private readonly timeout: number;
  private readonly backoff: readonly number[];

  constructor(private readonly deps: PollerDeps) {
    this.interval = deps.intervalMs ?? POLL_INTERVAL_MS;
    this.timeout = Math.min(deps.timeoutMs ?? CALL_TIMEOUT_MS, CALL_TIMEOUT_MS);
    this.backoff = deps.backoffMs ?? ERROR_BACKOFF_MS;
  }

  get current(): PollState {
    return this.state;
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts or resumes: calls at once if the last call is 60 s old (or more), else waits for that. */
  start(): void {
    if (this.stopped || this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Pauses (page hidden): no timer is left and a call in flight is abandoned. */
  pause(): void {
    this.running = false;
    this.abandonCall();
    this.clearTick();
  }

  /** Stops for good (terminal status or page unload). */
  stop(): void {
    this.stopped = true;
    this.pause();
  }

  private delayAfterLastCall(): number {
    return this.errors === 0 ? this.interval : this.backoff[Math.min(this.errors, this.backoff.length) - 1];
  }

  private schedule(): void {
    this.clearTick();
    if (!this.running || this.inFlight !== 0) return;
    const now = this.deps.now();
    // A time in the future means the clock moved back: it must not hold us (or loop us) forever.
    const known = [this.deps.lastCallAt(this.deps.roomId), this.lastCall].filter(
      (t): t is number => t !== null && t <= now,
    );
    const wait =
      known.length === 0 ? 0 : Math.max(...known) + Math.max(this.delayAfterLastCall(), this.interval) - now;
    if (wait <= 0) {
      this.call();
      return;
    }
    this.tick = this.deps.setTimer(() => {
      this.tick = null;
      this.schedule();
    }, wait);
  }

  private call(): void {
    const seq = ++this.callSeq;
    this.inFlight = seq;
    this.lastCall = this.deps.now();
    this.deadline = this.deps.setTimer(() => {
      this.deadline = null;
      this.settle(seq, new CallTimeoutError());
    }, this.timeout);
    let pending: Promise<number>;
    try {
      pending = this.deps.getLiveStatus(this.deps.roomId);
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (code) => this.settle(seq, code),
      (err: unknown) => this.settle(seq, err instanceof Error ? err : new Error(String(err))),
    );
  }

  private settle(seq: number, outcome: number | Error): void {
    if (seq !== this.inFlight) return;
    this.abandonCall();
    if (typeof outcome === "number" && isLiveStatus(outcome)) {
      this.errors = 0;
      this.update({ status: outcome, unknown: false });
      if (describeLiveStatus(outcome).isTerminal) {
        this.stop();
        return;
      }
    } else {
      this.errors += 1;
      this.update({ status: this.state.status, unknown: true });
    }
    this.schedule();
  }

  private update(next: PollState): void {
    const previous = this.state;
    if (previous.status === next.status && previous.unknown === next.unknown) return;
    this.state = next;
    this.deps.onChange(next, previous);
  }

  private abandonCall(): void {
    this.inFlight = 0;
    if (this.deadline !== null) {
      this.deps.clearTimer(this.deadline);
      this.deadline = null;
    }
  }

  private clearTick(): void {
    if (this.tick !== null) {
      this.deps.clearTimer(this.tick);
      this.tick = null;
    }
  }
}

/** A poller over the real plugin, wx storage and the global timers (looked up on use, for fake timers). */
export function createRoomStatusPoller(roomId: number, onChange: PollerDeps["onChange"]): LiveStatusPoller {
  return new LiveStatusPoller({
    roomId,
    onChange,
    getLiveStatus: (id) => getLiveStatus(id),
    lastCallAt: lastStatusCallAt,
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
}
