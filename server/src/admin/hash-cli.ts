/**
 * `npm run admin:hash`: makes the ADMIN_PASSWORD_HASH for a new operator password. On a terminal it asks
 * twice without echo; otherwise it reads the first line of stdin (`… | npm run admin:hash`). The hash goes
 * to stdout, everything else to stderr. Exit codes: 0 done, 2 a weak, empty or mismatched password.
 */
import { hashPassword, passwordProblem } from "./password";

class Refused extends Error {}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(chars.join(""));
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new Refused("cancelled"));
          return;
        }
        if (ch === "\u007f" || ch === "\b") chars = chars.slice(0, -1);
        else if (ch >= " ") chars.push(ch);
      }
    };
    stdin.on("data", onData);
  });
}

/** The first line of a piped stdin. */
async function readFirstLine(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0];
}

async function main(): Promise<void> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await askHidden("New operator password: ");
    const problem = passwordProblem(password);
    if (problem) throw new Refused(`too weak: ${problem}`);
    if ((await askHidden("Again: ")) !== password) throw new Refused("the two passwords differ");
  } else {
    password = await readFirstLine();
    const problem = passwordProblem(password);
    if (problem) throw new Refused(`too weak: ${problem}`);
  }
  const hash = await hashPassword(password);
  process.stdout.write(`${hash}\n`);
  process.stderr.write(
    "Set it as ADMIN_PASSWORD_HASH in the server's environment (e.g. /etc/wx-live-shop/env) and restart; " +
      "the console is then at /admin.\n",
  );
}

main().catch((err: Error) => {
  process.stderr.write(`admin:hash: ${err.message}\n`);
  process.exit(err instanceof Refused ? 2 : 1);
});
