/**
 * The poller alone, with an injected clock, timers and status call (no jest timers, no plugin), so
 * every rule is checked against exact times.
 */
import {
  LiveStatusPoller,
  type PollState,
  type PollerDeps,
} from "../../../../miniprogram/packageA/services/live-status-poller";
import { flush } from "../../../support/mount";

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** A manual clock: timers run only when the test advances time, in order. */
class FakeScheduler {
  time = 0;
  private seq = 0;
  timers: FakeTimer[] = [];
  now = (): number => this.time;
  setTimer = (fn: () => void, ms: number): number => {
    this.seq += 1;
    this.timers.push({ id: this.seq, at: this.time + ms, fn });
    return this.seq;
  };
  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
    await flush();
  }
}

type Answer = number | Error | "hang";

/** The status call and the shared last-call record, as the adapter would keep them. */
function setup(answers: Answer[] | ((n: number) => Answer), overrides: Partial<PollerDeps> = {}) {
  const clock = new FakeScheduler();
  const record = new Map<number, number>();
  const calls: number[] = [];
  const changes: Array<{ next: PollState; previous: PollState }> = [];
  const answerFor = (n: number): Answer =>
    typeof answers === "function" ? answers(n) : answers[Math.min(n, answers.length - 1)];
  const poller = new LiveStatusPoller({
    roomId: 12,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    lastCallAt: (id) => record.get(id) ?? null,
    getLiveStatus: (id) => {
      const answer = answerFor(calls.length);
      calls.push(clock.time);
      record.set(id, clock.time);
      if (answer === "hang") return new Promise<number>(() => undefined);
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer);
    },
    onChange: (next, previous) => changes.push({ next, previous }),
    ...overrides,
  });
  return { clock, record, calls, changes, poller };
}

const MIN = 60_000;

