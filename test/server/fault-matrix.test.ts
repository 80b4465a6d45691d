/**
 * The fault matrix: every upstream, storage and start-up fault driven through the WeChat emulator and a
 * real redis-server, observed from the shopper-facing API. Each row holds the same promises: the last
 * good copy is served when one exists, a clear `{error:{code,message}}` body when none does, no crash,
 * no secret in any log line. What each row observed is written to docs/fault-matrix.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ErrorBody, ReplayListResponse, RoomListResponse } from "../../typings/api";
import type { Emulator } from "../../server/src/emulator/server";
import {
  FakeClock,
  GOODS_101,
  TEST_SECRET,
  admin,
  emulator,
  fault,
  get,
  metric,
  removeTempDirs,
  server,
  serverEnv,
  settle,
  stats,
  storeStatus,
  tempDir,
  waitFor,
} from "../../server/test-support/harness";
import type { Response, ServerOptions, TestServer } from "../../server/test-support/harness";
import { msUntilShanghaiMidnight, shanghaiDay } from "../../server/src/quota/governor";
import { listeningUrl, portIsFree, run } from "./support/process";
import { startRedis } from "../../server/test-support/redis";
import type { TestRedis } from "../../server/test-support/redis";

const ROOT = path.resolve(__dirname, "../..");
const DOC = path.join(ROOT, "docs/fault-matrix.md");
// short upstream timeouts keep the suite quick; a slow upstream is slower than this
const TIMEOUT_MS = 300;
const SLOW_MS = 1500;
/** The emulator's tokens: a counter, "_", then 128 base64url characters. */
const TOKEN_SHAPE = /\d+_[A-Za-z0-9_-]{100,}/;
/** The `url` of GOODS_101, already encoded. */
const GOODS_URL = GOODS_101.split("url=")[1];

interface MatrixRow {
  fault: string;
  withData: string;
  withoutData: string;
  dataLost: string;
}

const matrix: MatrixRow[] = [];
const sweepCounts = new Map<number, number>();
let sweepTotal = 0;

let emu: Emulator;
let redis: TestRedis | undefined;
let servers: TestServer[] = [];

beforeEach(async () => {
  emu = await emulator();
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await emu.close();
  await redis?.stop();
  redis = undefined;
});

afterAll(() => {
  removeTempDirs();
  writeDoc();
});

async function start(options: ServerOptions = {}): Promise<TestServer> {
  const srv = await server(emu, {
    ...options,
    env: { WECHAT_TIMEOUT_MS: String(TIMEOUT_MS), LOG_LEVEL: "debug", ...options.env },
  });
  servers.push(srv);
  return srv;
}

const list = (srv: TestServer): Promise<Response<RoomListResponse>> =>
  get<RoomListResponse>(`${srv.url}/api/rooms?limit=100`);

const ids = (body: RoomListResponse): number[] => body.rooms.map((r) => r.roomId);

async function clearFaults(): Promise<void> {
  await fetch(`${emu.url}/__admin/faults`, { method: "DELETE" });
}

/** Moves past the refresh interval, asks once (stale-while-revalidate) and waits for the refresh. */
async function refresh(srv: TestServer, seconds = 61): Promise<void> {
  srv.clock.advance(seconds);
  await list(srv);
  await settle(srv);
}

/** How an answer reads in the matrix, from what the API actually sent. */
function outcome(res: Response<unknown>): string {
  if (res.status >= 400) {
    const { error } = res.body as ErrorBody;
    const retry = res.headers.get("retry-after");
    return `${res.status} \`${error.code}\`${retry ? `, Retry-After ${retry}` : ""}`;
  }
  const body = res.body as Partial<RoomListResponse & ReplayListResponse>;
  const items = body.rooms ?? body.replays ?? [];
  const what = body.replays ? "replays" : "rooms";
  return `${res.status}, ${items.length} ${what}, ${body.stale ? "stale (last good copy)" : "fresh"}`;
}

/** The promises every row keeps: an error has the body, servers still answer, no secret was logged. */
async function holdsInvariants(answers: Response<unknown>[], all: TestServer[] = servers): Promise<void> {
  for (const res of answers) {
    if (res.status >= 400) {
      const { error } = res.body as ErrorBody;
      expect(error.code).toEqual(expect.any(String));
      expect(error.message).toEqual(expect.any(String));
      expect(error.message.length).toBeGreaterThan(0);
    }
  }
  for (const srv of all) {
    expect((await get(`${srv.url}/healthz`)).status).toBe(200);
    for (const line of srv.logs.lines) {
      expect(line).not.toContain(TEST_SECRET);
      expect(line).not.toMatch(TOKEN_SHAPE);
      expect(line).not.toMatch(/access_token=(?!\[REDACTED\])/);
    }
  }
}

function lostVerdict(before: number[], after: number[]): string {
  if (after.length === 0 && before.length > 0) return "list emptied";
  return after.length >= before.length && before.every((id) => after.includes(id)) ? "no" : "yes";
}

