/**
 * The backend alone, configured from the environment: `node dist/index.js` in production (so SIGTERM
 * reaches this process, not npm), `npm run server` (tsx) in development.
 */
import { ConfigError, loadConfig } from "./config";
import type { Config } from "./config";
import { startServer } from "./app";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`server: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const server = await startServer(config);
  server.log.info(
    { url: server.url, metricsUrl: server.metricsUrl, redis: Boolean(config.redisUrl) },
    "server listening",
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, "shutting down: answering in-flight requests");
    // a request stuck past the deadline must not keep a stopping process alive (or the port held)
    setTimeout(() => {
      server.log.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown took too long, exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    server.close().then(
      () => {
        server.log.info("stopped");
        process.exit(0);
      },
      (err: Error) => {
        server.log.error({ err: err.message }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: Error) => {
  console.error(`server: ${err.message}`);
  process.exit(1);
});
