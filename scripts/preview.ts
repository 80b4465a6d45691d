/**
 * `npm run preview -- [--no-plugin] [--version 1.2.0] [--desc "…"] [--qrcode preview.jpg] [--page packageA/pages/room/room] [--query room_id=1]`
 * Needs WX_APPID and WX_PRIVATE_KEY_PATH. Prints the preview QR code in the terminal (or saves it).
 */
import * as ci from "miniprogram-ci";
import { buildNpm } from "./build-npm";
import { commonUploadOptions, describePackages, prepareRelease, runRelease } from "./lib/release";

void runRelease("preview", async (o) => {
  await buildNpm();
  await prepareRelease(o);
  const result = await ci.preview({
    ...commonUploadOptions(o),
    qrcodeFormat: o.qrcodeOutput ? "image" : "terminal",
    qrcodeOutputDest: o.qrcodeOutput,
    pagePath: o.pagePath,
    searchQuery: o.searchQuery,
  });
  const saved = o.qrcodeOutput ? ` (QR code saved to ${o.qrcodeOutput})` : "";
  return `preview ready${saved}; packages: ${describePackages(result.subPackageInfo)}`;
});