/** A message that carries the secret and a live token: a leak into a log line would show. */
async function leakyErrmsg(): Promise<string> {
  const [token] = (await admin<{ valid: string[] }>(emu, "tokens")).valid;
  return `upstream says access_token=${token ?? "none"} secret=${TEST_SECRET} ${token ?? ""}`;
}

interface UpstreamCase {
  fault: string;
  spec: Record<string, unknown>;
  /** A token fault answered once: the client refreshes the token and retries, so the data is fresh. */
  recovers?: boolean;
  /** 9410000 means "no rooms": an authoritative empty list, not a failure. */
  empties?: boolean;
  /** 45009: no more calls until the quota day turns, so a cold instance stays 503 until midnight. */
  dayLong?: boolean;
}

const upstreamCases: UpstreamCase[] = [
  {
    fault: `upstream timeout (answer after ${SLOW_MS} ms, timeout ${TIMEOUT_MS} ms)`,
    spec: { delayMs: SLOW_MS },
  },
  { fault: "connection reset", spec: { reset: true } },
  { fault: "HTTP 500", spec: { status: 500 } },
  { fault: "bad JSON (truncated body)", spec: { badJson: true } },
  { fault: "errcode -1 (system error)", spec: { errcode: -1 } },
  { fault: "errcode 40001 (invalid token), once", spec: { errcode: 40001 }, recovers: true },
  { fault: "errcode 41001 (token missing), once", spec: { errcode: 41001 }, recovers: true },
  { fault: "errcode 42001 (token expired), once", spec: { errcode: 42001 }, recovers: true },
  { fault: "errcode 40001 twice in a row", spec: { errcode: 40001, times: 2 } },
  { fault: "errcode 45009 (daily quota)", spec: { errcode: 45009 }, dayLong: true },
  { fault: "errcode 48001 (api unauthorized)", spec: { errcode: 48001 } },
  { fault: "errcode 9410000 (no rooms)", spec: { errcode: 9410000 }, empties: true },
  { fault: "errcode 300022 (no such room) on the list", spec: { errcode: 300022 } },
];

describe("upstream faults on getliveinfo", () => {
  it.each(upstreamCases)("$fault", async ({ fault: name, spec, recovers, empties, dayLong }) => {
    // with data: a warm cache, then the fault hits the next refresh
    const warm = await start();
    const fresh = await list(warm);
    await fault(emu, { api: "getliveinfo", ...spec, errmsg: await leakyErrmsg() });
    warm.clock.advance(61);
    const during = await list(warm);
    await settle(warm);
    const after = await list(warm);
    const room = await get(`${warm.url}/api/rooms/${fresh.body.rooms[0].roomId}`);

    // without data: a new instance with nothing cached meets the same fault
    await clearFaults();
    const cold = await start();
    await fault(emu, { api: "getliveinfo", ...spec, errmsg: await leakyErrmsg() });
    const first = await list(cold);
    await clearFaults();
    cold.clock.advance(6);
    const callsBefore = (await stats(emu)).calls.getliveinfo;
    const retried = await list(cold);
    const callsAfter = (await stats(emu)).calls.getliveinfo;

    expect(fresh.status).toBe(200);
    expect(during.status).toBe(200);
    expect(during.body.rooms).toEqual(fresh.body.rooms);
    expect(after.status).toBe(200);
    if (dayLong) {
      expect(retried.status).toBe(503);
      expect(callsAfter).toBe(callsBefore);
    } else {
      expect(retried.status).toBe(200);
    }
    if (empties) {
      expect(after.body).toMatchObject({ rooms: [], stale: false });
      expect(first.status).toBe(200);
    } else if (recovers) {
      expect(after.body).toMatchObject({ rooms: fresh.body.rooms, stale: false });
      expect(after.body.updatedAt).toBeGreaterThan(fresh.body.updatedAt);
      expect(first.status).toBe(200);
    } else {
      expect(after.body).toMatchObject({ rooms: fresh.body.rooms, stale: true });
      expect(after.body.updatedAt).toBe(fresh.body.updatedAt);
      expect(room.status).toBe(200);
      expect(room.headers.get("x-data-stale")).toBe("1");
      expect(first.status).toBe(503);
      expect((first.body as unknown as ErrorBody).error.code).toBe("upstream_unavailable");
    }
    await holdsInvariants([during, after, room, first, retried]);
    matrix.push({
      fault: name,
      withData: outcome(after),
      withoutData: `${outcome(first)}; ${dayLong ? "no WeChat call until midnight" : first.status >= 400 ? "200 once WeChat answers" : "then 200"}`,
      dataLost: empties
        ? "list emptied: WeChat says there are no rooms (by design)"
        : lostVerdict(ids(fresh.body), ids(after.body)),
    });
  });
});

