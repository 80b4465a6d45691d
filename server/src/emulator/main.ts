/** `npm run emulator`: the WeChat emulator alone, on EMULATOR_PORT (default 8788; config.ts DEMO_ENV). */
import { DEMO_ENV } from "../config";
import { startEmulator } from "./server";

const { EMULATOR_PORT, EMULATOR_HOST } = DEMO_ENV.properties;
const raw = process.env.EMULATOR_PORT?.trim() || String(EMULATOR_PORT.default);
if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
  console.error(`emulator: EMULATOR_PORT must be a port number, got "${raw}"`);
  process.exit(1);
}

startEmulator({ port: Number(raw), host: process.env.EMULATOR_HOST?.trim() || EMULATOR_HOST.default }).then(
  (emulator) => {
    // the CLI's one status line
    process.stdout.write(
      `WeChat emulator on ${emulator.url} (appid ${emulator.appId}; admin API under /__admin/)\n`,
    );
    const stop = (): void => void emulator.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  },
  (err: Error) => {
    console.error(`emulator: ${err.message}`);
    process.exit(1);
  },
);
