/**
 * Real servers for the tests and the bench (which both import it; it sits outside src/ so neither the
 * build nor the image carries it): the WeChat emulator, a server on a free loopback port with a fake
 * clock and captured logs, HTTP helpers, and the emulator's admin API.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { startServer } from "../src/app";
import type { RunningServer } from "../src/app";
import { loadConfig } from "../src/config";
import { startEmulator } from "../src/emulator/server";
import type { Emulator, EmulatorOptions } from "../src/emulator/server";

/** 2025-06-01 10:00 in Shanghai: a fixed, mid-day start for the server's injected clock. */
export const T0 = Date.UTC(2025, 5, 1, 2, 0, 0);

/** The server's clock in tests: time moves only when the test says so. */
export class FakeClock {
  constructor(public ms = T0) {}
  now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** Collects log lines written by a server under test. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join("\n");
  }
}

export const TEST_SECRET = "test-appsecret-5b1f0c9e7d3a4f2e8c6b";

/** GET /api/goods for a goods page URL (the registered URL, or what the page was opened with). */
export const goodsPath = (pageUrl: string): string => `/api/goods?url=${encodeURIComponent(pageUrl)}`;
/** The emulator's goods 101 (明前龙井), registered by the shop as `…/goods?id=8812`. */
export const GOODS_101 = goodsPath("packageA/pages/goods/goods?id=8812");

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ appId: "wx1234567890abcdef", appSecret: TEST_SECRET, ...options });
}

export interface Response<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** GET (or another method) over loopback; parses JSON when the answer is JSON. */
export async function get<T = unknown>(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Response<T>> {
  const res = await fetch(url, { method, headers });
  const text = await res.text();
  const isJson = (res.headers.get("content-type") ?? "").includes("json");
  return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
}

/**
 * An answer's exact bytes as sent, for checks that need them (ETags, codings, both-paths equivalence):
 * node:http, which (unlike fetch) sends no Accept-Encoding of its own and decodes nothing.
 */
export function getBytes(url: string, headers: Record<string, string> = {}): Promise<Response<Buffer>> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const received = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) received.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        resolve({ status: res.statusCode ?? 0, headers: received, body: Buffer.concat(chunks) });
      });
    }).on("error", reject);
  });
}

/** The strong ETag the server gives these bytes: SHA-1, base64url, quoted. */
export const etagOf = (bytes: Buffer): string => `"${createHash("sha1").update(bytes).digest("base64url")}"`;

/** Calls the emulator's admin API. */
export async function admin<T = Record<string, unknown>>(
  emu: Emulator,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emu.url}/__admin/${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${route}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export interface EmuStats {
  calls: Record<"token" | "stable_token" | "getliveinfo" | "get_replay" | "getsharedcode", number>;
  answers: Record<string, number>;
  listPasses: number;
  tokensIssued: number;
  quota: { day: string; used: number; limit: number };
}

export const stats = (emu: Emulator): Promise<EmuStats> => admin<EmuStats>(emu, "stats");
export const fault = (emu: Emulator, f: Record<string, unknown>): Promise<unknown> => admin(emu, "faults", f);

export interface TestServer extends RunningServer {
  clock: FakeClock;
  logs: LogCapture;
  dataDir: string;
}

export interface ServerOptions {
  env?: Record<string, string>;
  clock?: FakeClock;
  dataDir?: string;
  /** false: no early path for GET /api/rooms (AppOptions.earlyPath). */
  earlyPath?: boolean;
}

const tempDirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "wxlive-test-"));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every GET route a shopper or an operator can call, with ids the sample data has. */
export const GET_ROUTES = [
  "/api/rooms",
  "/api/rooms/19",
  "/api/rooms/19/replays",
  GOODS_101,
  "/healthz",
  "/metrics",
];

/** The environment of a server on a free loopback port that talks to `emu`, without a rate limit in the way. */
export function serverEnv(emu: Emulator, dataDir: string): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: "0",
    WECHAT_API_BASE: emu.url,
    WX_APPID: emu.appId,
    WX_APPSECRET: emu.appSecret,
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: "100000",
  };
}

/** A real server on 127.0.0.1:0 pointed at `emu`, with a fake clock and captured logs. */
export async function server(emu: Emulator, options: ServerOptions = {}): Promise<TestServer> {
  const clock = options.clock ?? new FakeClock();
  const logs = new LogCapture();
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig({
    ...serverEnv(emu, dataDir),
    WECHAT_TIMEOUT_MS: "1500", // slow-upstream faults delay 4 s; real answers take milliseconds
    WX_DAILY_QUOTA: "100000", // the governor has its own tests; here it must not widen the interval
    ...options.env,
  });
  const running = await startServer(config, {
    now: clock.now,
    logStream: logs,
    earlyPath: options.earlyPath,
  });
  return { ...running, clock, logs, dataDir };
}

/** Lets background refreshes finish before the next assertion. */
export async function settle(...servers: RunningServer[]): Promise<void> {
  await Promise.all(servers.map((s) => s.rooms.settled()));
}

/**
 * Polls `check` every 50 ms until it holds; fails with `what` when it has not within `boundMs`. The
 * bound is part of the promise under test (e.g. "back up within 10 s"), not a measurement.
 */
export async function waitFor(check: () => Promise<boolean>, boundMs: number, what: string): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${boundMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A metric's value as scraped from /metrics (from loopback, so no token is needed; METRICS_PORT if set). */
export async function metric(srv: RunningServer, name: string): Promise<number> {
  const text = (await get<string>(`${srv.metricsUrl ?? srv.url}/metrics`)).body;
  const match = new RegExp(`^${name} (\\d+)$`, "m").exec(text);
  return match ? Number(match[1]) : NaN;
}

/** What /healthz says about the store: "off", "up" or "down". */
export async function storeStatus(srv: RunningServer): Promise<string> {
  return (await get<{ store: string }>(`${srv.url}/healthz`)).body.store;
}
