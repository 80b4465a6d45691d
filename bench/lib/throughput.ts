/**
 * Backend throughput: autocannon (a separate process, so it does not share the event loop) against
 * GET /api/rooms on a warm cache and, in the same run, against a bare node:http server answering the
 * same bytes and headers. The ratio says what Fastify, the cache and the plugins cost over the floor.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { emulator, get, removeTempDirs, server } from "../../server/test-support/harness";

const AUTOCANNON = path.resolve(__dirname, "../../node_modules/autocannon/autocannon.js");

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ThroughputCase {
  /** What was asked, e.g. "GET /api/rooms (200)". */
  name: string;
  expectedStatus: number;
  server: LoadFigures;
  baseline: LoadFigures;
  /** server req/s ÷ baseline req/s */
  ratio: number;
}

export interface ThroughputResult {
  connections: number;
  durationSeconds: number;
  bodyBytes: number;
  cases: ThroughputCase[];
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** Runs the autocannon CLI and reads its JSON summary. */
function autocannon(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  expectedStatus: number,
): Promise<LoadFigures> {
  const args = [AUTOCANNON, "-j", "-c", String(connections), "-d", String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 << 20 }, (err, stdout) => {
      if (err) return reject(new Error(`autocannon failed: ${err.message}`));
      const json = JSON.parse(stdout) as AutocannonJson;
      const codes = json.statusCodeStats ?? {};
      const expected = codes[String(expectedStatus)]?.count ?? 0;
      const total = Object.values(codes).reduce((n, c) => n + c.count, 0);
      resolve({
        requestsPerSecond: Math.round(json.requests.average),
        p50Ms: json.latency.p50,
        p99Ms: json.latency.p99,
        requests: json.requests.total,
        // a 304 is the success of a revalidation: count anything but the expected status
        non2xx: total - expected,
        errors: json.errors + json.timeouts,
      });
    });
  });
}

/** The floor: node:http answering the recorded bytes and headers, with the same ETag check. */
async function baselineServer(body: Buffer, headers: Record<string, string>): Promise<Server> {
  const etag = headers.etag;
  const notModified = { ...headers };
  delete notModified["content-length"];
  delete notModified["content-type"];
  const srv = createServer((req, res) => {
    if (etag && req.headers["if-none-match"] === etag) {
      res.writeHead(304, notModified);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", () => resolve()));
  return srv;
}

const KEEP = ["content-type", "content-length", "cache-control", "etag", "x-data-stale"];

export async function measureThroughput(connections: number, seconds: number): Promise<ThroughputResult> {
  const emu = await emulator();
  const srv = await server(emu, {
    env: { RATE_LIMIT_PER_MINUTE: "1000000", LOG_LEVEL: "warn" },
  });
  let floor: Server | undefined;
  try {
    const url = `${srv.url}/api/rooms`;
    const warm = await fetch(url); // fills the cache; the fake clock keeps it fresh for the run
    const body = Buffer.from(await warm.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of KEEP) {
      const value = warm.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    if (warm.status !== 200 || !headers.etag) throw new Error(`warm-up answered ${warm.status} without ETag`);
    const revalidated = await get(url, { "if-none-match": headers.etag });
    if (revalidated.status !== 304) throw new Error(`If-None-Match answered ${revalidated.status}, not 304`);
    floor = await baselineServer(body, headers);
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/api/rooms`;

    const cases: ThroughputCase[] = [];
    const variants: [string, number, Record<string, string>][] = [
      ["GET /api/rooms (200)", 200, {}],
      ["GET /api/rooms If-None-Match (304)", 304, { "if-none-match": headers.etag }],
    ];
    for (const [name, status, extra] of variants) {
      const measured = await autocannon(url, connections, seconds, extra, status);
      const baseline = await autocannon(floorUrl, connections, seconds, extra, status);
      cases.push({
        name,
        expectedStatus: status,
        server: measured,
        baseline,
        ratio: measured.requestsPerSecond / Math.max(1, baseline.requestsPerSecond),
      });
    }
    return { connections, durationSeconds: seconds, bodyBytes: body.length, cases };
  } finally {
    await new Promise<void>((resolve) => (floor ? floor.close(() => resolve()) : resolve()));
    await srv.close();
    await emu.close();
    removeTempDirs();
  }
}
