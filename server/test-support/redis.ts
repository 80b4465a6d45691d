import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";
import { requireBinary } from "../../scripts/lib/system-deps";
import { tempDir } from "./harness";

/** redis-server from PATH (or REDIS_SERVER_BIN); a missing one fails the test with the install line. */
function redisServerBin(): string {
  return process.env.REDIS_SERVER_BIN ?? requireBinary("redis-server", "redis-server");
}

/** A free loopback port (the OS picks it; we release it for redis-server to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True once something answers PING with +PONG on the port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A RESP array command, as redis-cli would send it. */
function resp(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
}

/** Sends one command on a fresh connection and returns the raw reply (tests only read simple ones). */
function command(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.setTimeout(2000);
    socket.once("connect", () => socket.write(resp(args)));
    socket.on("data", (data) => {
      reply += data.toString();
      if (reply.endsWith("\r\n")) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.once("error", reject);
    socket.once("timeout", () => {
      socket.destroy();
      reject(new Error(`redis ${args[0]}: no answer`));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** Stops redis-server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  start(): Promise<void>;
  /** SIGSTOP: the process hangs with its sockets open, as a stalled Redis does. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** One command, e.g. ["SET", "wxlive:rooms", "{}"]; the raw RESP reply. */
  command(...args: string[]): Promise<string>;
}

/** A real redis-server on a free loopback port with a temp dir, owned by the test. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = tempDir();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const proc = spawn(
      redisServerBin(),
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    child = proc;
    let exited = false;
    proc.once("exit", () => (exited = true));
    for (let i = 0; i < 200; i++) {
      if (exited) throw new Error(`redis-server exited at start (port ${port})`);
      if (await ping(port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("redis-server did not answer PING");
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGCONT"); // a paused process would hold SIGTERM until it runs again
      proc.kill("SIGTERM");
    });
  }

  const signal = (name: NodeJS.Signals): void => {
    if (!child?.kill(name)) throw new Error(`redis-server is not running (${name})`);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    command: (...args) => command(port, args),
  };
}
