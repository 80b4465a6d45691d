/**
 * The container image, as far as it can be tested without a container engine (none on the test
 * machines): deploy/Dockerfile runs exactly the steps of deploy/image.ts, and those steps, played by
 * deploy/rehearse.ts (`npm ci` and `npm run build` on a copy of server/, then `npm ci --omit=dev` and
 * the compiled dist/ alone), give an /app whose start command serves the API, writes nothing outside
 * DATA_DIR and stops cleanly on SIGTERM. The image build itself is not run here.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { RoomListResponse } from "../../typings/api";
import { DATA_DIR, STAGES, START, instruction } from "../../deploy/image";
import { rehearse } from "../../deploy/rehearse";
import type { Rehearsal } from "../../deploy/rehearse";
import { emulator, get, removeTempDirs, serverEnv, tempDir } from "../../server/test-support/harness";
import { listeningUrl, run } from "./support/process";
import { ConsoleClient, passwordHash } from "./admin/support";

const ROOT = path.resolve(__dirname, "../..");
const DEPLOY = path.join(ROOT, "deploy");

afterAll(removeTempDirs);

interface DockerStage {
  from: string;
  instructions: string[];
}

/** The Dockerfile's instructions per stage: continuation lines joined, comments dropped. */
function dockerStages(): DockerStage[] {
  const text = readFileSync(path.join(DEPLOY, "Dockerfile"), "utf8").replace(/\\\n\s*/g, "");
  const stages: DockerStage[] = [];
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("FROM ")) stages.push({ from: line, instructions: [] });
    else stages[stages.length - 1].instructions.push(line);
  }
  return stages;
}

const keyword = (line: string): string => line.split(" ")[0];

/** Every file under `dir` with its size and modification time, to see whether anything was written. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else files.set(path.relative(dir, p), `${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return files;
}

describe("deploy/Dockerfile", () => {
  const stages = dockerStages();

  it("runs exactly the steps the rehearsal plays, stage by stage", () => {
    const compared = new Set(["WORKDIR", "ENV", "COPY", "RUN"]);

    expect(stages.map((s) => s.from)).toEqual(
      STAGES.map((s) => expect.stringMatching(new RegExp(` AS ${s.name}$`))),
    );
    stages.forEach((stage, i) => {
      expect(stage.instructions.filter((l) => compared.has(keyword(l)))).toEqual(
        STAGES[i].steps.map(instruction),
      );
    });
  });

  it("starts node itself as a non-root user, checks /healthz, keeps data in a volume", () => {
    const runtime = stages[stages.length - 1].instructions;
    const cmd = runtime.find((l) => keyword(l) === "CMD") ?? "";

    expect(JSON.parse(cmd.slice(4))).toEqual(START);
    expect(runtime).toContain("USER node");
    expect(runtime).toContain(`VOLUME ["${DATA_DIR}"]`);
    expect(runtime.find((l) => keyword(l) === "HEALTHCHECK")).toContain("/healthz");
    expect(runtime.indexOf("USER node")).toBeGreaterThan(
      runtime.findIndex((l) => l.includes(`chown node:node`)),
    );
  });

  it("sends only what the steps copy into the build context", () => {
    const ignore = readFileSync(path.join(DEPLOY, "Dockerfile.dockerignore"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("!"))
      .map((l) => l.slice(1).replace(/\/$/, ""));
    const copied = STAGES.flatMap((s) =>
      s.steps.flatMap((step) => (step.copy && !step.copy.from ? step.copy.sources : [])),
    );

    expect([...new Set(copied)].sort()).toEqual([...ignore].sort());
  });
});

describe("the image, rehearsed", () => {
  let staged: Rehearsal;

  beforeAll(async () => {
    staged = await rehearse(tempDir());
  }, 600_000);

  it("holds the package files, production dependencies and the compiled server, nothing else", () => {
    const dist = [...tree(path.join(staged.appDir, "dist")).keys()];
    const js = dist.filter((f) => f.endsWith(".js"));

    expect(readdirSync(staged.appDir).sort()).toEqual([
      "dist",
      "node_modules",
      "package-lock.json",
      "package.json",
    ]);
    expect(dist).toContain("index.js");
    // the operator console's templates and assets are copied next to its compiled code
    expect(dist).toEqual(expect.arrayContaining(["admin/views/layout.eta", "admin/assets/console.css"]));
    expect(readdirSync(path.join(staged.appDir, "node_modules"))).toEqual(
      expect.arrayContaining(["fastify", "ioredis", "pino", "@fastify"]),
    );
    expect(readdirSync(path.join(staged.appDir, "node_modules"))).not.toContain("typescript");
    expect(readdirSync(path.join(staged.appDir, "node_modules"))).not.toContain("pngjs"); // the emulator stays out
    for (const file of js) {
      const text = readFileSync(path.join(staged.appDir, "dist", file), "utf8");
      // the HTTP contract is the package's own (src/api); nothing may reach outside the package
      expect([file, /require\("[^"]*typings|require\("\.\.\/\.\.\/\.\.\//.test(text)]).toEqual([file, false]);
    }
    expect(staged.skipped).toEqual([expect.stringContaining("chown node:node")]);
  });

  it("serves the API with the image's start command, writes only DATA_DIR, stops on SIGTERM", async () => {
    const emu = await emulator();
    const before = tree(staged.appDir);
    const [command, ...args] = staged.command;
    const server = run(
      command,
      args,
      // the image's environment, but a free loopback port (the image listens on 0.0.0.0:8787)
      { ...staged.env, ...serverEnv(emu, staged.dataDir) },
      staged.appDir,
    );
    try {
      const url = await listeningUrl(server);
      const rooms = await get<RoomListResponse>(`${url}/api/rooms`);
      const health = await get<{ status: string; store: string }>(`${url}/healthz`);
      server.kill("SIGTERM");
      const { code } = await server.exit;

      expect(rooms.status).toBe(200);
      expect(rooms.body.total).toBe(10);
      expect(health.body).toMatchObject({ status: "ok", store: "off" });
      expect(code).toBe(0);
      expect(tree(staged.appDir)).toEqual(before);
      expect(readdirSync(path.dirname(staged.appDir)).sort()).toEqual(["app", "data"]);
      expect(readdirSync(staged.dataDir)).toEqual(["cache.json"]);
    } finally {
      server.kill("SIGKILL");
      await emu.close();
    }
  });

  it("serves the operator console from the compiled server with the production dependencies", async () => {
    const emu = await emulator();
    const [command, ...args] = staged.command;
    const server = run(
      command,
      args,
      { ...staged.env, ...serverEnv(emu, staged.dataDir), ADMIN_PASSWORD_HASH: await passwordHash() },
      staged.appDir,
    );
    try {
      const client = new ConsoleClient(await listeningUrl(server));
      const signIn = await client.signIn();
      const rooms = await client.get("/admin/rooms");
      const css = await client.get("/admin/assets/console.css");
      server.kill("SIGTERM");
      const { code } = await server.exit;

      expect(signIn.status).toBe(303);
      expect(rooms.status).toBe(200);
      expect(rooms.text).toContain("春季新品发布会 · 限时秒杀");
      expect(css.headers.get("content-type")).toContain("text/css");
      expect(code).toBe(0);
    } finally {
      server.kill("SIGKILL");
      await emu.close();
    }
  });
});
