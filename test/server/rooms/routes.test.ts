import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ErrorBody, ReplayListResponse, RoomListResponse, RoomResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import {
  GOODS_101,
  admin,
  emulator,
  etagOf,
  get,
  getBytes,
  removeTempDirs,
  server,
  settle,
  stats,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

let emu: Emulator;
let srv: TestServer;

beforeAll(async () => {
  emu = await emulator();
  srv = await server(emu, { env: { ROOMS_PINNED: "19", ROOMS_HIDDEN: "16" } });
});

afterAll(async () => {
  await srv.close();
  await emu.close();
  removeTempDirs();
});

describe("GET /api/rooms", () => {
  it("answers the sample rooms, camelCased, pinned first and hidden ones left out", async () => {
    const res = await get<RoomListResponse>(`${srv.url}/api/rooms?start=0&limit=100`);

    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.total).toBe(9); // ten sample rooms, one hidden
    const ids = res.body.rooms.map((r) => r.roomId);
    expect(ids[0]).toBe(19);
    expect(res.body.rooms[0].pinned).toBe(true);
    expect(ids).not.toContain(16);
    // the rest keep WeChat's order: start_time descending
    const rest = res.body.rooms.slice(1);
    expect(rest.map((r) => r.startTime)).toEqual([...rest.map((r) => r.startTime)].sort((a, b) => b - a));
    const statuses = new Set(res.body.rooms.map((r) => r.liveStatus));
    expect([...statuses].sort()).toEqual([101, 102, 103, 104, 105, 107]);
    const room = res.body.rooms.find((r) => r.roomId === 22);
    expect(room).toMatchObject({
      name: "春季新品发布会 · 限时秒杀",
      anchorName: "小林店长",
      liveStatus: 101,
    });
    expect(room && "anchorImg" in room).toBe(false); // absent upstream: omitted, not null
    expect(JSON.stringify(res.body)).not.toContain("null");
    const priceTypes = new Set(res.body.rooms.flatMap((r) => r.goods.map((g) => g.priceType)));
    expect([...priceTypes].sort()).toEqual([1, 2, 3]);
  });

  it("pages with start and limit and defaults to 20", async () => {
    const page = await get<RoomListResponse>(`${srv.url}/api/rooms?start=2&limit=3`);
    const all = await get<RoomListResponse>(`${srv.url}/api/rooms`);

    expect(page.body.rooms.map((r) => r.roomId)).toEqual(all.body.rooms.slice(2, 5).map((r) => r.roomId));
    expect(page.body.total).toBe(all.body.total);
    expect(all.body.rooms).toHaveLength(9);
  });

  it("sends an ETag of the body's bytes and Cache-Control, and 304 with no body when If-None-Match matches", async () => {
    const first = await getBytes(`${srv.url}/api/rooms?limit=5`);
    const etag = etagOf(first.body);
    expect(first.headers.get("etag")).toBe(etag);
    expect(first.headers.get("cache-control")).toBe("public, max-age=5");

    const again = await getBytes(`${srv.url}/api/rooms?limit=5`, { "if-none-match": etag });

    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("public, max-age=5");
  });

  it.each([
    ["gzip", "gzip", gunzipSync],
    ["br", "br", brotliDecompressSync],
    ["gzip, deflate, br", "br", brotliDecompressSync],
    ["gzip;q=1, br;q=0.5", "gzip", gunzipSync],
  ])(
    "Accept-Encoding: %s gets the page as %s, with the ETag of those bytes",
    async (accept, coding, decode) => {
      const plain = await getBytes(`${srv.url}/api/rooms?limit=5`);
      const packed = await getBytes(`${srv.url}/api/rooms?limit=5`, { "accept-encoding": accept });
      const etag = etagOf(packed.body);
      const again = await getBytes(`${srv.url}/api/rooms?limit=5`, {
        "accept-encoding": accept,
        "if-none-match": etag,
      });

      expect(packed.headers.get("content-encoding")).toBe(coding);
      expect(packed.headers.get("vary")).toBe("accept-encoding");
      expect(packed.headers.get("etag")).toBe(etag);
      expect(etag).not.toBe(plain.headers.get("etag"));
      expect(decode(packed.body).equals(plain.body)).toBe(true);
      expect(packed.body.length).toBeLessThan(plain.body.length);
      expect(again.status).toBe(304);
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.headers.get("vary")).toBe("accept-encoding");
    },
  );

  const LIMIT = '"limit" must be an integer from 1 to 100';
  const START = '"start" must be an integer from 0 to 1000000';
  const badQueries = [
    ["limit=0", LIMIT],
    ["limit=101", LIMIT],
    ["limit=-1", LIMIT],
    ["limit=abc", LIMIT],
    ["limit=1.5", LIMIT],
    ["limit=", LIMIT],
    ["start=-1", START],
    ["start=1e3", START],
    ["start=%201", START],
    ["start=0x10", START],
    ["start=1&start=2", '"start" must be given once'],
    ["start=x&limit=1&limit=2", START],
    ["page=2", 'unknown parameter "page"'],
    ["limit=abc&sort=asc", 'unknown parameter "sort"'],
  ];
  it.each(badQueries)("answers 400 with the error body for ?%s", async (query, message) => {
    const res = await get<ErrorBody>(`${srv.url}/api/rooms?${query}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "bad_request", message } });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/rooms/:roomId", () => {
  it("answers one room, 404 when unknown or hidden, 400 when not an id", async () => {
    const room = await get<RoomResponse>(`${srv.url}/api/rooms/21`);
    const unknown = await get<ErrorBody>(`${srv.url}/api/rooms/999`);
    const hidden = await get<ErrorBody>(`${srv.url}/api/rooms/16`);
    const bad = await Promise.all(
      ["abc", "0", "-3", "1.5", "99999999999", "2147483648", "019"].map((id) =>
        get<ErrorBody>(`${srv.url}/api/rooms/${id}`),
      ),
    );
    const extra = await get<ErrorBody>(`${srv.url}/api/rooms/21?x=1`);

    expect(room.status).toBe(200);
    expect(room.body.roomId).toBe(21);
    expect(room.headers.get("x-data-stale")).toBeNull();
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect(hidden.status).toBe(404);
    expect(bad.map((r) => [r.status, r.body])).toEqual(
      Array(7).fill([400, { error: { code: "bad_request", message: "roomId must be a positive integer" } }]),
    );
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe('unknown parameter "x"');
  });

  it("answers 405 for other methods and 404 for unknown paths, with the error body", async () => {
    const post = await get<ErrorBody>(`${srv.url}/api/rooms`, {}, "POST");
    const missing = await get<ErrorBody>(`${srv.url}/api/nothing`);

    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe("method_not_allowed");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });
});

describe("GET /api/rooms/:roomId/replays", () => {
  it("fetches replays once per room for ended rooms and caches them", async () => {
    const before = await stats(emu);

    const first = await get<ReplayListResponse>(`${srv.url}/api/rooms/19/replays`);
    const second = await get<ReplayListResponse>(`${srv.url}/api/rooms/19/replays`);
    const after = await stats(emu);

    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(first.body.replays[0]).toEqual({
      mediaUrl: expect.stringMatching(/^https:\/\//),
      createTime: expect.any(String),
      expireTime: expect.any(String),
    });
    expect(second.body).toEqual(first.body);
    expect(after.calls.get_replay - before.calls.get_replay).toBe(1);
  });

  it("spends no quota on rooms that cannot have replays", async () => {
    const before = await stats(emu);

    const live = await get<ReplayListResponse>(`${srv.url}/api/rooms/22/replays`);
    const upcoming = await get<ReplayListResponse>(`${srv.url}/api/rooms/20/replays`);
    const expired = await get<ReplayListResponse>(`${srv.url}/api/rooms/13/replays`);
    const unknown = await get<ErrorBody>(`${srv.url}/api/rooms/999/replays`);
    const after = await stats(emu);

    for (const res of [live, upcoming, expired]) expect(res.body).toMatchObject({ replays: [], total: 0 });
    expect(unknown.status).toBe(404);
    expect(after.calls.get_replay).toBe(before.calls.get_replay);
  });

  it("follows the scripted room from 102 to 101 to 103 and then finds its replay", async () => {
    const at = async (): Promise<number> =>
      (await get<RoomResponse>(`${srv.url}/api/rooms/21`)).body.liveStatus;
    const step = async (seconds: number): Promise<void> => {
      await admin(emu, "clock", { advanceSeconds: seconds });
      srv.clock.advance(seconds);
      await get(`${srv.url}/api/rooms/21`); // serves the old copy and refreshes behind it
      await settle(srv);
    };

    expect(await at()).toBe(102);
    await step(11 * 60);
    expect(await at()).toBe(101);
    await step(30 * 60);
    expect(await at()).toBe(103);
    await step(15 * 60);
    const replays = await get<ReplayListResponse>(`${srv.url}/api/rooms/21/replays`);
    expect(replays.body.total).toBe(1);
  });
});

describe("operations", () => {
  it("/healthz reports the cache and /metrics speaks Prometheus text", async () => {
    const health = await get<{ status: string; rooms: { cached: boolean } }>(`${srv.url}/healthz`);
    const metrics = await get<string>(`${srv.url}/metrics`);

    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", store: "off", rooms: { cached: true } });
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    expect(metrics.body).toMatch(/^wx_upstream_calls_total\{api="getliveinfo",errcode="0"\} \d+$/m);
    expect(metrics.body).toMatch(/^wx_upstream_calls_total\{api="stable_token",errcode="0"\} 1$/m);
    expect(metrics.body).toMatch(/^cache_hits_total\{cache="rooms"\} \d+$/m);
    expect(metrics.body).toMatch(/^cache_misses_total\{cache="rooms"\} 1$/m);
    expect(metrics.body).toMatch(/^wx_quota_used_today [1-9]\d*$/m);
    expect(metrics.body).toMatch(/^wx_token_refreshes_total 1$/m);
    expect(metrics.body).toContain("# TYPE cache_stale_serves_total counter");
    const types = [...metrics.body.matchAll(/^# TYPE (\w+) (\w+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(types).toEqual(
      expect.arrayContaining([
        "wx_upstream_calls_total counter",
        "cache_hits_total counter",
        "cache_misses_total counter",
        "cache_stale_serves_total counter",
        "cache_refresh_failures_total counter",
        "wx_token_refreshes_total counter",
        "wx_quota_used_today gauge",
        "wx_quota_daily_limit gauge",
        "wx_live_permission_missing gauge",
        "redis_up gauge",
        // Node's default process metrics, from prom-client
        "process_cpu_user_seconds_total counter",
        "process_resident_memory_bytes gauge",
        "nodejs_eventloop_lag_seconds gauge",
      ]),
    );
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  });
});

describe("paging past 100 rooms", () => {
  it("reads every page from WeChat (limit 100) and serves any slice", async () => {
    const emu250 = await emulator({ rooms: 250 });
    const srv250 = await server(emu250);
    try {
      const last = await get<RoomListResponse>(`${srv250.url}/api/rooms?start=200&limit=100`);
      const middle = await get<RoomListResponse>(`${srv250.url}/api/rooms?start=95&limit=10`);
      const s = await stats(emu250);

      expect(last.body.total).toBe(250);
      expect(last.body.rooms).toHaveLength(50);
      expect(new Set(last.body.rooms.map((r) => r.roomId)).size).toBe(50);
      expect(middle.body.rooms).toHaveLength(10);
      expect(s.calls.getliveinfo).toBe(3);
      expect(s.listPasses).toBe(1);
      const statuses = new Set(
        (await get<RoomListResponse>(`${srv250.url}/api/rooms?limit=100`)).body.rooms.map(
          (r) => r.liveStatus,
        ),
      );
      expect(statuses.size).toBe(7);
    } finally {
      await srv250.close();
      await emu250.close();
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with the error body once a client exceeds its budget", async () => {
    const limited = await server(emu, { env: { RATE_LIMIT_PER_MINUTE: "5" } });
    try {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await get<ErrorBody>(`${limited.url}/api/rooms`));
      const health = await get(`${limited.url}/healthz`);

      expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[5].status).toBe(429);
      expect(answers[5].body.error.code).toBe("rate_limited");
      expect(health.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("every GET", () => {
  it.each([
    ["/api/rooms", "public, max-age=5"],
    ["/api/rooms?start=1&limit=2", "public, max-age=5"],
    ["/api/rooms/22", "public, max-age=5"],
    ["/api/rooms/13/replays", "public, max-age=60"],
    [GOODS_101, "public, max-age=5"],
    ["/healthz", "no-store"],
  ])(
    "%s has an ETag and Cache-Control %s, and answers 304 to a matching If-None-Match",
    async (path, cache) => {
      const first = await get(`${srv.url}${path}`);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(first.headers.get("cache-control")).toBe(cache);

      const again = await get(`${srv.url}${path}`, { "if-none-match": etag as string });

      expect(again.status).toBe(304);
      expect(again.body).toBe("");
    },
  );

  it("/api/rooms: different pages have different ETags", async () => {
    const a = await get(`${srv.url}/api/rooms?start=0&limit=2`);
    const b = await get(`${srv.url}/api/rooms?start=2&limit=2`);
    expect(a.headers.get("etag")).not.toBe(b.headers.get("etag"));
  });
});
