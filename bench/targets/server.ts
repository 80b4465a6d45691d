/**
 * The bench's server process: the backend alone, as production runs it but on a fake clock (so the
 * cache stays fresh), talking to the WeChat emulator the bench runs elsewhere (WECHAT_API_BASE,
 * WX_APPID, WX_APPSECRET in its environment). Prints one JSON line `{"url", "metricsUrl", "pid"}` when
 * ready; stops on SIGTERM. With BENCH_CHURN=1 (the soak) its clock moves past the refresh interval
 * every 2 s, so the list is refreshed and its answers are prepared anew all along.
 */
import { FakeClock, removeTempDirs, tempDir } from "../../server/test-support/harness";
import { startServer } from "../../server/src/app";
import { loadConfig } from "../../server/src/config";

const CHURN_EVERY_MS = 2000;

async function main(): Promise<void> {
  const clock = new FakeClock();
  const config = loadConfig({
    WECHAT_API_BASE: process.env.WECHAT_API_BASE,
    WX_APPID: process.env.WX_APPID,
    WX_APPSECRET: process.env.WX_APPSECRET,
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: tempDir(),
    LOG_LEVEL: "warn",
    // /metrics apart, so reading it does not touch the API's budgets
    METRICS_PORT: "0",
    // the list's own budget must not be what the load test measures
    RATE_LIMIT_PER_MINUTE: "1000000000",
  });
  const srv = await startServer(config, { now: clock.now });
  await fetch(`${srv.url}/api/rooms`); // fills the cache
  const churn =
    process.env.BENCH_CHURN === "1" ? setInterval(() => clock.advance(61), CHURN_EVERY_MS) : undefined;
  process.stdout.write(`${JSON.stringify({ url: srv.url, metricsUrl: srv.metricsUrl, pid: process.pid })}\n`);
  process.once("SIGTERM", () => {
    clearInterval(churn);
    void srv.close().then(() => {
      removeTempDirs();
      process.exit(0);
    });
  });
}

main().catch((err: Error) => {
  console.error(`bench server: ${err.message}`);
  process.exit(1);
});
