import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, DEMO_APPID, loadConfig } from "../../server/src/config";
import { get, removeTempDirs, tempDir, type EmuStats } from "./support/harness";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

afterAll(removeTempDirs);

interface Run {
  /** Resolves with the first stdout/stderr line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(tsx, [script, ...args], {
    cwd: root,
    // a clean environment: no credentials or ports leak in from the machine running the tests
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let out = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const feed = (chunk: Buffer, isErr: boolean): void => {
    const text = chunk.toString();
    out += text;
    if (isErr) stderr += text;
    for (const w of [...waiters]) {
      const line = out.split("\n").find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on("data", (c: Buffer) => feed(c, false));
  child.stderr.on("data", (c: Buffer) => feed(c, true));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stderr })),
  );
  return {
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        // the line may already be there (two lines often arrive in one chunk)
        const seen = out.split("\n").find((l) => pattern.test(l));
        if (seen !== undefined) return resolve(seen);
        waiters.push({ pattern, resolve });
        void exit.then(() => reject(new Error(`exited before printing ${pattern}: ${out}`)));
      }),
    exit,
    kill: (signal) => child.kill(signal),
  };
}

describe("npm run server", () => {
  it("refuses to start without credentials, with a one-line reason and no stack", async () => {
    const { code, stderr } = await run("server/src/index.ts", { DATA_DIR: tempDir() }).exit;

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("WX_APPID and WX_APPSECRET are required");
  });

  it("refuses a bad setting with a one-line reason", async () => {
    const { code, stderr } = await run("server/src/index.ts", {
      PORT: "eighty",
      WX_APPID: "a",
      WX_APPSECRET: "b",
    }).exit;

    expect(code).toBe(1);
    expect(stderr.trim()).toBe('server: PORT must be an integer, got "eighty"');
  });
});

describe("npm start", () => {
  it("in demo mode starts the emulator and the backend, says so in one line, and stops on SIGTERM", async () => {
    const child = run("scripts/start.ts", {
      PORT: "0",
      EMULATOR_PORT: "0",
      DATA_DIR: tempDir(),
      START_SKIP_BUILD: "1",
    });

    const line = await child.waitFor(/Demo mode/);
    const source = await child.waitFor(/live source/);
    const backend = /backend on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    const rooms = await get<{ total: number }>(`${backend}/api/rooms`);
    child.kill("SIGTERM");
    const { code } = await child.exit;

    expect(line).toMatch(/WeChat emulator on http:\/\/127\.0\.0\.1:\d+/);
    // the plugin build is the default: rooms and 视频号 side by side
    expect(source).toContain("live source: plugin rooms + 视频号 (plugin build; 0 视频号 id(s)");
    expect(rooms.status).toBe(200);
    expect(rooms.body.total).toBe(10);
    expect(code).toBe(0);
  });

  // README "Choosing the live source": both builds can be demoed
  it.each([
    ["--no-plugin", [["--no-plugin"], {}]],
    ["LIVE_PLUGIN=off", [[], { LIVE_PLUGIN: "off" }]],
  ] as const)(
    "demos the build without the plugin (%s): zero getliveinfo calls on the emulator",
    async (_how, [args, extraEnv]) => {
      const ids = "sphcqO59YEPCvoe,sphMb29U7R4wCHH";
      const child = run(
        "scripts/start.ts",
        {
          PORT: "0",
          EMULATOR_PORT: "0",
          DATA_DIR: tempDir(),
          START_SKIP_BUILD: "1",
          CHANNELS_FINDER_IDS: ids,
          ...extraEnv,
        },
        [...args],
      );

      const line = await child.waitFor(/Demo mode/);
      const source = await child.waitFor(/live source/);
      const backend = /backend on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      const emulatorUrl = /WeChat emulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      const rooms = [];
      for (let i = 0; i < 3; i += 1)
        rooms.push(await get<{ total: number; stale: boolean }>(`${backend}/api/rooms`));
      const channels = await get<{ channels: Array<{ finderUserName: string }> }>(`${backend}/api/channels`);
      const emuStats = await get<EmuStats>(`${emulatorUrl}/__admin/stats`);
      child.kill("SIGTERM");
      const { code } = await child.exit;

      expect(source).toContain(
        "live source: 视频号 only (no-plugin build, LIVE_PLUGIN=off: no getliveinfo calls; 2 视频号 id(s)",
      );
      expect(rooms.map((r) => [r.status, r.body.total, r.body.stale])).toEqual(
        Array(3).fill([200, 0, false]),
      );
      expect(channels.body.channels.map((c) => c.finderUserName)).toEqual(ids.split(","));
      expect(emuStats.body.calls.getliveinfo).toBe(0);
      expect(emuStats.body.quota.used).toBe(0);
      expect(code).toBe(0);
    },
  );

  it("refuses a bad switch with a one-line reason", async () => {
    const { code, stderr } = await run("scripts/start.ts", { START_SKIP_BUILD: "1", LIVE_PLUGIN: "maybe" })
      .exit;

    expect(code).toBe(1);
    expect(stderr.trim()).toBe('start: LIVE_PLUGIN must be on or off, got "maybe"');
  });
});

describe("configuration", () => {
  it("has the documented defaults", () => {
    const config = loadConfig({ WX_APPID: "wxid", WX_APPSECRET: "secret" });

    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      dataDir: "./.data",
      roomsRefreshSeconds: 60,
      dailyQuota: 500,
      replayReserve: 50,
      wechatApiBase: "https://api.weixin.qq.com",
      hiddenRoomIds: [],
      pinnedRoomIds: [],
    });
    expect(config.redisUrl).toBeUndefined();
  });

  it("accepts missing credentials only for an emulator on loopback", () => {
    expect(loadConfig({ WECHAT_API_BASE: "http://127.0.0.1:8788" }).appId).toBe(DEMO_APPID);
    expect(() => loadConfig({ WECHAT_API_BASE: "https://api.weixin.qq.com" })).toThrow(ConfigError);
  });

  it.each([
    ["ROOMS_PINNED", "12,abc"],
    ["ROOMS_HIDDEN", "0"],
    ["ROOMS_REFRESH_SECONDS", "0"],
    ["WX_DAILY_QUOTA", "-5"],
    ["REDIS_URL", "localhost:6379"],
    ["LOG_LEVEL", "loud"],
    ["WECHAT_API_BASE", "ftp://x"],
  ])("rejects %s=%s", (name, value) => {
    expect(() => loadConfig({ WX_APPID: "wxid", WX_APPSECRET: "secret", [name]: value })).toThrow(
      ConfigError,
    );
  });

  it("parses pinned and hidden room lists", () => {
    const config = loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", ROOMS_PINNED: "7, 3", ROOMS_HIDDEN: "9" });

    expect(config.pinnedRoomIds).toEqual([7, 3]);
    expect(config.hiddenRoomIds).toEqual([9]);
  });
});