describe("faults around the token, quota and replays", () => {
  it("token expiry between calls", async () => {
    const warm = await start();
    const fresh = await list(warm);
    await admin(emu, "clock", { advanceSeconds: 7201 }); // WeChat's token dies; our copy does not know
    await refresh(warm);
    const after = await list(warm);

    const cold = await start();
    await fault(emu, { api: "getliveinfo", status: 500 });
    const first = await list(cold); // the token is fetched, the list fails
    await admin(emu, "clock", { advanceSeconds: 7201 });
    cold.clock.advance(6);
    const retried = await list(cold);
    const s = await stats(emu);

    expect(after.status).toBe(200);
    expect(after.body.stale).toBe(false);
    expect(ids(after.body)).toEqual(ids(fresh.body));
    expect(first.status).toBe(503);
    expect(retried.status).toBe(200);
    expect(s.answers["getliveinfo 42001"]).toBe(2);
    await holdsInvariants([after, first, retried]);
    matrix.push({
      fault: "access_token expires between calls (42001), refreshed and retried",
      withData: outcome(after),
      withoutData: `${outcome(retried)} (after an earlier 503)`,
      dataLost: lostVerdict(ids(fresh.body), ids(after.body)),
    });
  });

  it("quota exhausted mid-day", async () => {
    // our own budget: 3 calls with 2 kept for replays, so the list budget is spent after one pass
    const warm = await start({ env: { WX_DAILY_QUOTA: "3", WX_REPLAY_RESERVE: "2" } });
    const fresh = await list(warm);
    const callsBefore = (await stats(emu)).calls.getliveinfo;
    await refresh(warm);
    await refresh(warm, 3600);
    const after = await list(warm);
    const callsAfter = (await stats(emu)).calls.getliveinfo;

    // WeChat's count: its quota for today is already spent when a new instance starts cold
    await admin(emu, "config", { dailyQuota: 0 });
    const cold = await start();
    const first = await list(cold);

    expect(after.body).toMatchObject({ rooms: fresh.body.rooms, stale: true });
    expect(callsAfter).toBe(callsBefore); // spent locally: no upstream call made
    expect(first.status).toBe(503);
    expect(warm.logs.text()).toContain("daily quota exhausted");
    await holdsInvariants([after, first]);
    matrix.push({
      fault: "daily quota exhausted mid-day (our budget, then WeChat's 45009)",
      withData: `${outcome(after)}; no further WeChat calls that day`,
      withoutData: outcome(first),
      dataLost: lostVerdict(ids(fresh.body), ids(after.body)),
    });
  });

  it("errcode 48001: this appid has no live permission", async () => {
    interface Health {
      status: string;
      rooms: { failure?: string };
      problems?: Array<{ code: string; message: string }>;
    }
    const warm = await start();
    const fresh = await list(warm);
    await admin(emu, "config", { livePermission: false });
    for (let i = 0; i < 3; i++) await refresh(warm);
    const after = await list(warm);
    const health = await get<Health>(`${warm.url}/healthz`);
    const metrics = await get<string>(`${warm.url}/metrics`);

    const cold = await start();
    const first = await list(cold);
    cold.clock.advance(6);
    const retried = await list(cold);
    const coldHealth = await get<Health>(`${cold.url}/healthz`);

    await admin(emu, "config", { livePermission: true });
    await refresh(warm);
    const back = await list(warm);
    const healthBack = await get<Health>(`${warm.url}/healthz`);
    const metricsBack = await get<string>(`${warm.url}/metrics`);

    const said = (srv: TestServer): string[] =>
      srv.logs.lines.filter((line) => line.includes("this appid has no live permission"));
    expect(after.body).toMatchObject({ rooms: fresh.body.rooms, stale: true });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "degraded",
      rooms: { failure: "no_live_permission" },
      problems: [{ code: "no_live_permission", message: expect.stringContaining("48001") }],
    });
    expect(metrics.body).toMatch(
      /^cache_refresh_failures_total\{cache="rooms",reason="no_live_permission"\} 3$/m,
    );
    expect(metrics.body).toMatch(/^wx_live_permission_missing 1$/m);
    expect(said(warm)).toHaveLength(1); // three failed refreshes, one line in words
    expect(first.status).toBe(503);
    expect(retried.status).toBe(503);
    expect(said(cold)).toHaveLength(1);
    expect(coldHealth.body).toMatchObject({ status: "degraded", problems: [{ code: "no_live_permission" }] });
    expect(back.body).toMatchObject({ stale: false });
    expect(healthBack.body.status).toBe("ok");
    expect(healthBack.body.problems).toBeUndefined();
    expect(metricsBack.body).toMatch(/^wx_live_permission_missing 0$/m);
    expect(warm.logs.text()).toContain("the live permission is back");
    await holdsInvariants([after, first, retried, back]);
    matrix.push({
      fault: "errcode 48001: this appid has no live permission (live feature not granted or withdrawn)",
      withData: `${outcome(after)}; /healthz \`degraded\` names it, \`wx_live_permission_missing 1\`, one log line in words`,
      withoutData: `${outcome(first)}; /healthz names it; recovers on the first refresh once the permission is back`,
      dataLost: lostVerdict(ids(fresh.body), ids(after.body)),
    });
  });

  it("errcode 300022 (no such room) on get_replay", async () => {
    const warm = await start();
    const fresh = await get<ReplayListResponse>(`${warm.url}/api/rooms/19/replays`);
    await fault(emu, { api: "get_replay", errcode: 300022, errmsg: await leakyErrmsg() });
    warm.clock.advance(601);
    await get(`${warm.url}/api/rooms/19/replays`);
    await settle(warm);
    const after = await get<ReplayListResponse>(`${warm.url}/api/rooms/19/replays`);

    const cold = await start();
    await fault(emu, { api: "get_replay", errcode: 300022 });
    const first = await get(`${cold.url}/api/rooms/19/replays`);

    expect(fresh.body.total).toBe(2);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ replays: fresh.body.replays, stale: true });
    expect(first.status).toBe(503);
    await holdsInvariants([after, first]);
    matrix.push({
      fault: "errcode 300022 (no such room) on get_replay",
      withData: outcome(after),
      withoutData: outcome(first),
      dataLost: after.body.replays.length === fresh.body.replays.length ? "no" : "yes",
    });
  });
});

