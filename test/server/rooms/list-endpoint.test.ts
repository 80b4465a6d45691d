/**
 * GET /api/rooms has two paths (rooms/list-endpoint.ts): the early one, before Fastify's routing, and
 * Fastify's route. Each case runs two servers on the same emulator and the same clock, one with the
 * early path and one without (every request through Fastify), sends both the same requests, and
 * asserts the same status, headers and body. It also says which path the first server took
 * (api_rooms_early_answers_total), so a case cannot silently compare Fastify with itself.
 */
import type { Emulator } from "../../../server/src/emulator/server";
import {
  FakeClock,
  emulator,
  fault,
  getBytes,
  metric,
  removeTempDirs,
  server,
  settle,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

let emu: Emulator;
let servers: TestServer[] = [];

beforeEach(async () => {
  emu = await emulator();
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await emu.close();
});

afterAll(removeTempDirs);

interface Pair {
  /** With the early path. */
  early: TestServer;
  /** Without: every request through Fastify. */
  fastify: TestServer;
}

/**
 * Two servers alike but for the early path, on one clock (so their copies carry the same updatedAt),
 * with /metrics on its own port (scraping it must not spend the API's rate limits).
 */
async function pair(overrides: Record<string, string> = {}): Promise<Pair> {
  const env = { METRICS_PORT: "0", ...overrides };
  const clock = new FakeClock();
  const early = await server(emu, { clock, env });
  const fastify = await server(emu, { clock, env, earlyPath: false });
  servers.push(early, fastify);
  return { early, fastify };
}

/** Headers both paths cannot share: Node's own per-connection ones. */
const CONNECTION_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

interface Seen {
  status: number;
  headers: Record<string, string>;
  /** As text, to read JSON in assertions. */
  body: string;
  /** Exactly, base64: what the two paths are compared on (a compressed body is no text). */
  bytes: string;
}

async function ask(srv: TestServer, path: string, headers: Record<string, string>): Promise<Seen> {
  const res = await getBytes(`${srv.url}${path}`, headers);
  const kept = [...res.headers.entries()].filter(([name]) => !CONNECTION_HEADERS.has(name));
  return {
    status: res.status,
    headers: Object.fromEntries(kept.sort()),
    body: res.body.toString("utf8"),
    bytes: res.body.toString("base64"),
  };
}

/** The same request to both servers; whether the first answered it on the early path. */
async function bothPaths(
  servers: Pair,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ network: Seen; fastify: Seen; early: boolean }> {
  const before = await metric(servers.early, "api_rooms_early_answers_total");
  const network = await ask(servers.early, path, headers);
  const early = (await metric(servers.early, "api_rooms_early_answers_total")) === before + 1;
  const fastify = await ask(servers.fastify, path, headers);
  expect(await metric(servers.fastify, "api_rooms_early_answers_total")).toBe(0);
  return { network, fastify, early };
}

/** The same request to both, for set-up. */
const both = (servers: Pair, path = "/api/rooms"): Promise<unknown> =>
  Promise.all([getBytes(`${servers.early.url}${path}`), getBytes(`${servers.fastify.url}${path}`)]);

describe("both paths give the same answer", () => {
  it.each(["/api/rooms", "/api/rooms?limit=5", "/api/rooms?start=2&limit=3", "/api/rooms?start=50"])(
    "200 for %s, taken early",
    async (path) => {
      const srv = await pair();
      await both(srv); // the first request fills the cache (through Fastify)

      const { network, fastify, early } = await bothPaths(srv, path);

      expect(early).toBe(true);
      expect(network.status).toBe(200);
      expect(network).toEqual(fastify);
    },
  );

  it("queries taking turns on one server each get their own page, taken early", async () => {
    const srv = await pair();
    await both(srv);
    const paths = ["/api/rooms?limit=5", "/api/rooms?start=2&limit=3", "/api/rooms?limit=5", "/api/rooms"];

    const seen = [];
    for (const path of paths) seen.push(await bothPaths(srv, path));

    expect(seen.map((s) => s.early)).toEqual([true, true, true, true]);
    for (const s of seen) expect(s.network).toEqual(s.fastify);
    const counts = seen.map((s) => (JSON.parse(s.network.body) as { rooms: unknown[] }).rooms.length);
    expect(counts.slice(0, 3)).toEqual([5, 3, 5]);
    expect(seen[1].network.headers.etag).not.toBe(seen[0].network.headers.etag);
    expect(seen[2].network.headers.etag).toBe(seen[0].network.headers.etag);
  });

  it.each(["gzip", "br", "gzip, deflate, br", "identity", "gzip;q=0"])(
    "200 and 304 with Accept-Encoding: %s, taken early",
    async (acceptEncoding) => {
      const srv = await pair();
      await both(srv);
      const headers = { "accept-encoding": acceptEncoding };

      const ok = await bothPaths(srv, "/api/rooms?limit=100", headers);
      const again = await bothPaths(srv, "/api/rooms?limit=100", {
        ...headers,
        "if-none-match": ok.network.headers.etag,
      });

      expect([ok.early, again.early]).toEqual([true, true]);
      expect([ok.network.status, again.network.status]).toEqual([200, 304]);
      expect(ok.network).toEqual(ok.fastify);
      expect(again.network).toEqual(again.fastify);
    },
  );

  it("304 for a matching If-None-Match, strong or weak, taken early", async () => {
    const srv = await pair();
    await both(srv, "/api/rooms?limit=5");
    const etag = (await getBytes(`${srv.early.url}/api/rooms?limit=5`)).headers.get("etag") ?? "";

    for (const ifNoneMatch of [etag, `W/${etag}`]) {
      const { network, fastify, early } = await bothPaths(srv, "/api/rooms?limit=5", {
        "if-none-match": ifNoneMatch,
      });

      expect(early).toBe(true);
      expect(network.status).toBe(304);
      expect(network.body).toBe("");
      expect(network).toEqual(fastify);
    }
  });

  it("stale: 200 and 304 with X-Data-Stale, taken early", async () => {
    const srv = await pair({ WECHAT_TIMEOUT_MS: "300" });
    await both(srv);
    await fault(emu, { api: "*", status: 500, times: "always" });
    srv.early.clock.advance(61); // one clock: both servers
    await both(srv); // serves the old copy and fails to refresh behind it
    await settle(srv.early, srv.fastify);

    const fresh = await bothPaths(srv, "/api/rooms");
    const etag = fresh.network.headers.etag;
    const revalidated = await bothPaths(srv, "/api/rooms", { "if-none-match": etag });

    expect(fresh.early).toBe(true);
    expect(fresh.network.status).toBe(200);
    expect(fresh.network.headers["x-data-stale"]).toBe("1");
    expect(JSON.parse(fresh.network.body)).toMatchObject({ stale: true });
    expect(fresh.network).toEqual(fresh.fastify);
    expect(revalidated.early).toBe(true);
    expect(revalidated.network.status).toBe(304);
    expect(revalidated.network.headers["x-data-stale"]).toBe("1");
    expect(revalidated.network).toEqual(revalidated.fastify);
  });

  const badQueries = [
    "limit=0",
    "limit=101",
    "limit=-1",
    "limit=abc",
    "limit=1.5",
    "limit=",
    "limit",
    "start=-1",
    "start=1e3",
    "start=%201",
    "start=0x10",
    "start=1&start=2",
    "page=2",
    "limit=10&sort=asc",
    "__proto__=1",
    "constructor=1",
    "limit=%zz",
  ];
  it.each(badQueries)("400 for ?%s, left to Fastify", async (query) => {
    const srv = await pair();
    await both(srv);

    const { network, fastify, early } = await bothPaths(srv, `/api/rooms?${query}`);

    expect(early).toBe(false);
    expect(network.status).toBe(400);
    expect(JSON.parse(network.body).error.code).toBe("bad_request");
    expect(network).toEqual(fastify);
  });

  it.each(["/api/rooms/", "/api/roomsx", "/api/rooms;limit=5", "/API/rooms", "/api/rooms/19"])(
    "%s is not the list's early path",
    async (path) => {
      const srv = await pair();
      await both(srv);

      const { network, fastify, early } = await bothPaths(srv, path);

      expect(early).toBe(false);
      expect(network).toEqual(fastify);
    },
  );

  it("over the client's budget: the same 429 with the error body from both", async () => {
    const srv = await pair({ RATE_LIMIT_PER_MINUTE: "2" });
    await both(srv); // 1 of 2 each

    const within = await bothPaths(srv, "/api/rooms"); // 2 of 2
    const over = await bothPaths(srv, "/api/rooms"); // 3: over
    const revalidating = await bothPaths(srv, "/api/rooms", { "if-none-match": within.network.headers.etag });

    expect(within.early).toBe(true);
    expect(within.network.status).toBe(200);
    expect(within.network).toEqual(within.fastify);
    expect(over.early).toBe(true);
    expect(over.network.status).toBe(429);
    expect(JSON.parse(over.network.body)).toEqual({
      error: { code: "rate_limited", message: "too many requests, retry in 60 seconds" },
    });
    expect(over.network.headers["retry-after"]).toBe("60");
    expect(over.network.headers["cache-control"]).toBe("no-store");
    expect(over.network).toEqual(over.fastify);
    expect(revalidating.network.status).toBe(429);
    expect(revalidating.network).toEqual(revalidating.fastify);
  });

  it("nothing cached yet: both wait for WeChat (through Fastify), or both answer 503", async () => {
    const cold = await pair();
    const first = await bothPaths(cold, "/api/rooms?limit=2");
    await Promise.all(servers.map((s) => s.close()));
    servers = [];

    await fault(emu, { api: "*", status: 500, times: "always" });
    const failing = await pair({ WECHAT_TIMEOUT_MS: "300" });
    const down = await bothPaths(failing, "/api/rooms");

    expect(first.early).toBe(false);
    expect(first.network.status).toBe(200);
    expect(first.network).toEqual(first.fastify);
    expect(down.early).toBe(false);
    expect(down.network.status).toBe(503);
    expect(down.network.headers["retry-after"]).toBe("5");
    expect(down.network).toEqual(down.fastify);
  });

  it("the early path keys the budget on the address TRUST_PROXY gives, like Fastify", async () => {
    const srv = await pair({ RATE_LIMIT_PER_MINUTE: "1", TRUST_PROXY: "1" });
    await both(srv); // fills the caches from 127.0.0.1's budget
    const as = (client: string): Promise<unknown> =>
      bothPaths(srv, "/api/rooms", { "x-forwarded-for": client });

    const first = (await as("203.0.113.1")) as Awaited<ReturnType<typeof bothPaths>>;
    const other = (await as("203.0.113.2")) as Awaited<ReturnType<typeof bothPaths>>;
    const again = (await as("203.0.113.1")) as Awaited<ReturnType<typeof bothPaths>>;

    expect([first.network.status, other.network.status, again.network.status]).toEqual([200, 200, 429]);
    expect([first.early, other.early, again.early]).toEqual([true, true, true]);
    expect(again.network).toEqual(again.fastify);
  });
});
