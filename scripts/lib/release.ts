/**
 * Shared by `npm run preview` and `npm run upload`: credentials from the environment, version and
 * description from flags or package.json, progress on the terminal, one-line errors.
 */
import * as fs from "fs";
import type * as ci from "miniprogram-ci";
import { compileOffline, onlineProject } from "./ci-project";
import { parseArgs } from "util";
import {
  VARIANTS,
  appJsonWithoutPlugin,
  assertNoPlugin,
  prepareVariant,
  readLiveSource,
  type LiveSource,
} from "./live-source";
import { MINIPROGRAM_ROOT, PACKAGE_JSON } from "./paths";

export interface ReleaseOptions {
  appid: string;
  privateKeyPath: string;
  version: string;
  desc: string;
  robot: number;
  qrcodeOutput?: string;
  pagePath?: string;
  searchQuery?: string;
  /** Which build goes up: `--no-plugin` / LIVE_PLUGIN=off sends the build without the plugin. */
  source: LiveSource;
}

export class ReleaseError extends Error {}

/** Subpackage roots the no-plugin build leaves out (a --page there would open nothing). */
function rootsWithoutPlugin(): string[] {
  const app = JSON.parse(fs.readFileSync(`${MINIPROGRAM_ROOT}/app.json`, "utf8")) as Parameters<
    typeof appJsonWithoutPlugin
  >[0];
  return appJsonWithoutPlugin(app).removedRoots;
}

export function readReleaseOptions(argv: string[], env: NodeJS.ProcessEnv): ReleaseOptions {
  let live: ReturnType<typeof readLiveSource>;
  try {
    live = readLiveSource(argv, env);
  } catch (err) {
    throw new ReleaseError(err instanceof Error ? err.message : String(err));
  }
  const { values } = parseArgs({
    args: live.rest,
    options: {
      version: { type: "string" },
      desc: { type: "string" },
      robot: { type: "string" },
      qrcode: { type: "string" },
      page: { type: "string" },
      query: { type: "string" },
    },
    strict: true,
  });
  const appid = env.WX_APPID?.trim() ?? "";
  const privateKeyPath = env.WX_PRIVATE_KEY_PATH?.trim() ?? "";
  if (!/^wx[0-9a-f]{16}$/i.test(appid)) {
    throw new ReleaseError("WX_APPID is missing or not an appid (wx + 16 hex characters)");
  }
  if (!privateKeyPath) {
    throw new ReleaseError(
      "WX_PRIVATE_KEY_PATH is not set: download the code-upload key from 开发管理 › 开发设置",
    );
  }
  if (!fs.existsSync(privateKeyPath)) throw new ReleaseError(`private key not found at ${privateKeyPath}`);
  const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, "utf8")) as { version: string; description?: string };
  const robot = values.robot === undefined ? 1 : Number(values.robot);
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) throw new ReleaseError("--robot must be 1..30");
  const page = values.page?.replace(/^\//, "");
  if (live.source === "channels" && page && rootsWithoutPlugin().some((r) => page.startsWith(`${r}/`))) {
    throw new ReleaseError(
      `--page ${values.page} is not in the no-plugin build (it has no ${page.split("/")[0]})`,
    );
  }
  return {
    appid,
    privateKeyPath,
    version: values.version ?? pkg.version,
    desc: values.desc ?? `v${values.version ?? pkg.version}`,
    robot,
    qrcodeOutput: values.qrcode,
    pagePath: values.page,
    searchQuery: values.query,
    source: live.source,
  };
}

/** Turns miniprogram-ci's failures into one line a merchant can act on. */
export function describeFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|getaddrinfo/.test(text)) {
    return "cannot reach WeChat's servers (servicewechat.com): check the network or proxy";
  }
  if (/privateKey|private key|invalid ip|20003/i.test(text)) {
    return `WeChat refused the key or this machine's IP: ${text.split("\n")[0]}`;
  }
  return text.split("\n")[0];
}

export function progress(task: unknown): void {
  if (typeof task === "string") console.log(`  ${task}`);
  else if (task && typeof task === "object" && "message" in task) {
    const { message, status } = task as { message: string; status?: string };
    if (status !== "doing") console.log(`  ${message}`);
  }
}

/** The options preview and upload share: project, version, description, robot, progress. */
export function commonUploadOptions(o: ReleaseOptions): Parameters<typeof ci.upload>[0] {
  return {
    project: onlineProject(o.appid, o.privateKeyPath, VARIANTS[o.source].projectRoot),
    version: o.version,
    desc: o.desc,
    robot: o.robot,
    setting: { useProjectConfig: true },
    onProgressUpdate: progress,
  };
}

/** "__FULL__ 160.2 KB, __APP__ 110.5 KB, packageA 44.5 KB" from miniprogram-ci's answer. */
export function describePackages(info: Array<{ name: string; size: number }> | undefined): string {
  return (info ?? []).map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} KB`).join(", ");
}

/**
 * Makes the chosen build's project ready for miniprogram-ci: the repository itself, or the staged copy
 * without the plugin, compiled offline first and refused if it still names the plugin (WeChat would
 * reject it with -80082 after the upload).
 */
export async function prepareRelease(o: ReleaseOptions): Promise<void> {
  const variant = prepareVariant(o.source);
  if (o.source === "channels") assertNoPlugin(await compileOffline(variant.projectRoot));
}

export async function runRelease(
  name: string,
  action: (o: ReleaseOptions) => Promise<string>,
): Promise<never> {
  try {
    const options = readReleaseOptions(process.argv.slice(2), process.env);
    console.log(
      `${name}: ${options.appid} version ${options.version} (“${options.desc}”), ${VARIANTS[options.source].label}`,
    );
    console.log(await action(options));
    process.exit(0);
  } catch (err) {
    console.error(`${name} failed: ${err instanceof ReleaseError ? err.message : describeFailure(err)}`);
    process.exit(1);
  }
}
