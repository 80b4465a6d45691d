/**
 * Backend throughput against its floor. Three kinds of process: the backend (bench/targets/server.ts,
 * talking to the WeChat emulator with 250 generated rooms, which runs in this process),
 * the floor (bench/targets/floor.ts: bare node:http answering the bytes and headers the backend sent,
 * recorded once), and autocannon (bench/targets/load.ts); this process only starts them and reads their
 * figures. The measured target runs on one core and the load generator on another (`pinned`). For each case
 * (GET /api/rooms at limit=20 and limit=100, 200 and If-None-Match 304; limit=100 compressed as
 * WeChat's client asks for it) the backend and the floor are
 * measured in alternation, the order flipped every repetition, so drift in the machine's load falls on
 * both, after a short uncounted run on each. Each run also reads the target's CPU time from /proc, for
 * CPU per request.
 *
 * The soak (`--soak`): a fresh backend whose clock passes the refresh interval every 2 s (the list is
 * refreshed and its answers prepared anew all along) under load for the soak's length; its resident
 * memory before and after, from its own /metrics (prom-client's process metrics).
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Emulator } from "../../server/src/emulator/server";
import { emulator, getBytes, removeTempDirs } from "../../server/test-support/harness";
import type { RecordedAnswer } from "../targets/floor";
import type { LoadOutput, LoadSpec } from "../targets/load";

const ROOT = path.resolve(__dirname, "../..");
/** Headers Node writes per connection and per answer on both targets alike. */
const NODE_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
/** Seconds of load on each target before a case's measured runs (just-in-time compilation, caches). */
const WARM_UP_SECONDS = 2;
/** The Accept-Encoding of the compressed case. */
const COMPRESSED = "gzip, deflate, br";

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers with another status than the expected one. */
  unexpected: number;
  errors: number;
  /** CPU time of the target process per answered request, microseconds. */
  cpuMicrosPerRequest: number;
}

export interface ThroughputCase {
  /** e.g. "GET /api/rooms?limit=20 (200)". */
  name: string;
  limit: number;
  expectedStatus: number;
  bodyBytes: number;
  /** One entry per repetition, in order. */
  server: LoadFigures[];
  floor: LoadFigures[];
  /** server req/s ÷ floor req/s, per repetition. */
  ratios: number[];
}

export interface SoakResult {
  seconds: number;
  requests: number;
  rssStartBytes: number;
  rssEndBytes: number;
  heapUsedEndBytes: number;
  /** getliveinfo calls during the soak: the list refreshed (3 pages of 100 for 250 rooms) all along. */
  upstreamCalls: number;
}

export interface ThroughputResult {
  /** Whether the measured target and the load generator ran on cores of their own. */
  pinned: boolean;
  connections: number;
  durationSeconds: number;
  repetitions: number;
  cases: ThroughputCase[];
  soak?: SoakResult;
}

interface Target {
  url: string;
  pid: number;
  metricsUrl?: string;
  child: ChildProcess;
}

/**
 * On two or more cores with util-linux's `taskset`, the measured target runs on core 0 and the load
 * generator on core 1: on shared cores the scheduler otherwise gives the load generator CPU time from
 * whichever target is measured, and its choices moved the ratio by more than the targets differ.
 * BENCH_PIN=0 turns it off.
 */
const TASKSET = "/usr/bin/taskset";
const PIN = process.env.BENCH_PIN !== "0" && cpus().length >= 2 && existsSync(TASKSET);
const TARGET_CORE = 0;
const LOAD_CORE = 1;
const pinned = (core: number, command: string[]): [string, string[]] =>
  PIN ? [TASKSET, ["-c", String(core), ...command]] : [command[0], command.slice(1)];
const tsx = (file: string): string[] => [process.execPath, "--import", "tsx", path.join(ROOT, file)];
const LOAD = "bench/targets/load.ts";

