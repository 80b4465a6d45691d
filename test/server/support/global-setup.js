/**
 * Runs once before the Node tests: builds the server (`npm run build` in server/: tsc, plus the operator
 * console's templates and assets, what the image's build stage runs) into server/dist when the sources
 * changed since the last build, so the tests of the production start command (`node server/dist/index.js`)
 * run today's code.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "../../..");
const stamp = path.join(root, ".tmp/server-dist.stamp");

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

module.exports = async function globalSetup() {
  const inputs = ["server/src", "server/tsconfig.json", "server/tsconfig.build.json", "server/package.json"];
  const changed = Math.max(...inputs.map((p) => newest(path.join(root, p))));
  const built = fs.existsSync(path.join(root, "server/dist/index.js")) && fs.existsSync(stamp);
  if (built && fs.statSync(stamp).mtimeMs > changed) return;
  fs.rmSync(path.join(root, "server/dist"), { recursive: true, force: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, ["run", "--silent", "build"], { cwd: path.join(root, "server"), stdio: "inherit" });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
};
