/**
 * `npm run upload -- [--no-plugin] [--version 1.2.0] [--desc "…"] [--robot 1]`
 * Needs WX_APPID and WX_PRIVATE_KEY_PATH. Uploads a development version for review in the console.
 */
import * as ci from "miniprogram-ci";
import { buildNpm } from "./build-npm";
import { commonUploadOptions, describePackages, prepareRelease, runRelease } from "./lib/release";

void runRelease("upload", async (o) => {
  await buildNpm();
  await prepareRelease(o);
  const result = await ci.upload(commonUploadOptions(o));
  return `uploaded version ${o.version}; packages: ${describePackages(result.subPackageInfo)}. Submit it for review in the mini-program console.`;
});
