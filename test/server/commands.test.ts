import path from "node:path";
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
