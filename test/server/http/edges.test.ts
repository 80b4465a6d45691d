/**
 * The edges a hostile client probes: prototype names as query parameters, requests Node's HTTP layer
 * answers by itself (sent on raw sockets, as such clients do), other methods on every route, and who
 * may read /metrics.
 */
import { connect } from "node:net";
import type { ErrorBody } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import { GET_ROUTES, emulator, get, removeTempDirs, server } from "../../../server/test-support/harness";
import type { ServerOptions, TestServer } from "../../../server/test-support/harness";

let emu: Emulator;
let servers: TestServer[] = [];

beforeAll(async () => {
  emu = await emulator();
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

afterAll(async () => {
  await emu.close();
  removeTempDirs();
});

async function start(options: ServerOptions = {}): Promise<TestServer> {
  const srv = await server(emu, options);
  servers.push(srv);
  return srv;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes exactly as given and reads until the server closes the connection. */
function raw(url: string, request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("no answer")));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.once("error", (err: NodeJS.ErrnoException) => {
      // the server may reset after answering (it stops reading an oversized request)
      if (err.code === "ECONNRESET" && chunks.length > 0) socket.emit("end");
      else reject(err);
    });
    socket.once("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
      socket.destroy();
    });
    socket.write(request);
  });
}

function expectErrorBody(answer: RawAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toContain("application/json");
  const body = JSON.parse(answer.body) as ErrorBody;
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe("unknown-parameter checks", () => {
  const names = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

  it.each(names)("refuse ?%s=1 on every route", async (name) => {
    const srv = await start();

    for (const route of GET_ROUTES.filter((r) => r.startsWith("/api/"))) {
      const res = await get<ErrorBody>(`${srv.url}${route}${route.includes("?") ? "&" : "?"}${name}=1`);

      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "bad_request", message: `unknown parameter "${name}"` });
    }
  });
});

describe("answers Node's HTTP layer would give without a body", () => {
  it("a request without Host gets 400 with the error body; HTTP/1.0 may leave it out", async () => {
    const srv = await start();

    const missing = await raw(srv.url, "GET /api/rooms HTTP/1.1\r\nConnection: close\r\n\r\n");
    const old = await raw(srv.url, "GET /healthz HTTP/1.0\r\n\r\n");

    expectErrorBody(missing, 400);
    expect(JSON.parse(missing.body)).toEqual({
      error: { code: "bad_request", message: "the Host header is missing" },
    });
    expect(old.status).toBe(200);
  });

  it("Expect: bogus gets 417 with the error body", async () => {
    const srv = await start();

    const answer = await raw(srv.url, "GET /api/rooms HTTP/1.1\r\nHost: x\r\nExpect: bogus\r\n\r\n");

    expectErrorBody(answer, 417);
    expect(answer.headers.connection).toBe("close");
  });

  it("oversized headers get 431 and a garbage request line 400, both with the error body", async () => {
    const srv = await start();

    const big = await raw(
      srv.url,
      `GET /api/rooms HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    const garbage = await raw(srv.url, "HELLO THERE\r\n\r\n");

    expectErrorBody(big, 431);
    expectErrorBody(garbage, 400);
  });
});

describe("other methods", () => {
  it.each(["OPTIONS", "POST", "PUT", "DELETE", "PATCH"])(
    "%s answers 405 with Allow on every route, 404 on unknown paths",
    async (method) => {
      const srv = await start();

      for (const route of GET_ROUTES) {
        const res = await get<ErrorBody>(`${srv.url}${route}`, {}, method);

        expect([route, res.status]).toEqual([route, 405]);
        expect(res.headers.get("allow")).toBe("GET, HEAD");
        expect(res.body.error.code).toBe("method_not_allowed");
      }
      const unknown = await get<ErrorBody>(`${srv.url}/api/nothing`, {}, method);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("not_found");
    },
  );
});

describe("/metrics access", () => {
  const scrape = (url: string, headers: Record<string, string> = {}): ReturnType<typeof get<ErrorBody>> =>
    get<ErrorBody>(`${url}/metrics`, headers);

  it("without a token answers loopback clients only (the address after TRUST_PROXY)", async () => {
    const srv = await start({ env: { TRUST_PROXY: "1" } });

    const local = await scrape(srv.url);
    const viaProxy = await scrape(srv.url, { "x-forwarded-for": "203.0.113.9" });
    const localViaProxy = await scrape(srv.url, { "x-forwarded-for": "127.0.0.1" });

    expect(local.status).toBe(200);
    expect(String(local.body)).toContain("wx_quota_daily_limit 100000");
    expect(viaProxy.status).toBe(403);
    expect(viaProxy.body.error.code).toBe("forbidden");
    expect(localViaProxy.status).toBe(200);
  });

  it("with METRICS_TOKEN asks every client for the bearer token", async () => {
    const token = "metrics-token-7f3a9c2e5b1d";
    const srv = await start({ env: { METRICS_TOKEN: token } });

    const none = await scrape(srv.url);
    const wrong = await scrape(srv.url, { authorization: `Bearer ${token.slice(0, -1)}x` });
    const right = await scrape(srv.url, { authorization: `Bearer ${token}` });

    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(none.body.error.code).toBe("unauthorized");
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
    expect(String(right.body)).toContain("# TYPE wx_upstream_calls_total counter");
    expect(srv.logs.text()).not.toContain(token);
  });

  it("with METRICS_PORT is served on loopback there and not on the API port", async () => {
    const srv = await start({ env: { METRICS_PORT: "0" } });

    const onApi = await scrape(srv.url);
    const onItsPort = await scrape(srv.metricsUrl ?? "");
    const other = await get<ErrorBody>(`${srv.metricsUrl ?? ""}/api/rooms`);

    expect(srv.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(onApi.status).toBe(404);
    expect(onItsPort.status).toBe(200);
    expect(String(onItsPort.body)).toContain("redis_up -1");
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
  });

  it("is rate-limited like the API", async () => {
    const srv = await start({ env: { RATE_LIMIT_PER_MINUTE: "3" } });

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await scrape(srv.url)).status);
    const health = await get(`${srv.url}/healthz`);

    expect(answers).toEqual([200, 200, 200, 429]);
    expect(health.status).toBe(200); // health checks stay exempt
  });
});

describe("closing the server", () => {
  it("does not wait for a connection that never sent a request (a browser's preconnect)", async () => {
    const srv = await server(emu);
    const socket = connect(Number(new URL(srv.url).port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const dropped = new Promise<string>((resolve) => socket.once("close", () => resolve("dropped")));

    // Node alone keeps such a socket (and its close()) for headersTimeout, 60 s or more
    const bound = new Promise<string>((resolve) => setTimeout(() => resolve("still open"), 30_000).unref());
    const closed = srv.close().then(() => "closed");

    try {
      expect(await Promise.race([dropped, bound])).toBe("dropped");
      expect(await Promise.race([closed, bound])).toBe("closed");
    } finally {
      socket.destroy(); // without the fix, this is what lets the server finish closing
      await closed;
    }
  });
});
