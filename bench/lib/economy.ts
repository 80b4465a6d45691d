/**
 * Upstream economy, read from the emulator's counters: how many WeChat calls the cache spends for a
 * burst, for a cluster and for a whole day. Time is simulated with the injectable clocks.
 */
import type { Emulator } from "../../server/src/emulator/server";
import {
  FakeClock,
  emulator,
  get,
  removeTempDirs,
  server,
  settle,
  stats,
} from "../../server/test-support/harness";
import type { TestServer } from "../../server/test-support/harness";
import { startRedis } from "../../server/test-support/redis";

export interface ColdBurst {
  requests: number;
  ok: number;
  listPasses: number;
  tokenRequests: number;
}

export interface Cluster {
  instances: number;
  intervals: number;
  listPasses: number;
  tokenRequests: number;
}

export interface SimulatedDay {
  dailyQuota: number;
  /** getliveinfo calls WeChat counted (list pages and replays). */
  callsUsed: number;
  listPasses: number;
  replayCalls: number;
  tokenRequests: number;
  quotaRejections: number;
  shopperRequests: number;
  nonOk: number;
}

export interface EconomyResult {
  coldBurst: ColdBurst;
  cluster: Cluster;
  day: SimulatedDay;
}

/** 00:00:10 on 2025-06-02 in Shanghai: the start of a quota day. */
const DAY_START = Date.UTC(2025, 5, 1, 16, 0, 10);
const REFRESH_S = 60;

async function coldBurst(requests: number): Promise<ColdBurst> {
  const emu = await emulator();
  // a generous timeout: the burst shares the CPU with the emulator
  const srv = await server(emu, { env: { WECHAT_TIMEOUT_MS: "10000", LOG_LEVEL: "warn" } });
  try {
    const answers = await Promise.all(Array.from({ length: requests }, () => get(`${srv.url}/api/rooms`)));
    const s = await stats(emu);
    return {
      requests,
      ok: answers.filter((a) => a.status === 200).length,
      listPasses: s.listPasses,
      tokenRequests: s.calls.stable_token + s.calls.token,
    };
  } finally {
    await srv.close();
    await emu.close();
  }
}

async function cluster(instances: number, intervals: number): Promise<Cluster> {
  const emu = await emulator();
  const redis = await startRedis();
  const clock = new FakeClock();
  const servers: TestServer[] = [];
  try {
    for (const _ of Array.from({ length: instances })) {
      servers.push(
        await server(emu, {
          clock,
          env: { REDIS_URL: redis.url, ROOMS_REFRESH_SECONDS: String(REFRESH_S), LOG_LEVEL: "warn" },
        }),
      );
    }
    const hitAll = (): Promise<unknown> =>
      Promise.all(servers.flatMap((s) => [1, 2, 3].map(() => get(`${s.url}/api/rooms`))));
    await hitAll();
    await settle(...servers);
    for (let i = 0; i < intervals; i++) {
      clock.advance(REFRESH_S + 1);
      await hitAll();
      await settle(...servers);
    }
    const s = await stats(emu);
    return {
      instances,
      intervals,
      listPasses: s.listPasses,
      tokenRequests: s.calls.stable_token + s.calls.token,
    };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await emu.close();
    await redis.stop();
  }
}

/** Shoppers ask every `stepS` seconds all day; an ended room's replays are opened once an hour. */
async function day(stepS: number): Promise<SimulatedDay> {
  const clock = new FakeClock(DAY_START);
  // the emulator counts its quota day on the same clock as the server
  const emu: Emulator = await emulator({ now: clock.now });
  const dailyQuota = emu.state.config.dailyQuota;
  // the default quota and refresh interval: what a shop gets without configuring anything
  const srv = await server(emu, {
    clock,
    env: { WX_DAILY_QUOTA: String(dailyQuota), ROOMS_REFRESH_SECONDS: "60", LOG_LEVEL: "warn" },
  });
  let shopperRequests = 0;
  let nonOk = 0;
  const ask = async (path: string): Promise<void> => {
    shopperRequests += 1;
    if ((await get(`${srv.url}${path}`)).status !== 200) nonOk += 1;
  };
  try {
    const end = DAY_START + 86_400_000 - 20_000; // read the counters before the quota day turns
    for (let step = 0; ; step++) {
      await ask("/api/rooms");
      if (step % Math.round(3600 / stepS) === 0) await ask("/api/rooms/19/replays");
      await settle(srv);
      if (clock.ms + stepS * 1000 > end) break;
      clock.advance(stepS);
    }
    const s = await stats(emu);
    return {
      dailyQuota,
      callsUsed: s.quota.used,
      listPasses: s.listPasses,
      replayCalls: s.calls.get_replay,
      tokenRequests: s.calls.stable_token + s.calls.token,
      quotaRejections: (s.answers["getliveinfo 45009"] ?? 0) + (s.answers["get_replay 45009"] ?? 0),
      shopperRequests,
      nonOk,
    };
  } finally {
    await srv.close();
    await emu.close();
  }
}

export async function measureEconomy(): Promise<EconomyResult> {
  try {
    return {
      coldBurst: await coldBurst(1000),
      cluster: await cluster(3, 10),
      day: await day(30),
    };
  } finally {
    removeTempDirs();
  }
}
