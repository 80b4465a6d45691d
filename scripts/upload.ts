/**
 * `npm run upload -- [--version 1.2.0] [--desc "…"] [--robot 1]`
 * Needs WX_APPID and WX_PRIVATE_KEY_PATH. Uploads a development version for review in the console.
 */
import * as ci from "miniprogram-ci";
import { buildNpm } from "./build-npm";
import { onlineProject } from "./lib/ci-project";
import { progress, runRelease } from "./lib/release";

void runRelease("upload", async (o) => {
  await buildNpm();
  const result = await ci.upload({
    project: onlineProject(o.appid, o.privateKeyPath),
    version: o.version,
    desc: o.desc,
    robot: o.robot,
    setting: { useProjectConfig: true },
    onProgressUpdate: progress,
  });
  const packages = (result.subPackageInfo ?? [])
    .map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} KB`)
    .join(", ");
  return `uploaded version ${o.version}; packages: ${packages}. Submit it for review in the mini-program console.`;
});
