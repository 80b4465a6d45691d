import type { RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import {
  FakeClock,
  emulator,
  get,
  metric,
  removeTempDirs,
  server,
  settle,
  stats,
  storeStatus,
  waitFor,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";
import { startRedis } from "../../../server/test-support/redis";
import type { TestRedis } from "../../../server/test-support/redis";

let emu: Emulator;
let redis: TestRedis;
let servers: TestServer[] = [];

beforeEach(async () => {
  emu = await emulator({ rooms: 150 });
  redis = await startRedis();
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await emu.close();
  await redis.stop();
});

afterAll(removeTempDirs);

/** Three instances sharing one Redis and one clock, as three processes behind a load balancer would. */
async function threeInstances(
  env: Record<string, string> = {},
  clock = new FakeClock(),
): Promise<TestServer[]> {
  servers = await Promise.all(
    [1, 2, 3].map(() => server(emu, { clock, env: { REDIS_URL: redis.url, ...env } })),
  );
  return servers;
}

describe("with Redis, instances share", () => {
  it("one token and one list pass for concurrent cold requests across three instances", async () => {
    const all = await threeInstances();

    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => get<RoomListResponse>(`${all[i % 3].url}/api/rooms`)),
    );
    const s = await stats(emu);

    expect(answers.every((a) => a.status === 200 && a.body.total === 150)).toBe(true);
    expect(s.calls.stable_token).toBe(1);
    expect(s.listPasses).toBe(1);
    expect(s.calls.getliveinfo).toBe(2);
  });

  it("one refresh per interval", async () => {
    const clock = new FakeClock();
    const all = await threeInstances({}, clock);
    await Promise.all(all.map((s) => get(`${s.url}/api/rooms`)));

    for (let round = 1; round <= 3; round++) {
      clock.advance(61);
      await Promise.all(all.flatMap((s) => [get(`${s.url}/api/rooms`), get(`${s.url}/api/rooms`)]));
      await settle(...all);
      expect((await stats(emu)).listPasses).toBe(1 + round);
    }
    expect((await stats(emu)).calls.stable_token).toBe(1);
  });

  it("one daily budget", async () => {
    // 150 rooms = 2 pages per pass; quota 9 with 1 kept for replays: after the first pass 3 more fit,
    // spread over the day (8 h apart), the last one due at midnight
    const clock = new FakeClock(Date.UTC(2025, 5, 1, 16, 0, 10)); // 00:00:10 in Shanghai
    const all = await threeInstances({ WX_DAILY_QUOTA: "9", WX_REPLAY_RESERVE: "1" }, clock);
    await get(`${all[0].url}/api/rooms`);

    for (let hour = 1; hour < 24; hour++) {
      clock.advance(3600);
      await Promise.all(all.map((s) => get(`${s.url}/api/rooms`)));
      await settle(...all);
    }
    const s = await stats(emu);

    expect(s.calls.getliveinfo).toBeLessThanOrEqual(8);
    expect(s.listPasses).toBe(3); // 00:00, 08:00, 16:00; the fourth falls at 24:00
    expect(s.answers["getliveinfo 45009"]).toBeUndefined();
    for (const srv of all) expect(await metric(srv, "wx_quota_used_today")).toBe(s.calls.getliveinfo);
  });
});

describe("Redis going away", () => {
  it("keeps answering from memory, logs it, and uses Redis again when it returns", async () => {
    const clock = new FakeClock();
    const [srv] = (servers = [await server(emu, { clock, env: { REDIS_URL: redis.url } })]);
    const warm = await get<RoomListResponse>(`${srv.url}/api/rooms`);

    await redis.stop();
    const during = await Promise.all([1, 2, 3].map(() => get<RoomListResponse>(`${srv.url}/api/rooms`)));
    clock.advance(61);
    await get(`${srv.url}/api/rooms`);
    await settle(srv);
    const refreshed = await get<RoomListResponse>(`${srv.url}/api/rooms`);
    const health = await get<{ store: string }>(`${srv.url}/healthz`);

    expect(during.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(during[0].body.rooms).toEqual(warm.body.rooms);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.updatedAt).toBeGreaterThan(warm.body.updatedAt); // refreshed without Redis
    expect(health.body.store).toBe("down");
    expect(srv.logs.text()).toContain("redis unavailable");

    await redis.start();
    await waitFor(async () => (await storeStatus(srv)) === "up", 5000, "store up again");
    clock.advance(61);
    await get(`${srv.url}/api/rooms`);
    await settle(srv);
    const second = await server(emu, { clock, env: { REDIS_URL: redis.url } });
    servers.push(second);
    const passes = (await stats(emu)).listPasses;
    const fromRedis = await get<RoomListResponse>(`${second.url}/api/rooms`);

    expect(srv.logs.text()).toContain("redis connected");
    expect(fromRedis.status).toBe(200);
    expect((await stats(emu)).listPasses).toBe(passes); // the new instance found the copy in Redis
  });

  it("starts and answers when Redis is not there at all", async () => {
    await redis.stop();
    const [srv] = (servers = [await server(emu, { env: { REDIS_URL: redis.url } })]);

    const res = await get<RoomListResponse>(`${srv.url}/api/rooms`);

    expect(res.status).toBe(200);
    expect(srv.logs.text()).toContain("redis not reachable");
  });
});
