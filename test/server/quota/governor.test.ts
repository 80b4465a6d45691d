import type { ErrorBody, ReplayListResponse, RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import { msUntilShanghaiMidnight, shanghaiDay } from "../../../server/src/quota/governor";
import {
  FakeClock,
  emulator,
  get,
  removeTempDirs,
  server,
  settle,
  stats,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

/** An instant given as Shanghai wall-clock time on 2025-06-01 (UTC+8, no DST). */
const shanghai = (h: number, m = 0, s = 0): number => Date.UTC(2025, 5, 1, h - 8, m, s);

let emu: Emulator;
let srv: TestServer | undefined;

beforeEach(async () => {
  emu = await emulator();
});

afterEach(async () => {
  await srv?.close();
  srv = undefined;
  await emu.close();
});

afterAll(removeTempDirs);

async function start(clock: FakeClock, env: Record<string, string>): Promise<TestServer> {
  srv = await server(emu, { clock, env: { ROOMS_REFRESH_SECONDS: "60", ...env } });
  return srv;
}

/** Advances the server clock, asks for the list (triggering a due refresh) and waits for it. */
async function tick(s: TestServer, seconds: number): Promise<RoomListResponse> {
  s.clock.advance(seconds);
  await get(`${s.url}/api/rooms`);
  await settle(s);
  return (await get<RoomListResponse>(`${s.url}/api/rooms`)).body;
}

describe("the quota day", () => {
  it("turns at 00:00 Asia/Shanghai", () => {
    expect(shanghaiDay(Date.UTC(2025, 5, 1, 15, 59, 59))).toBe("2025-06-01");
    expect(shanghaiDay(Date.UTC(2025, 5, 1, 16, 0, 0))).toBe("2025-06-02");
    expect(msUntilShanghaiMidnight(shanghai(23, 59, 30))).toBe(30_000);
    expect(msUntilShanghaiMidnight(shanghai(0))).toBe(86_400_000);
  });
});

describe("the quota governor", () => {
  it("spaces list refreshes so the day's budget lasts", async () => {
    // quota 10 with 2 kept for replays: after the first pass, 7 passes for the 86,390 s left
    const s = await start(new FakeClock(shanghai(0, 0, 10)), {
      WX_DAILY_QUOTA: "10",
      WX_REPLAY_RESERVE: "2",
    });
    await get(`${s.url}/api/rooms`);

    await tick(s, 61);
    await tick(s, 12_000);
    const before = (await stats(emu)).listPasses;
    await tick(s, 400);

    expect(before).toBe(1); // 61 s and 12,061 s are inside the widened interval (≈ 12,341 s)
    expect((await stats(emu)).listPasses).toBe(2);
  });

  it("gives a new budget at midnight", async () => {
    // quota 3 with 1 for replays: the second pass of the day is the last one, due at 24:00
    const s = await start(new FakeClock(shanghai(23)), { WX_DAILY_QUOTA: "3", WX_REPLAY_RESERVE: "1" });
    await get(`${s.url}/api/rooms`);

    await tick(s, 30 * 60);
    await tick(s, 29 * 60 + 50); // 23:59:50
    const beforeMidnight = (await stats(emu)).listPasses;
    const after = await tick(s, 20); // 00:00:10

    expect(beforeMidnight).toBe(1);
    expect((await stats(emu)).listPasses).toBe(2);
    expect(after.stale).toBe(false);
  });

  it("with the list budget spent serves the last copy as stale, keeping the reserve for replays", async () => {
    const s = await start(new FakeClock(shanghai(10)), { WX_DAILY_QUOTA: "3", WX_REPLAY_RESERVE: "2" });
    const fresh = (await get<RoomListResponse>(`${s.url}/api/rooms`)).body;

    const later = await tick(s, 61);
    const replays = await get<ReplayListResponse>(`${s.url}/api/rooms/19/replays`);
    const more = await get<ReplayListResponse>(`${s.url}/api/rooms/15/replays`);
    const none = await get<ErrorBody>(`${s.url}/api/rooms/14/replays`);
    const metrics = (await get<string>(`${s.url}/metrics`)).body;
    const st = await stats(emu);

    expect(fresh.stale).toBe(false);
    expect(later.stale).toBe(true);
    expect(later.rooms).toEqual(fresh.rooms);
    expect(replays.body.total).toBe(2);
    expect(more.status).toBe(200);
    expect(none.status).toBe(503); // reserve spent and nothing cached for this room
    expect(none.body.error.code).toBe("upstream_unavailable");
    expect(st.calls.getliveinfo).toBe(1);
    expect(st.calls.get_replay).toBe(2);
    expect(metrics).toMatch(/^cache_refresh_failures_total\{cache="rooms",reason="getliveinfo quota"\} 1$/m);
    expect(metrics).toMatch(/^wx_quota_used_today 3$/m);
    expect(s.logs.text()).toContain("daily quota exhausted");
  });
});