describe("restarts, storage and start-up", () => {
  it("restart with and without a snapshot while WeChat is down", async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const first = await start({ dataDir, clock });
    const fresh = await list(first);
    await first.close();
    servers = [];
    await fault(emu, { api: "*", status: 500, times: "always" });

    const withSnapshot = await start({ dataDir, clock });
    const restored = await list(withSnapshot);
    await refresh(withSnapshot);
    const after = await list(withSnapshot);
    const withoutSnapshot = await start({ clock });
    const cold = await list(withoutSnapshot);

    expect(restored.body).toEqual(fresh.body);
    expect(after.body).toMatchObject({ rooms: fresh.body.rooms, stale: true });
    expect(cold.status).toBe(503);
    await holdsInvariants([restored, after, cold]);
    matrix.push({
      fault: "restart while WeChat is down (snapshot in DATA_DIR / no snapshot)",
      withData: `${outcome(restored)} from the snapshot; after the interval ${outcome(after)}`,
      withoutData: outcome(cold),
      dataLost: lostVerdict(ids(fresh.body), ids(after.body)),
    });
  });

  it("Redis down and back", async () => {
    redis = await startRedis();
    const srv = await start({ env: { REDIS_URL: redis.url } });
    const fresh = await list(srv);
    await redis.stop();
    const during = await list(srv);
    await refresh(srv);
    const refreshed = await list(srv);
    const health = await get<{ store: string }>(`${srv.url}/healthz`);
    await redis.start();
    let store = "down";
    for (let i = 0; i < 100 && store !== "up"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      store = (await get<{ store: string }>(`${srv.url}/healthz`)).body.store;
    }
    const back = await list(srv);

    await redis.stop();
    await fault(emu, { api: "getliveinfo", status: 500 });
    const cold = await start({ env: { REDIS_URL: redis.url } });
    const first = await list(cold);

    expect(during.body).toEqual(fresh.body);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.updatedAt).toBeGreaterThan(fresh.body.updatedAt);
    expect(health.body.store).toBe("down");
    expect(store).toBe("up");
    expect(back.status).toBe(200);
    expect(srv.logs.text()).toContain("redis unavailable, serving from memory");
    expect(first.status).toBe(503);
    expect(cold.logs.text()).toContain("redis not reachable");
    await holdsInvariants([during, refreshed, back, first]);
    matrix.push({
      fault: "Redis down and back",
      withData: `${outcome(during)} from memory, refreshes go on without Redis (/healthz store "down", logged); Redis used again when back`,
      withoutData: `starts without Redis; with WeChat also failing ${outcome(first)}`,
      dataLost: lostVerdict(ids(fresh.body), ids(back.body)),
    });
  });

  it("unwritable DATA_DIR (a path under a regular file)", async () => {
    const file = path.join(tempDir(), "not-a-dir");
    writeFileSync(file, "");
    const dataDir = path.join(file, "data"); // mkdir fails with ENOTDIR, even for root
    const srv = await start({ dataDir });
    const fresh = await list(srv);
    await refresh(srv);
    const after = await list(srv);

    await fault(emu, { api: "getliveinfo", status: 500 });
    const cold = await start({ dataDir });
    const first = await list(cold);

    expect(fresh.status).toBe(200);
    expect(after.body.stale).toBe(false);
    expect(ids(after.body)).toEqual(ids(fresh.body));
    expect(srv.logs.text()).toMatch(/ENOTDIR.*snapshot write failed, serving from memory/);
    expect(first.status).toBe(503); // nothing was persisted: a restart starts cold
    await holdsInvariants([fresh, after, first]);
    matrix.push({
      fault: "unwritable DATA_DIR (path under a file: ENOTDIR; disk full takes the same path)",
      withData: `${outcome(after)}: serves from memory and logs "snapshot write failed, serving from memory"`,
      withoutData: `a restart finds no snapshot; with WeChat failing ${outcome(first)}`,
      dataLost: "no while running; the snapshot is not kept, so a restart starts cold",
    });
  });

  it("two instances started at once", async () => {
    redis = await startRedis();
    const shared = await Promise.all([1, 2].map(() => start({ env: { REDIS_URL: redis?.url ?? "" } })));
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => list(shared[i % 2])));
    const s = await stats(emu);

    const dataDir = tempDir();
    const local = await Promise.all([1, 2].map(() => start({ dataDir })));
    const localAnswers = await Promise.all(local.map((l) => list(l)));
    await Promise.all(local.map((l) => l.close()));
    const snapshot = JSON.parse(readFileSync(path.join(dataDir, "cache.json"), "utf8")) as Record<
      string,
      unknown
    >;

    await redis.stop();
    await redis.start(); // an empty Redis: nothing cached anywhere
    await fault(emu, { api: "*", status: 500, times: "always" });
    const down = await Promise.all([1, 2].map(() => start({ env: { REDIS_URL: redis?.url ?? "" } })));
    const cold = await Promise.all(down.map((d) => list(d)));

    expect(answers.every((a) => a.status === 200 && a.body.rooms.length > 0)).toBe(true);
    expect(s.listPasses).toBe(1);
    expect(s.calls.stable_token).toBe(1);
    expect(localAnswers.map((a) => a.status)).toEqual([200, 200]);
    expect(snapshot).toHaveProperty("rooms");
    expect(cold.map((c) => c.status)).toEqual([503, 503]);
    await holdsInvariants([...answers, ...cold], [...shared, ...down]);
    matrix.push({
      fault: "two instances started at once (one Redis; or one DATA_DIR without Redis)",
      withData: `all ${answers.length} answers 200 from ${s.listPasses} list pass and ${s.calls.stable_token} token request; sharing a DATA_DIR both answer 200 and the snapshot stays valid JSON`,
      withoutData: `both answer ${outcome(cold[0])} while WeChat is down`,
      dataLost: "no",
    });
  });
});

