import { readFileSync } from "node:fs";
import type { RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import {
  FakeClock,
  GOODS_101,
  emulator,
  get,
  removeTempDirs,
  server,
  stats,
  tempDir,
} from "../../../server/test-support/harness";

/** The kernel's cap on listen backlogs (Linux); elsewhere assume it is not the limit. */
function somaxconn(): number {
  try {
    return Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8").trim());
  } catch {
    return Infinity;
  }
}

let emu: Emulator;

beforeEach(async () => {
  emu = await emulator({ rooms: 230 });
});

afterEach(async () => {
  await emu.close();
});

afterAll(removeTempDirs);

describe("single-flight", () => {
  it("1,000 concurrent cold requests cause one list pass and one token request", async () => {
    // 1,000 connects at once wait in the kernel's accept queue while the event loop is busy: the listen
    // backlog (BACKLOG, default 2048; Node's own default 511 overflowed under load and reset connections)
    // must hold them all, and the kernel must allow it (net.core.somaxconn caps every backlog)
    expect(Math.min(2048, somaxconn())).toBeGreaterThanOrEqual(1000);
    // a generous timeout: 1,000 requests share two cores with the emulator
    const srv = await server(emu, { env: { WECHAT_TIMEOUT_MS: "10000", BACKLOG: "2048" } });
    try {
      const paths = ["/api/rooms", "/api/rooms?start=100&limit=100", "/api/rooms/1100", GOODS_101];

      const answers = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => get(`${srv.url}${paths[i % paths.length]}`)),
      );
      const s = await stats(emu);

      expect(answers.filter((a) => a.status === 200)).toHaveLength(1000);
      expect(s.listPasses).toBe(1);
      expect(s.calls.getliveinfo).toBe(3); // 230 rooms: pages of 100, 100 and 30
      expect(s.calls.stable_token).toBe(1);
    } finally {
      await srv.close();
    }
  });
});

describe("snapshot", () => {
  it("a restart within the refresh interval makes zero upstream calls", async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const first = await server(emu, { dataDir, clock });
    const before = await get<RoomListResponse>(`${first.url}/api/rooms?limit=100`);
    await get(`${first.url}/api/rooms/1228/replays`);
    await first.close();
    const { calls } = await stats(emu);
    expect(calls.get_replay).toBe(1); // room 1228 has ended: its replays are in the snapshot too

    clock.advance(30);
    const second = await server(emu, { dataDir, clock });
    try {
      const after = await get<RoomListResponse>(`${second.url}/api/rooms?limit=100`);
      const room = await get(`${second.url}/api/rooms/${before.body.rooms[0].roomId}`);
      const goods = await get(`${second.url}${GOODS_101}`);
      await get(`${second.url}/api/rooms/1228/replays`);

      expect(after.body).toEqual(before.body);
      expect(room.status).toBe(200);
      expect(goods.status).toBe(200);
      expect((await stats(emu)).calls).toEqual(calls);
    } finally {
      await second.close();
    }
  });

  it("starts cold, and refreshes, when the snapshot is older than the interval", async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const first = await server(emu, { dataDir, clock });
    await get(`${first.url}/api/rooms`);
    await first.close();

    clock.advance(120);
    const second = await server(emu, { dataDir, clock });
    try {
      const res = await get<RoomListResponse>(`${second.url}/api/rooms`);
      await second.rooms.settled();

      expect(res.status).toBe(200); // the old copy at once, refreshed behind it
      expect((await stats(emu)).listPasses).toBe(2);
    } finally {
      await second.close();
    }
  });
});
