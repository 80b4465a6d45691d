/**
 * Runs once before the app tests: Beijing time for every worker, and miniprogram_npm (vant, dayjs)
 * built with miniprogram-ci when a fresh clone does not have it yet.
 */
const fs = require("fs");
const path = require("path");

module.exports = async function globalSetup() {
  process.env.TZ = "Asia/Shanghai";
  const root = path.resolve(__dirname, "../..");
  const marker = path.join(root, "miniprogram/miniprogram_npm/@vant/weapp/button/index.json");
  if (fs.existsSync(marker)) return;
  const ci = require("miniprogram-ci");
  await ci.packNpmManually({
    packageJsonPath: path.join(root, "package.json"),
    miniprogramNpmDistDir: path.join(root, "miniprogram"),
  });
  if (!fs.existsSync(marker)) throw new Error("npm build did not produce miniprogram_npm/@vant/weapp");
};