describe("deployment faults", () => {
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  /** Short Redis timeouts and a quick probe, so a stall is noticed (and its end) within a second. */
  const redisEnv = (): Record<string, string> => ({
    REDIS_URL: redis?.url ?? "",
    REDIS_TIMEOUT_MS: "300",
    REDIS_PROBE_INTERVAL_MS: "200",
  });
  const allSay = (all: TestServer[], status: string) => async (): Promise<boolean> =>
    (await Promise.all(all.map(storeStatus))).every((s) => s === status);
  /** Today's getliveinfo count as Redis itself holds it. */
  async function sharedQuota(clock: FakeClock): Promise<number> {
    const reply = (await redis?.command("GET", `wxlive:quota:${shanghaiDay(clock.ms)}`)) ?? "";
    return /^\$-1/.test(reply) ? 0 : Number(reply.split("\r\n")[1]);
  }

  /** One refresh interval: both instances asked twice, then the list passes it cost. */
  async function interval(pair: TestServer[], seconds = 61): Promise<number> {
    const before = (await stats(emu)).listPasses;
    pair[0].clock.advance(seconds);
    await Promise.all(pair.flatMap((srv) => [list(srv), list(srv)]));
    await settle(...pair);
    return (await stats(emu)).listPasses - before;
  }

  it.each([3, 30])("Redis stalls for %i s (SIGSTOP, then SIGCONT)", async (seconds) => {
    redis = await startRedis();
    const clock = new FakeClock();
    const pair = await Promise.all([1, 2].map(() => start({ clock, env: redisEnv() })));
    const fresh = await Promise.all(pair.map(list));
    const sharedBefore = await interval(pair);

    redis.pause();
    const pausedAt = Date.now();
    await waitFor(allSay(pair, "down"), 10_000, "both instances notice the stall");
    const during = await Promise.all(pair.map(list));
    // an instance whose copy is older than the other's (it lost the last lock) refreshes behind these
    // answers: let that finish, so the interval below counts only its own passes
    await settle(...pair);
    const apart = await interval(pair); // each instance refreshes on its own, from memory
    await sleep(Math.max(0, pausedAt + seconds * 1000 - Date.now()));
    redis.resume();

    const resumedAt = Date.now();
    await waitFor(allSay(pair, "up"), 10_000, "/healthz back to up within 10 s of SIGCONT");
    // a lock taken just before the stall may still be held in Redis: no refresh until it lapses, never two
    const afterResume: number[] = [];
    await waitFor(
      async () => {
        afterResume.push(await interval(pair));
        return afterResume[afterResume.length - 1] === 1;
      },
      Math.max(0, resumedAt + 10_000 - Date.now()),
      "one shared refresh per interval again within 10 s of SIGCONT",
    );
    const later = [await interval(pair), await interval(pair)];
    const shared = await sharedQuota(clock);
    const calls = (await stats(emu)).calls.getliveinfo;

    expect(sharedBefore).toBe(1);
    expect(during.map((r) => r.status)).toEqual([200, 200]);
    expect(during[0].body.rooms).toEqual(fresh[0].body.rooms);
    expect(apart).toBe(2);
    expect(afterResume.every((passes) => passes <= 1)).toBe(true);
    expect(later).toEqual([1, 1]);
    expect(shared).toBeGreaterThanOrEqual(calls); // calls counted apart were added back
    expect(pair[0].logs.text()).toContain("redis unavailable, serving from memory");
    await holdsInvariants(during);
    matrix.push({
      fault: `Redis stalls for ${seconds} s (SIGSTOP, then SIGCONT), two instances`,
      withData: `${outcome(during[0])} from memory on both; /healthz "down" within a second, each instance refreshes on its own (${apart} passes in one interval); "up" again and one shared refresh per interval within 10 s of SIGCONT; the shared quota count at least WeChat's count of calls (those made apart added back)`,
      withoutData: "as for Redis down: each instance fetches for itself while Redis stalls",
      dataLost: "no",
    });
  });

  it("Redis restarts without persistence", async () => {
    // one day's budget on both sides: WeChat says 45009 past 8 calls, our governor allows 7 list calls
    await admin(emu, "config", { dailyQuota: 8 });
    redis = await startRedis();
    const clock = new FakeClock();
    const env = { ...redisEnv(), WX_DAILY_QUOTA: "8", WX_REPLAY_RESERVE: "1" };
    const first = await start({ clock, env });
    const fresh = await list(first);
    // the governor spreads 7 list calls over the 14 h left today: a pass is due every ~2.3 h
    await refresh(first, 3 * 3600);
    await redis.stop();
    await refresh(first, 3 * 3600); // counted locally while Redis is away
    const countedApart = (await get<{ quotaUsedToday: number }>(`${first.url}/healthz`)).body.quotaUsedToday;
    await redis.start(); // empty: no persistence
    await waitFor(allSay([first], "up"), 10_000, "store up after the restart");
    const sharedAfter = await sharedQuota(clock);
    const second = await start({ clock, env }); // reads the count from the restarted Redis
    const secondSees = await metric(second, "wx_quota_used_today");
    const callsAfter = (await stats(emu)).calls.getliveinfo;
    // then the rest of the day with both instances, half an hour at a time, until midnight
    while (msUntilShanghaiMidnight(clock.ms) > 1_800_000) await interval([first, second], 1800);
    const s = await stats(emu);
    const after = await list(second);

    expect(callsAfter).toBe(3);
    expect(countedApart).toBe(callsAfter);
    expect(sharedAfter).toBe(callsAfter); // the count survived Redis losing it
    expect(secondSees).toBe(callsAfter);
    expect(s.answers["getliveinfo 45009"]).toBeUndefined();
    expect(s.calls.getliveinfo).toBeLessThanOrEqual(7);
    expect(await metric(second, "wx_quota_used_today")).toBeGreaterThanOrEqual(s.calls.getliveinfo);
    expect(after.status).toBe(200);
    await holdsInvariants([fresh, after], [first, second]);
    matrix.push({
      fault: "Redis restarts without persistence (quota 8 at WeChat and here)",
      withData: `${outcome(after)}; the shared quota count is written back (${sharedAfter} after the restart = WeChat's ${callsAfter}, calls made while Redis was away included); ${s.calls.getliveinfo} calls that day, no 45009`,
      withoutData: "a new instance reads the written-back count, not the empty Redis's 0",
      dataLost: "no: the quota count never goes down (the higher of local and shared is kept)",
    });
  });

  it("wrong-shape and future-dated snapshots", async () => {
    const write = (value: unknown): string => {
      const dir = tempDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "cache.json"), JSON.stringify(value));
      return dir;
    };
    const wrongShape = { rooms: { value: { value: null, updatedAt: 9999999999999 } } };
    const bad = await start({ dataDir: write(wrongShape) });
    const repaired = await Promise.all([1, 2, 3].map(() => list(bad)));

    const good = await start();
    const copy = (await list(good)).body;
    await good.close();
    servers = servers.filter((s) => s !== good);
    const futureEntry = {
      rooms: { value: { value: { rooms: copy.rooms, total: copy.total }, updatedAt: 9999999999999 } },
    };
    const future = await start({ dataDir: write(futureEntry) });
    const refreshedAtOnce = await list(future);
    await fault(emu, { api: "getliveinfo", status: 500 });
    const futureDown = await start({ dataDir: write(futureEntry) });
    const servedStale = await list(futureDown);
    futureDown.clock.advance(61); // the failed attempt spaces the next one like any other
    await list(futureDown);
    await settle(futureDown);
    const refreshed = await list(futureDown);

    await fault(emu, { api: "getliveinfo", status: 500 });
    const down = await start({ dataDir: write(wrongShape) });
    const first = await list(down);

    expect(repaired.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(repaired[0].body.stale).toBe(false);
    expect(repaired[0].body.rooms).toEqual(copy.rooms);
    expect(bad.logs.lines.filter((l) => l.includes("wrong shape, discarded"))).toHaveLength(1);
    expect(refreshedAtOnce.body.stale).toBe(false);
    expect(refreshedAtOnce.body.updatedAt).toBe(future.clock.now());
    expect(servedStale.status).toBe(200);
    expect(servedStale.body).toMatchObject({ rooms: copy.rooms, stale: true, updatedAt: 9999999999999 });
    expect(refreshed.body.stale).toBe(false);
    expect(refreshed.body.updatedAt).toBe(futureDown.clock.now());
    expect(first.status).toBe(503);
    await holdsInvariants(
      [...repaired, refreshedAtOnce, servedStale, refreshed, first],
      [bad, future, futureDown, down],
    );
    matrix.push({
      fault: "snapshot of the wrong shape (valid JSON) or stamped in the future",
      withData: `wrong shape: discarded and logged once, ${outcome(repaired[0])} from WeChat; future-dated: refreshed at once (${outcome(refreshedAtOnce)}), or with WeChat down ${outcome(servedStale)} until it answers`,
      withoutData: `wrong shape with WeChat down: ${outcome(first)} (not 500)`,
      dataLost: "only the bad value, which is never served",
    });
  });

  it("spoofed X-Forwarded-For behind a trusted proxy", async () => {
    const limit = 20;
    const burst = async (srv: TestServer, client: string): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < limit * 2; i++) {
        // the client writes any leftmost entries it likes; the proxy appends the address it saw
        const spoofed = `10.${i}.0.1, 198.51.100.${i}, ${client}`;
        statuses.push((await get(`${srv.url}/api/rooms`, { "x-forwarded-for": spoofed })).status);
      }
      return statuses;
    };
    const count = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;
    const env = { RATE_LIMIT_PER_MINUTE: String(limit) };
    const byHops = await start({ env: { ...env, TRUST_PROXY: "1" } });
    const byAddress = await start({ env: { ...env, TRUST_PROXY: "127.0.0.1" } });

    const hops = await burst(byHops, "203.0.113.7");
    const addresses = await burst(byAddress, "203.0.113.7");
    const otherClient = await get(`${byHops.url}/api/rooms`, { "x-forwarded-for": "203.0.113.8" });
    const limited = await get<ErrorBody>(`${byHops.url}/api/rooms`, {
      "x-forwarded-for": "1.1.1.1, 203.0.113.7",
    });

    for (const statuses of [hops, addresses]) {
      expect(count(statuses, 200)).toBe(limit);
      expect(count(statuses, 429)).toBe(limit);
    }
    expect(otherClient.status).toBe(200);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    await holdsInvariants([limited]);
    matrix.push({
      fault: `spoofed leftmost X-Forwarded-For entries, limit ${limit}/min (TRUST_PROXY=1 or =127.0.0.1)`,
      withData: `${limit * 2} requests: ${count(hops, 200)} × 200, ${count(hops, 429)} × 429 \`rate_limited\`; the key is the address the nearest trusted proxy saw, another client still 200`,
      withoutData: "the same: the limit is checked before the cache",
      dataLost: "no",
    });
  });

  it("SIGTERM to the production start command under load", async () => {
    const dataDir = tempDir();
    const prod = run(process.execPath, ["server/dist/index.js"], serverEnv(emu, dataDir), ROOT);
    try {
      const url = await listeningUrl(prod);
      const port = Number(new URL(url).port);
      await get(`${url}/api/rooms`); // the list is cached; replays of room 19 are not
      await fault(emu, { api: "get_replay", delayMs: 1500 });
      const waiting = 100;
      const requests = [
        ...Array.from({ length: waiting }, () => get(`${url}/api/rooms/19/replays`)),
        ...Array.from({ length: 100 }, (_, i) => get(`${url}/api/rooms?start=${i % 10}`)),
      ];
      // every replay request is inside the server, waiting on the one slow WeChat call
      await waitFor(
        async () => {
          const text = (await get<string>(`${url}/metrics`)).body;
          return new RegExp(`^cache_misses_total\\{cache="replays"\\} ${waiting}$`, "m").test(text);
        },
        30_000,
        "all replay requests in flight",
      );
      prod.kill("SIGTERM");
      const answers = await Promise.all(requests);
      const { code } = await prod.exit;

      expect(answers.filter((a) => a.status === 200)).toHaveLength(answers.length);
      expect(code).toBe(0);
      expect(await portIsFree(port)).toBe(true);
      expect(prod.output()).toContain('"msg":"stopped"');
      expect(prod.output()).not.toContain(TEST_SECRET);
      expect(readFileSync(path.join(dataDir, "cache.json"), "utf8")).toContain('"replays:19"');
      matrix.push({
        fault: "SIGTERM to `node server/dist/index.js` under load",
        withData: `all ${answers.length - waiting} requests for cached rooms answered 200; exit 0, port released`,
        withoutData: `all ${waiting} requests waiting on a slow WeChat call (1.5 s) answered 200 before exit`,
        dataLost: "no: the snapshot is written before exit",
      });
    } finally {
      prod.kill("SIGKILL");
    }
  });
});

