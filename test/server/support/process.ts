import { spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Run {
  pid: number;
  /** Resolves with the first stdout/stderr line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
}

/**
 * Runs a command the way a process manager would: its own process, a clean environment (no credentials
 * or ports leak in from the machine running the tests), signals sent straight to it.
 */
export function run(command: string, args: string[], env: Record<string, string>, cwd: string): Run {
  const child = spawn(command, args, {
    cwd,
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
    pid: child.pid ?? 0,
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
    output: () => out,
  };
}

/** The URL in the server's "server listening" log line (pino JSON). */
export async function listeningUrl(server: Run): Promise<string> {
  const line = await server.waitFor(/"msg":"server listening"/);
  return (JSON.parse(line) as { url: string }).url;
}

/** True when nothing listens on the port any more (we can take it ourselves). */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