/** Starts a bench target (a TypeScript file run by tsx) and waits for its JSON ready line. */
function startTarget(file: string, args: string[] = [], env: Record<string, string> = {}): Promise<Target> {
  const [command, argv] = pinned(TARGET_CORE, [...tsx(file), ...args]);
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const ready = JSON.parse(line) as Omit<Target, "child">;
      resolve({ ...ready, child });
    });
    child.once("exit", (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
}

function stopTarget(target: Target): Promise<void> {
  return new Promise((resolve) => {
    if (target.child.exitCode !== null) return resolve();
    target.child.once("exit", () => resolve());
    target.child.kill("SIGTERM");
  });
}

/** utime + stime of a process, in ms (Linux /proc; 0 elsewhere, and CPU per request reads 0). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // after "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based), in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Runs autocannon (bench/targets/load.ts, a process of its own) against a target and reads its figures. */
function autocannon(
  target: Target,
  urlPath: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  expectedStatus: number,
): Promise<LoadFigures> {
  const spec: LoadSpec = { url: `${target.url}${urlPath}`, connections, seconds, headers };
  const [command, argv] = pinned(LOAD_CORE, [...tsx(LOAD), JSON.stringify(spec)]);
  const cpuBefore = cpuMs(target.pid);
  return new Promise((resolve, reject) => {
    execFile(command, argv, { cwd: ROOT }, (err, stdout) => {
      if (err) return reject(new Error(`autocannon failed: ${err.message}`));
      const out = JSON.parse(stdout) as LoadOutput;
      const cpu = cpuMs(target.pid) - cpuBefore;
      resolve({
        requestsPerSecond: out.requestsPerSecond,
        p50Ms: out.p50Ms,
        p99Ms: out.p99Ms,
        requests: out.requests,
        unexpected: out.requests - (out.statuses[String(expectedStatus)] ?? 0),
        errors: out.errors,
        cpuMicrosPerRequest: out.requests > 0 ? Math.round((cpu * 1000) / out.requests) : 0,
      });
    });
  });
}

const headersOf = (headers: Headers): Record<string, string> =>
  Object.fromEntries([...headers.entries()].filter(([name]) => !NODE_HEADERS.has(name)));

/** What the backend answers for a path (and Accept-Encoding), 200 and 304, as the floor will repeat it. */
async function record(server: Target, urlPath: string, acceptEncoding = ""): Promise<RecordedAnswer> {
  const asked: Record<string, string> = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
  const ok = await getBytes(`${server.url}${urlPath}`, asked);
  const etag = ok.headers.get("etag") ?? "";
  if (ok.status !== 200 || !etag) throw new Error(`${urlPath} answered ${ok.status} without an ETag`);
  const notModified = await getBytes(`${server.url}${urlPath}`, { ...asked, "if-none-match": etag });
  if (notModified.status !== 304)
    throw new Error(`If-None-Match on ${urlPath} answered ${notModified.status}`);
  return {
    path: urlPath,
    acceptEncoding,
    etag,
    okHeaders: headersOf(ok.headers),
    okBody: ok.body.toString("base64"),
    notModifiedHeaders: headersOf(notModified.headers),
  };
}

/** A metric from a target's /metrics, summed over its label sets (`labels` narrows them). */
async function scrape(target: Target, name: string, labels = ""): Promise<number> {
  const text = await (await fetch(`${target.metricsUrl ?? target.url}/metrics`)).text();
  const lines = [...text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? ([\\d.e+]+)$`, "gm"))];
  const chosen = lines.filter((m) => (m[1] ?? "").includes(labels));
  return chosen.length ? chosen.reduce((sum, m) => sum + Number(m[2]), 0) : NaN;
}

/** The backend's environment: where the emulator is, and its credentials. */
const wechatEnv = (emu: Emulator): Record<string, string> => ({
  WECHAT_API_BASE: emu.url,
  WX_APPID: emu.appId,
  WX_APPSECRET: emu.appSecret,
});

async function soak(emu: Emulator, connections: number, seconds: number): Promise<SoakResult> {
  const server = await startTarget("bench/targets/server.ts", [], { ...wechatEnv(emu), BENCH_CHURN: "1" });
  try {
    await fetch(`${server.url}/api/rooms?limit=20`);
    const rssStartBytes = await scrape(server, "process_resident_memory_bytes");
    const callsBefore = await scrape(server, "wx_upstream_calls_total", 'api="getliveinfo"');
    const load = await autocannon(server, "/api/rooms?limit=20", connections, seconds, {}, 200);
    return {
      seconds,
      requests: load.requests,
      rssStartBytes,
      rssEndBytes: await scrape(server, "process_resident_memory_bytes"),
      heapUsedEndBytes: await scrape(server, "nodejs_heap_size_used_bytes"),
      upstreamCalls: (await scrape(server, "wx_upstream_calls_total", 'api="getliveinfo"')) - callsBefore,
    };
  } finally {
    await stopTarget(server);
  }
}

export interface ThroughputOptions {
  connections: number;
  seconds: number;
  repetitions: number;
  /** Seconds of the soak; 0 for none. */
  soakSeconds: number;
  progress: (line: string) => void;
}

export async function measureThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), "wxlive-bench-"));
  // the emulator stands in for WeChat: in this process, idle once the backend has its copy
  const emu = await emulator({ rooms: 250 });
  const server = await startTarget("bench/targets/server.ts", [], wechatEnv(emu));
  let floor: Target | undefined;
  try {
    const recorded = [
      await record(server, "/api/rooms?limit=20"),
      await record(server, "/api/rooms?limit=100"),
      // what WeChat's client asks with: the page compressed once per version (brotli)
      await record(server, "/api/rooms?limit=100", COMPRESSED),
    ];
    const spec = path.join(scratch, "answers.json");
    writeFileSync(spec, JSON.stringify(recorded));
    floor = await startTarget("bench/targets/floor.ts", [spec]);
    const targets = { server, floor };

    const cases: ThroughputCase[] = [];
    for (const answer of recorded) {
      const limit = Number(new URL(answer.path, "http://x").searchParams.get("limit"));
      const bodyBytes = Buffer.from(answer.okBody, "base64").length;
      const asked: Record<string, string> = answer.acceptEncoding
        ? { "accept-encoding": answer.acceptEncoding }
        : {};
      const statuses: [number, Record<string, string>][] = [[200, asked]];
      // a 304 carries no body: compressed or not, it is the same answer
      if (!answer.acceptEncoding) statuses.push([304, { ...asked, "if-none-match": answer.etag }]);
      const coding = answer.okHeaders["content-encoding"];
      for (const [status, headers] of statuses) {
        const c: ThroughputCase = {
          name: `GET ${answer.path}${coding ? ` (${coding})` : ""} (${status})`,
          limit,
          expectedStatus: status,
          bodyBytes,
          server: [],
          floor: [],
          ratios: [],
        };
        // a short run on each target first, not counted: both start the case with their code warmed up
        for (const which of ["server", "floor"] as const) {
          await autocannon(targets[which], answer.path, o.connections, WARM_UP_SECONDS, headers, status);
        }
        for (let rep = 0; rep < o.repetitions; rep++) {
          const order = rep % 2 === 0 ? (["server", "floor"] as const) : (["floor", "server"] as const);
          for (const which of order) {
            o.progress(`${c.name}, run ${rep + 1}/${o.repetitions}: ${which}`);
            c[which].push(
              await autocannon(targets[which], answer.path, o.connections, o.seconds, headers, status),
            );
          }
          c.ratios.push(c.server[rep].requestsPerSecond / Math.max(1, c.floor[rep].requestsPerSecond));
        }
        cases.push(c);
      }
    }
    const result: ThroughputResult = {
      pinned: PIN,
      connections: o.connections,
      durationSeconds: o.seconds,
      repetitions: o.repetitions,
      cases,
    };
    if (o.soakSeconds > 0) {
      o.progress(`soak: ${o.soakSeconds} s under load, the list refreshed every 2 s`);
      result.soak = await soak(emu, o.connections, o.soakSeconds);
    }
    return result;
  } finally {
    if (floor) await stopTarget(floor);
    await stopTarget(server);
    await emu.close();
    removeTempDirs();
    rmSync(scratch, { recursive: true, force: true });
  }
}
