/**
 * Rehearses the container image without a container engine: each stage of deploy/image.ts (the steps
 * deploy/Dockerfile runs) is played in a scratch directory, with container paths mapped under it, and
 * the result is the image's /app plus the command and environment that start it.
 *
 *   tsx deploy/rehearse.ts [DIR]      stage into DIR (default: a new temp directory) and print how to start
 *
 * npm installs prefer the local cache (`npm_config_prefer_offline`); steps marked containerOnly (file
 * ownership for the image's user) are skipped and listed.
 */
import { exec } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DATA_DIR, STAGES, START, instruction } from "./image";

const REPO = path.resolve(__dirname, "..");
const run = promisify(exec);

export interface Rehearsal {
  /** The runtime stage's WORKDIR: what the image holds in /app. */
  appDir: string;
  /** Where the image's DATA_DIR lands here (created empty). */
  dataDir: string;
  command: string[];
  /** The image's ENV, with DATA_DIR mapped into the rehearsal. */
  env: Record<string, string>;
  skipped: string[];
}

/** The environment for RUN steps: this machine's, without npm's per-script variables from a parent npm. */
function runEnv(stageEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("npm_") && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, ...stageEnv, npm_config_prefer_offline: "true" };
}

export async function rehearse(
  dir: string,
  progress: (line: string) => void = () => undefined,
): Promise<Rehearsal> {
  const roots = new Map<string, string>();
  const skipped: string[] = [];
  let workdir = "/";
  let stageEnv: Record<string, string> = {};
  let root = "";
  // a container path, absolute or relative to the WORKDIR, inside this stage's root
  const inStage = (stageRoot: string, p: string): string =>
    path.join(stageRoot, path.posix.isAbsolute(p) ? p : path.posix.join(workdir, p));

  for (const stage of STAGES) {
    root = path.join(dir, stage.name);
    roots.set(stage.name, root);
    workdir = "/";
    stageEnv = {};
    for (const step of stage.steps) {
      progress(`${stage.name}: ${instruction(step)}`);
      if (step.workdir) {
        workdir = step.workdir;
        mkdirSync(inStage(root, "."), { recursive: true });
      } else if (step.env) {
        stageEnv = { ...stageEnv, ...step.env };
      } else if (step.copy) {
        const { from, sources, dest } = step.copy;
        const fromRoot = from === undefined ? undefined : roots.get(from);
        if (from !== undefined && fromRoot === undefined)
          throw new Error(`no stage "${from}" before ${stage.name}`);
        for (const source of sources) {
          const src = fromRoot === undefined ? path.join(REPO, source) : path.join(fromRoot, source);
          // like COPY: several sources, or a dest ending in "/", go into a directory by their names
          const target = dest.endsWith("/")
            ? path.join(inStage(root, dest), path.basename(source))
            : inStage(root, dest);
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(src, target, { recursive: true });
        }
      } else if (step.containerOnly) {
        skipped.push(`${instruction(step)} (${step.containerOnly})`);
      } else if (step.run) {
        const cwd = inStage(root, ".");
        await run(step.run, { cwd, env: runEnv(stageEnv), maxBuffer: 16 * 1024 * 1024 }).catch(
          (err: Error & { stdout?: string; stderr?: string }) => {
            const tail = `${err.stdout ?? ""}${err.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
            throw new Error(`${stage.name}: ${step.run} failed in ${cwd}:\n${tail}`);
          },
        );
      }
    }
  }
  const dataDir = path.join(root, DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    appDir: inStage(root, "."),
    dataDir,
    command: START,
    env: { ...stageEnv, DATA_DIR: dataDir },
    skipped,
  };
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? mkdtempSync(path.join(tmpdir(), "wxlive-image-")));
  const result = await rehearse(dir, (line) => console.log(line));
  for (const line of result.skipped) console.log(`skipped, container only: ${line}`);
  const env = Object.entries(result.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  console.log(`\nThe image's /app is ${result.appDir}. Start it as the image does:`);
  console.log(`  cd ${result.appDir} && env ${env} WX_APPID=… WX_APPSECRET=… ${result.command.join(" ")}`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`rehearse: ${err.message}`);
    process.exit(1);
  });
}
