/** `npm run server`: the backend alone, configured from the environment. */
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
  server.log.info({ url: server.url, redis: Boolean(config.redisUrl) }, "server listening");
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: Error) => {
  console.error(`server: ${err.message}`);
  process.exit(1);
});
