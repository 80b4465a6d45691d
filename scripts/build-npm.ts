/**
 * Builds `dependencies` (@vant/weapp, dayjs) into miniprogram/miniprogram_npm with miniprogram-ci's
 * packNpmManually Node API. The CLI variant prints "done" and writes nothing (docs/tooling.md,
 * "Building miniprogram_npm"), so we never shell out to it. Works offline, needs no appid or key.
 */
import * as fs from "fs";
import * as ci from "miniprogram-ci";
import * as path from "path";
import { MINIPROGRAM_NPM, MINIPROGRAM_ROOT, PACKAGE_JSON } from "./lib/paths";

export async function buildNpm(): Promise<void> {
  const result = await ci.packNpmManually({
    packageJsonPath: PACKAGE_JSON,
    miniprogramNpmDistDir: MINIPROGRAM_ROOT,
  });
  for (const w of result.warnList) console.warn(`npm build warning: ${w.jsPath}: ${w.tips}`);
  // Warnings are advisory (e.g. a types-only package); a missing vant build is not.
  if (!fs.existsSync(path.join(MINIPROGRAM_NPM, "@vant/weapp/button/index.json"))) {
    throw new Error("miniprogram_npm/@vant/weapp was not produced; is @vant/weapp in dependencies?");
  }
  console.log(
    `npm build: ${result.miniProgramPackNum} mini-program package(s), ${result.otherNpmPackNum} other package(s) → miniprogram/miniprogram_npm`,
  );
}

if (require.main === module) {
  buildNpm().catch((err: unknown) => {
    console.error(`npm build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
