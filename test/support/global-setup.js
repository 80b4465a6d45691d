/**
 * Runs once before the app tests: Beijing time for every worker, and miniprogram_npm (every root
 * `dependency`: vant, dayjs, js-sha256) built with miniprogram-ci when a fresh clone does not have it
 * yet, or a dependency was added since it was built.
 */
const fs = require("fs");
const path = require("path");

module.exports = async function globalSetup() {
  process.env.TZ = "Asia/Shanghai";
  const root = path.resolve(__dirname, "../..");
  const npmDir = path.join(root, "miniprogram/miniprogram_npm");
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const missing = () => Object.keys(dependencies).filter((name) => !fs.existsSync(path.join(npmDir, name)));
  if (missing().length === 0) return;
  const ci = require("miniprogram-ci");
  await ci.packNpmManually({
    packageJsonPath: path.join(root, "package.json"),
    miniprogramNpmDistDir: path.join(root, "miniprogram"),
  });
  if (missing().length > 0)
    throw new Error(`npm build did not produce miniprogram_npm/${missing().join(", ")}`);
};
