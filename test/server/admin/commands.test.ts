/**
 * The console from the command line: `npm start`'s demo mode opens it with a one-time password,
 * `npm run admin:hash` makes a hash the server accepts, and the server refuses a plain password.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { loadConfig } from "../../../server/src/config";
import { verifyPassword } from "../../../server/src/admin/password";
import { removeTempDirs, tempDir } from "../../../server/test-support/harness";
import { run } from "../support/process";
import { ConsoleClient, passwordHash } from "./support";

const root = path.resolve(__dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

afterAll(removeTempDirs);

const demoEnv = (): Record<string, string> => ({
  PORT: "0",
  EMULATOR_PORT: "0",
  DATA_DIR: tempDir(),
  START_SKIP_BUILD: "1",
});

/** Runs `tsx <script>` with `input` piped to its stdin (not a terminal). */
function withInput(
  script: string,
  input: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
    child.stdin.end(`${input}\n`);
  });
}

describe("npm start in demo mode", () => {
  it("opens the console with a one-time password printed once, and only that password signs in", async () => {
    const child = run(tsx, ["scripts/start.ts"], demoEnv(), root);
    try {
      const line = await child.waitFor(/Operator console/);
      const [, url, password] =
        /Operator console: (http:\/\/127\.0\.0\.1:\d+)\/admin \(one-time demo password: ([a-z0-9-]+)\)/.exec(
          line,
        ) ?? [];

      const wrong = await new ConsoleClient(url).signIn("not-the-demo-password");
      const right = await new ConsoleClient(url).signIn(password);

      expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
      expect(child.output().split(password)).toHaveLength(2); // printed once
      expect(wrong.status).toBe(401);
      expect(right.status).toBe(303);
    } finally {
      child.kill("SIGTERM");
      await child.exit;
    }
  });

  it("uses the shop's own ADMIN_PASSWORD_HASH when there is one, and makes no demo password", async () => {
    const child = run(
      tsx,
      ["scripts/start.ts"],
      { ...demoEnv(), ADMIN_PASSWORD_HASH: await passwordHash() },
      root,
    );
    try {
      const line = await child.waitFor(/Operator console/);

      expect(line).toMatch(
        /^Operator console: http:\/\/127\.0\.0\.1:\d+\/admin \(the password of ADMIN_PASSWORD_HASH\)$/,
      );
      expect(child.output()).not.toContain("demo password");
    } finally {
      child.kill("SIGTERM");
      await child.exit;
    }
  });
});

describe("npm run admin:hash", () => {
  it("prints a hash of the piped password that the server takes, and nothing else on stdout", async () => {
    const { code, out } = await withInput("server/src/admin/hash-cli.ts", "a long operator password");
    const hash = out.trim();
    const config = loadConfig({ WX_APPID: "wxid", WX_APPSECRET: "secret", ADMIN_PASSWORD_HASH: hash });

    expect(code).toBe(0);
    expect(hash).toMatch(/^scrypt:ln=17,r=8,p=1:\S+$/);
    expect(
      config.admin && (await verifyPassword("a long operator password", config.admin.passwordHash)),
    ).toBe(true);
  });

  it("refuses a weak password with exit code 2 and the reason", async () => {
    const { code, out, err } = await withInput("server/src/admin/hash-cli.ts", "hunter2");

    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trim()).toBe("admin:hash: too weak: use at least 12 characters");
  });
});

describe("npm run server", () => {
  it("refuses a plain password in ADMIN_PASSWORD_HASH with a one-line reason that does not repeat it", async () => {
    const { code, stderr } = await run(
      tsx,
      ["server/src/index.ts"],
      {
        WX_APPID: "wxid",
        WX_APPSECRET: "secret-0123456789",
        ADMIN_PASSWORD_HASH: "my shop password 2025",
        DATA_DIR: tempDir(),
      },
      root,
    ).exit;

    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      "server: ADMIN_PASSWORD_HASH is not a hash made by `npm run admin:hash` (scrypt:ln=…); a plain password is never accepted",
    );
  });
});
