/**
 * The bench's server process: the WeChat emulator (250 generated rooms) and the backend as the tests
 * start it (fake clock, so the cache stays fresh), in a process of its own. Prints one JSON line
 * `{"url", "metricsUrl", "pid"}` when ready; stops on SIGTERM. With BENCH_CHURN=1 (the soak) its clock
 * moves past the refresh interval every 2 s, so the list is refreshed and answers are prepared anew.
 */
import { emulator, server } from "../../server/test-support/harness";

const CHURN_EVERY_MS = 2000;

async function main(): Promise<void> {
  const emu = await emulator({ rooms: 250 });
  // the list's own budget must not be what the load test measures
  const srv = await server(emu, {
    env: { RATE_LIMIT_PER_MINUTE: "1000000000", LOG_LEVEL: "warn", METRICS_PORT: "0" },
  });
  await fetch(`${srv.url}/api/rooms`); // fills the cache
  let churn: NodeJS.Timeout | undefined;
  if (process.env.BENCH_CHURN === "1") {
    churn = setInterval(() => srv.clock.advance(61), CHURN_EVERY_MS);
  }
  process.stdout.write(`${JSON.stringify({ url: srv.url, metricsUrl: srv.metricsUrl, pid: process.pid })}\n`);
  process.once("SIGTERM", () => {
    clearInterval(churn);
    void srv
      .close()
      .then(() => emu.close())
      .then(() => process.exit(0));
  });
}

main().catch((err: Error) => {
  console.error(`bench server: ${err.message}`);
  process.exit(1);
});
