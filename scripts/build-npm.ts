/**
 * Builds `dependencies` (@vant/weapp, dayjs) into miniprogram/miniprogram_npm with miniprogram-ci's
 * packNpmManually Node API. The CLI variant prints "done" and writes nothing (tooling.md §3), so we
 * never shell out to it. Works offline, needs no appid or key.
 */
import * as ci from "miniprogram-ci";
import { MINIPROGRAM_ROOT, PACKAGE_JSON } from "./lib/paths";

export async function buildNpm(): Promise<void> {
  const result = await ci.packNpmManually({
    packageJsonPath: PACKAGE_JSON,
    miniprogramNpmDistDir: MINIPROGRAM_ROOT,
  });
  if (result.warnList.length > 0) {
    const lines = result.warnList.map((w) => `${w.jsPath}: ${w.tips}`);
    throw new Error(`npm build warnings:\n${lines.join("\n")}`);
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
