/**
 * `npm start [-- --no-plugin]`: builds the mini-program, then starts the backend. Without
 * WX_APPID/WX_APPSECRET it also starts the WeChat emulator in-process and points the backend at it
 * (demo mode). The live source (scripts/lib/live-source.ts: `--plugin`/`--no-plugin` or LIVE_PLUGIN)
 * picks the build and is handed to the backend, which with the plugin off makes no getliveinfo calls.
 * Demo mode also opens the operator console (/admin) with a one-time password made for this run: hashed
 * in memory, printed once, gone when the process ends. An ADMIN_PASSWORD_HASH of your own wins.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startServer } from "../server/src/app";
import type { RunningServer } from "../server/src/app";
import { DEMO_ENV, loadConfig, type Config } from "../server/src/config";
import { demoPassword, hashPassword } from "../server/src/admin/password";
import { startEmulator } from "../server/src/emulator/server";
import type { Emulator } from "../server/src/emulator/server";
import { VARIANTS, liveSourceEnv, readLiveSource, type LiveSource } from "./lib/live-source";

const root = path.resolve(__dirname, "..");

/** Runs `npm run build`; a failing build is reported in one line and does not stop the backend. */
function build(source: LiveSource): Promise<void> {
  if (process.env.START_SKIP_BUILD === "1") return Promise.resolve();
  return new Promise((resolve) => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const child = spawn(npm, ["run", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...liveSourceEnv(source) },
    });
    child.on("error", (err) => {
      console.log(`start: build could not run (${err.message}); starting the backend anyway`);
      resolve();
    });
    child.on("exit", (code) => {
      if (code !== 0) console.log(`start: build failed (exit ${code}); starting the backend anyway`);
      resolve();
    });
  });
}

/**
 * Demo mode only when neither credential is set: with just one, the shop meant to use WeChat and
 * forgot the other, and a silent switch to sample rooms would hide that.
 */
function wantsDemo(env: Record<string, string | undefined>): boolean {
  const appId = Boolean(env.WX_APPID?.trim());
  const appSecret = Boolean(env.WX_APPSECRET?.trim());
  if (appId !== appSecret) {
    const [set, missing] = appId ? ["WX_APPID", "WX_APPSECRET"] : ["WX_APPSECRET", "WX_APPID"];
    throw new Error(`${set} is set but ${missing} is not: set both for WeChat, or neither for demo mode`);
  }
  return !appId;
}

/** What the start line says about the live source. */
function describeSource(source: LiveSource, channelIds: number): string {
  const ids = `${channelIds} 视频号 id(s) in CHANNELS_FINDER_IDS`;
  return source === "plugin"
    ? `live source: plugin rooms + 视频号 (${VARIANTS.plugin.label}; ${ids})`
    : `live source: 视频号 only (${VARIANTS.channels.label}, LIVE_PLUGIN=off: no getliveinfo calls; ${ids})`;
}

async function main(): Promise<void> {
  const { source, rest } = readLiveSource(process.argv.slice(2), process.env);
  if (rest.length > 0) throw new Error(`unknown argument ${rest[0]} (only --plugin or --no-plugin)`);
  const env: Record<string, string | undefined> = {
    LOG_LEVEL: "warn",
    ...process.env,
    ...liveSourceEnv(source),
  };
  const demo = wantsDemo(env);
  await build(source);
  let emulator: Emulator | undefined;
  let consolePassword: string | undefined;
  if (demo) {
    const port = Number(env.EMULATOR_PORT?.trim() || String(DEMO_ENV.properties.EMULATOR_PORT.default));
    emulator = await startEmulator({ host: "127.0.0.1", port });
    env.WECHAT_API_BASE = emulator.url;
    env.WX_APPID = emulator.appId;
    env.WX_APPSECRET = emulator.appSecret;
    if (!env.ADMIN_PASSWORD_HASH?.trim()) {
      consolePassword = demoPassword();
      env.ADMIN_PASSWORD_HASH = await hashPassword(consolePassword);
    }
  }
  let server: RunningServer;
  let config: Config;
  try {
    config = loadConfig(env);
    server = await startServer(config);
  } catch (err) {
    await emulator?.close();
    throw err;
  }
  console.log(
    emulator
      ? `Demo mode (no WX_APPID/WX_APPSECRET): backend on ${server.url}, WeChat emulator on ${emulator.url}`
      : source === "channels"
        ? `Backend on ${server.url} (it has nothing to ask WeChat: the app asks WeChat for 视频号 lives itself)`
        : `Backend on ${server.url}, talking to WeChat at ${env.WECHAT_API_BASE ?? "https://api.weixin.qq.com"}`,
  );
  console.log(describeSource(source, config.channelsFinderIds.length));
  if (consolePassword) {
    console.log(`Operator console: ${server.url}/admin (one-time demo password: ${consolePassword})`);
  } else if (config.admin) {
    console.log(`Operator console: ${server.url}/admin (the password of ADMIN_PASSWORD_HASH)`);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([server.close(), emulator?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: Error) => {
  // config errors and busy ports are one-line reasons; no stack
  console.error(`start: ${err.message}`);
  process.exit(1);
});
