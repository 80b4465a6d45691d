import path from "node:path";
import { ConfigError, DEMO_APPID, loadConfig } from "../../server/src/config";
import { get, removeTempDirs, tempDir, type EmuStats } from "../../server/test-support/harness";
import { run } from "./support/process";
import type { Run } from "./support/process";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

afterAll(removeTempDirs);

/** `tsx <script> [args]` from the repository root, as the npm scripts run it. */
const tsxRun = (script: string, env: Record<string, string>, args: string[] = []): Run =>
  run(tsx, [script, ...args], env, root);

describe("npm run server", () => {
  it("refuses to start without credentials, with a one-line reason and no stack", async () => {
    const { code, stderr } = await tsxRun("server/src/index.ts", { DATA_DIR: tempDir() }).exit;

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("WX_APPID and WX_APPSECRET are required");
  });

  it("refuses a bad setting with a one-line reason", async () => {
    const { code, stderr } = await tsxRun("server/src/index.ts", {
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
    const child = tsxRun("scripts/start.ts", {
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
      const child = tsxRun(
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
    const { code, stderr } = await tsxRun("scripts/start.ts", { START_SKIP_BUILD: "1", LIVE_PLUGIN: "maybe" })
      .exit;

    expect(code).toBe(1);
    expect(stderr.trim()).toBe('start: LIVE_PLUGIN must be on or off, got "maybe"');
  });
});

describe("npm start with partial credentials", () => {
  it.each([
    ["WX_APPID", { WX_APPID: "wx1234567890abcdef" }, "WX_APPSECRET"],
    ["WX_APPSECRET", { WX_APPSECRET: "only-the-secret-5b1f0c9e7d3a4f2e" }, "WX_APPID"],
  ])("with only %s stops with a one-line reason instead of demo mode", async (_name, env, missing) => {
    const child = tsxRun("scripts/start.ts", {
      PORT: "0",
      EMULATOR_PORT: "0",
      START_SKIP_BUILD: "1",
      ...env,
    });

    const { code, stderr } = await child.exit;

    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`${missing} is not`);
    expect(child.output()).not.toContain("Demo mode");
    expect(child.output()).not.toContain("only-the-secret");
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
      dailyQuota: 100_000, // WeChat's figure for getLiveInfo today
      replayReserve: 10_000,
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

  it.each([
    ["WX_APPID", { WX_APPID: "wxid" }],
    ["WX_APPSECRET", { WX_APPSECRET: "secret" }],
  ])("refuses only %s, even with the emulator on loopback", (_name, env) => {
    expect(() => loadConfig({ WECHAT_API_BASE: "http://127.0.0.1:8788", ...env })).toThrow(/is set but/);
    expect(() => loadConfig(env)).toThrow(/is set but/);
  });

  it("takes http for WeChat only on loopback (the AppSecret would travel in clear text)", () => {
    const creds = { WX_APPID: "wxid", WX_APPSECRET: "secret" };

    expect(() => loadConfig({ ...creds, WECHAT_API_BASE: "http://api.weixin.qq.com" })).toThrow(
      /must be https unless it is loopback/,
    );
    expect(() => loadConfig({ ...creds, WECHAT_API_BASE: "http://10.0.0.5:8788" })).toThrow(ConfigError);
    for (const base of [
      "http://127.0.0.1:8788",
      "http://127.0.0.2:1",
      "http://localhost:8788",
      "http://[::1]:8788",
    ]) {
      expect(loadConfig({ ...creds, WECHAT_API_BASE: base }).wechatApiBase).toBe(base);
    }
    expect(loadConfig({ ...creds, WECHAT_API_BASE: "https://wx.example.com/" }).wechatApiBase).toBe(
      "https://wx.example.com",
    );
  });

  it("takes TRUST_PROXY as a hop count or proxy addresses, and refuses true with the reason", () => {
    const trust = (value: string): unknown =>
      loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", TRUST_PROXY: value }).trustProxy;

    expect(trust("")).toBe(false);
    expect(trust("false")).toBe(false);
    expect(trust("0")).toBe(false);
    expect(trust("1")).toBe(1);
    expect(trust("2")).toBe(2);
    expect(trust("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback")).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    expect(() => trust("true")).toThrow(/let clients pick their address.*hop count|number of proxies/);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0/8", "300.1.1.1", "1.2.3.4/8/1", "11"]) {
      expect(() => trust(bad)).toThrow(ConfigError);
    }
  });

  it("reads the metrics, Redis and shutdown settings", () => {
    const base = { WX_APPID: "a", WX_APPSECRET: "b" };

    expect(loadConfig(base)).toMatchObject({
      redisTimeoutMs: 1000,
      redisProbeIntervalMs: 1000,
      shutdownTimeoutMs: 8000,
    });
    expect(loadConfig(base).metricsToken).toBeUndefined();
    expect(loadConfig(base).metricsPort).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_TOKEN: "m".repeat(16), METRICS_PORT: "9464" })).toMatchObject({
      metricsToken: "m".repeat(16),
      metricsPort: 9464,
    });
    expect(() => loadConfig({ ...base, METRICS_TOKEN: "short" })).toThrow(/at least 16/);
    expect(() => loadConfig({ ...base, METRICS_PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, REDIS_URL: "redis://:%zz@127.0.0.1" })).toThrow(ConfigError);
  });

  it("parses pinned and hidden room lists", () => {
    const config = loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", ROOMS_PINNED: "7, 3", ROOMS_HIDDEN: "9" });

    expect(config.pinnedRoomIds).toEqual([7, 3]);
    expect(config.hiddenRoomIds).toEqual([9]);
  });
});