describe("bad input", () => {
  const badValues: [string, string][] = [
    ["missing value", ""],
    ["empty", "="],
    ["negative", "=-1"],
    ["float", "=1.5"],
    ["huge", "=99999999999999999999"],
    ["non-numeric", "=abc"],
    ["exponent", "=1e3"],
    ["hex", "=0x10"],
  ];
  const badIds: [string, string][] = [
    ["missing", ""],
    ["zero", "0"],
    ["negative", "-1"],
    ["float", "1.5"],
    ["huge", "99999999999"],
    ["non-numeric", "abc"],
    ["bad percent-encoding", "%zz"],
    ["oversized (200 digits)", "1".repeat(200)],
  ];
  const badGoodsUrls: [string, string][] = [
    ["without url", ""],
    ["url empty", "?url="],
    ["url twice", `?url=${GOODS_URL}&url=${GOODS_URL}`],
    ["unknown parameter", `?url=${GOODS_URL}&x=1`],
    ["url not a page path", `?url=${encodeURIComponent("https://example.com/?id=1")}`],
    ["url with a parent segment", `?url=${encodeURIComponent("../x?id=1")}`],
    ["url with bad percent-encoding", "?url=%zz"],
    ["url oversized (3 KB)", `?url=${GOODS_URL}${"9".repeat(3000)}`],
  ];
  const requests: [string, string, string][] = [
    ...["start", "limit"].flatMap((param) =>
      badValues.map(([what, value]): [string, string, string] => [
        `?${param} ${what}`,
        "GET",
        `/api/rooms?${param}${value}`,
      ]),
    ),
    ["?limit below range", "GET", "/api/rooms?limit=0"],
    ["?limit above range", "GET", "/api/rooms?limit=101"],
    ["?limit given twice", "GET", "/api/rooms?limit=1&limit=2"],
    ["unknown parameter", "GET", "/api/rooms?page=2"],
    ...["/api/rooms/:id", "/api/rooms/:id/replays"].flatMap((route) =>
      badIds.map(([what, id]): [string, string, string] => [
        `${route} ${what}`,
        "GET",
        route.replace(":id", id),
      ]),
    ),
    ["unknown parameter on a room", "GET", "/api/rooms/19?x=1"],
    ...badGoodsUrls.map(([what, query]): [string, string, string] => [
      `/api/goods ${what}`,
      "GET",
      `/api/goods${query}`,
    ]),
    ...[
      "/",
      "/api",
      "/api/room",
      "/api/goods/101",
      "/api/rooms/19/replay",
      "/api/rooms/19/replays/1",
      "/api/goods/1/x",
    ].map((p): [string, string, string] => [`unknown path ${p}`, "GET", p]),
    ["oversized URL (20 KB query)", "GET", `/api/rooms?limit=${"9".repeat(20_000)}`],
    ["oversized URL (20 KB path)", "GET", `/api/rooms/${"1".repeat(20_000)}`],
    ...["POST", "PUT", "DELETE", "PATCH", "OPTIONS"].flatMap((method) =>
      ["/api/rooms", "/api/rooms/19", "/api/rooms/19/replays", GOODS_101].map(
        (p): [string, string, string] => [`wrong method ${method} ${p}`, method, p],
      ),
    ),
  ];

  it(`every one of ${requests.length} bad requests gets a 4xx with the error body`, async () => {
    const srv = await start();
    await list(srv);
    const failures: string[] = [];

    for (const [what, method, p] of requests) {
      const res = await get<ErrorBody>(`${srv.url}${p}`, {}, method);
      const body = res.body as Partial<ErrorBody> | string;
      const ok =
        res.status >= 400 &&
        res.status < 500 &&
        typeof body === "object" &&
        typeof body.error?.code === "string" &&
        typeof body.error.message === "string";
      if (!ok) failures.push(`${what}: ${res.status} ${JSON.stringify(body).slice(0, 120)}`);
      sweepCounts.set(res.status, (sweepCounts.get(res.status) ?? 0) + 1);
    }
    sweepTotal = requests.length;

    expect(failures).toEqual([]);
    await holdsInvariants([]);
  });
});

