/**
 * `npm run preview -- [--version 1.2.0] [--desc "…"] [--qrcode preview.jpg] [--page packageA/pages/room/room] [--query room_id=1]`
 * Needs WX_APPID and WX_PRIVATE_KEY_PATH. Prints the preview QR code in the terminal (or saves it).
 */
import * as ci from "miniprogram-ci";
import { buildNpm } from "./build-npm";
import { onlineProject } from "./lib/ci-project";
import { progress, runRelease } from "./lib/release";

void runRelease("preview", async (o) => {
  await buildNpm();
  const result = await ci.preview({
    project: onlineProject(o.appid, o.privateKeyPath),
    version: o.version,
    desc: o.desc,
    robot: o.robot,
    setting: { useProjectConfig: true },
    qrcodeFormat: o.qrcodeOutput ? "image" : "terminal",
    qrcodeOutputDest: o.qrcodeOutput,
    pagePath: o.pagePath,
    searchQuery: o.searchQuery,
    onProgressUpdate: progress,
  });
  const packages = (result.subPackageInfo ?? [])
    .map((p) => `${p.name} ${(p.size / 1024).toFixed(1)} KB`)
    .join(", ");
  return `preview ready${o.qrcodeOutput ? ` (QR code saved to ${o.qrcodeOutput})` : ""}; packages: ${packages}`;
});