describe("LiveStatusPoller", () => {
  test("calls at once, then every 60 s: 11 calls over 10 minutes", async () => {
    const { clock, calls, poller } = setup([101]);
    poller.start();
    await clock.advance(10 * MIN);
    expect(calls).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => m * MIN));
  });

  test("reports only changes: five equal answers give one onChange", async () => {
    const { clock, calls, changes, poller } = setup([102, 102, 102, 102, 102, 101]);
    poller.start();
    await clock.advance(4 * MIN);
    expect(calls).toHaveLength(5);
    expect(changes).toEqual([
      { next: { status: 102, unknown: false }, previous: { status: null, unknown: false } },
    ]);
    await clock.advance(MIN);
    expect(changes[1]).toEqual({
      next: { status: 101, unknown: false },
      previous: { status: 102, unknown: false },
    });
  });

  test("waits for 60 s after a call made elsewhere for the same room", async () => {
    const { clock, record, calls, poller } = setup([101]);
    clock.time = 100_000;
    record.set(12, 80_000);
    poller.start();
    await clock.advance(39_999);
    expect(calls).toEqual([]);
    await clock.advance(1);
    expect(calls).toEqual([140_000]);
  });

  test("a record in the future (clock moved back) does not block the first call", async () => {
    const { clock, record, calls, poller } = setup([101]);
    record.set(12, 10 * MIN);
    poller.start();
    expect(calls).toEqual([0]);
    await clock.advance(MIN);
    expect(calls).toEqual([0, MIN]);
  });

  test("a call that never settles is abandoned after 10 s and polling goes on", async () => {
    const { clock, calls, changes, poller } = setup(["hang", 101]);
    poller.start();
    await clock.advance(9_999);
    expect(changes).toEqual([]);
    await clock.advance(1);
    expect(poller.current).toEqual({ status: null, unknown: true });
    await clock.advance(50_000);
    expect(calls).toEqual([0, MIN]);
    expect(poller.current).toEqual({ status: 101, unknown: false });
  });

  test("errors back off 60 → 120 → 300 s, keep the last status, and a success resets the pace", async () => {
    const fail = new Error("网络超时");
    const { clock, calls, poller } = setup([102, fail, fail, fail, fail, 102, 102]);
    poller.start();
    await clock.advance(MIN);
    expect(poller.current).toEqual({ status: 102, unknown: true });
    await clock.advance(30 * MIN);
    const gaps = calls.slice(1).map((t, i) => (t - calls[i]) / 1000);
    expect(gaps.slice(0, 6)).toEqual([60, 60, 120, 300, 300, 60]);
    expect(poller.current).toEqual({ status: 102, unknown: false });
  });

  test.each([0, 999, Number.NaN])("status code %p counts as an error", async (code) => {
    const { clock, calls, poller } = setup([101, code]);
    poller.start();
    await clock.advance(MIN);
    expect(poller.current).toEqual({ status: 101, unknown: true });
    await clock.advance(MIN);
    expect(calls).toHaveLength(3);
  });

  test("a throwing status call is an error, not a crash, and still paces the next call", async () => {
    let thrown = 0;
    const { clock, poller } = setup([101], {
      // Throws before anything reaches the shared record, so only the poller's own time can pace it.
      getLiveStatus: () => {
        thrown += 1;
        throw new Error("plugin missing");
      },
    });
    poller.start();
    await clock.advance(59_999);
    expect(thrown).toBe(1);
    expect(poller.current).toEqual({ status: null, unknown: true });
    await clock.advance(1);
    expect(thrown).toBe(2);
    expect(poller.isStopped).toBe(false);
  });

  test.each([103, 104, 107])("terminal status %p stops it for good, with no timer left", async (code) => {
    const { clock, calls, poller } = setup([102, code, 101]);
    poller.start();
    await clock.advance(MIN);
    expect(poller.isStopped).toBe(true);
    expect(clock.timers).toEqual([]);
    poller.start();
    await clock.advance(10 * MIN);
    expect(calls).toEqual([0, MIN]);
    expect(poller.current.status).toBe(code);
  });

  test.each([101, 102, 105, 106])("status %p keeps polling", async (code) => {
    const { clock, calls, poller } = setup([code]);
    poller.start();
    await clock.advance(3 * MIN);
    expect(calls).toHaveLength(4);
    expect(poller.isStopped).toBe(false);
  });

  test("pause leaves no timer; resume waits for 60 s after the last call", async () => {
    const { clock, calls, poller } = setup([101]);
    poller.start();
    await clock.advance(10_000);
    poller.pause();
    expect(clock.timers).toEqual([]);
    await clock.advance(30_000);
    poller.start();
    await clock.advance(19_999);
    expect(calls).toEqual([0]);
    await clock.advance(1);
    expect(calls).toEqual([0, MIN]);
  });

  test("paused for 10 minutes makes no call, and resuming calls at once", async () => {
    const { clock, calls, poller } = setup([101]);
    poller.start();
    await clock.advance(1_000);
    poller.pause();
    await clock.advance(10 * MIN);
    expect(calls).toEqual([0]);
    poller.start();
    expect(calls).toEqual([0, 601_000]);
  });

  test("an answer arriving after pause is dropped", async () => {
    let resolve: (code: number) => void = () => undefined;
    const { clock, changes, poller } = setup([101], {
      getLiveStatus: () => new Promise<number>((r) => (resolve = r)),
    });
    poller.start();
    poller.pause();
    resolve(101);
    await clock.advance(0);
    expect(changes).toEqual([]);
    expect(clock.timers).toEqual([]);
  });

  test("starting twice runs one schedule", async () => {
    const { clock, calls, poller } = setup([101]);
    poller.start();
    poller.start();
    await clock.advance(2 * MIN);
    expect(calls).toEqual([0, MIN, 2 * MIN]);
  });

  test("stop leaves no timer even during a call, and start after stop does nothing", async () => {
    const { clock, calls, poller } = setup(["hang"]);
    poller.start();
    expect(clock.timers).toHaveLength(1);
    poller.stop();
    expect(clock.timers).toEqual([]);
    poller.start();
    await clock.advance(10 * MIN);
    expect(calls).toEqual([0]);
  });

  test("the timeout is capped at 10 s", async () => {
    const { clock, poller } = setup(["hang"], { timeoutMs: 30_000 });
    poller.start();
    await clock.advance(10_000);
    expect(poller.current.unknown).toBe(true);
  });
});