function writeDoc(): void {
  // only a complete run rewrites the document
  if (matrix.length !== upstreamCases.length + 14 || sweepTotal === 0) return;
  const cell = (text: string): string => text.replace(/\|/g, "\\|");
  const statuses = [...sweepCounts.entries()].sort(([a], [b]) => a - b);
  const text = [
    "# Fault matrix",
    "",
    "Written by `npx jest test/server/fault-matrix.test.ts` (part of `npm test`): each fault is driven through the",
    "WeChat emulator (`server/src/emulator`) and a real `redis-server`, with `WECHAT_TIMEOUT_MS=" +
      TIMEOUT_MS +
      "`, and",
    "the table shows what the shopper-facing API answered. Every row also asserts: the last good copy is served",
    "when one exists, a `{error:{code,message}}` body when none does, every instance still answers `/healthz`,",
    "and no captured log line contains the AppSecret or an access_token.",
    "",
    "| fault | with data cached | nothing cached | data lost? |",
    "| --- | --- | --- | --- |",
    ...matrix.map((r) => `| ${[r.fault, r.withData, r.withoutData, r.dataLost].map(cell).join(" | ")} |`),
    "",
    "## Bad-input sweep",
    "",
    `${sweepTotal} malformed requests (every parameter missing, empty, negative, float, huge, non-numeric;`,
    "unknown paths and parameters; oversized URLs; wrong methods), every one answered 4xx with the error body:",
    "",
    "| status | requests |",
    "| --- | --- |",
    ...statuses.map(([status, count]) => `| ${status} | ${count} |`),
    `| total | ${sweepTotal} |`,
    "",
  ].join("\n");
  const prettier = path.join(ROOT, "node_modules/prettier/bin/prettier.cjs");
  const formatted = execFileSync(process.execPath, [prettier, "--stdin-filepath", DOC], { input: text });
  writeFileSync(DOC, formatted);
}
