#!/usr/bin/env node
/*
 * Pre-script of `npm start` and `npm test`, so either works as the first command on a fresh clone:
 * - installs npm dependencies when node_modules is missing or older than the lockfile, for the root
 *   (mini-program, tooling, tests) and for the server package in server/ (its own lockfile: the
 *   production image installs exactly that one with `npm ci --omit=dev`). The server's dev tools
 *   (typescript, @types/node) come from the root here, so its install omits them;
 * - with --system (npm test, .ci/run): sees to the Debian packages the tests need (redis-server for
 *   the server tests, chromium and fonts-wqy-microhei for the gallery test). Missing ones are
 *   installed with apt-get when this machine can (Debian/Ubuntu, root or passwordless sudo); where it
 *   cannot, it stops before any test runs with the one command to run. SKIP_SYSTEM_DEPS=1 skips
 *   this for people who manage packages themselves; the tests that need a package then fail loudly.
 * - with --system-only: only the system packages (.ci/run calls it before `npm ci`).
 * Plain JavaScript on purpose: it must run before TypeScript tooling is installed.
 */
const { execFileSync, execSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { missingSystemPackages } = require("./lib/system-deps");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function ensureNpmDependencies(dir, flags) {
  const lock = path.join(dir, "package-lock.json");
  // npm writes this file on every install, so its time says when node_modules was last brought in line.
  const stamp = path.join(dir, "node_modules", ".package-lock.json");
  if (mtime(stamp) === 0 || mtime(stamp) < mtime(lock)) {
    const where = path.relative(root, dir) || ".";
    console.log(
      `Installing npm dependencies in ${where} (node_modules is missing or older than package-lock.json)…`,
    );
    execSync(`npm ci --no-audit --no-fund ${flags}`.trim(), { cwd: dir, stdio: "inherit" });
  }
}

function canRun(command, commandArgs) {
  try {
    execFileSync(command, commandArgs, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** "" as root, "sudo -n" with passwordless sudo, null when packages cannot be installed here. */
function installPrefix() {
  if (!fs.existsSync("/etc/debian_version") || !canRun("apt-get", ["--version"])) return null;
  if (typeof process.getuid === "function" && process.getuid() === 0) return [];
  return canRun("sudo", ["-n", "true"]) ? ["sudo", "-n"] : null;
}

function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg).join(" ");
  const why = missing.map((m) => `${m.pkg} for ${m.why}`).join(", ");
  if (process.env.SKIP_SYSTEM_DEPS === "1") {
    console.log(`SKIP_SYSTEM_DEPS=1: not installing ${names}; the tests that need them will fail (${why}).`);
    return;
  }
  const prefix = installPrefix();
  if (prefix === null) {
    console.error(
      `npm test needs ${why}; install them first: sudo apt-get install -y ${names} (or set SKIP_SYSTEM_DEPS=1)`,
    );
    process.exit(1);
  }
  console.log(`Installing ${names} with apt-get (the tests need ${why})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (cmd) => {
    const full = [...prefix, ...cmd];
    // apt's own chatter (debconf notes) only matters when it fails
    execFileSync(full[0], full.slice(1), { stdio: ["ignore", "ignore", "pipe"], env });
  };
  try {
    run(["apt-get", "update", "-qq"]);
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing.map((m) => m.pkg)]);
  } catch (err) {
    if (err.stderr) process.stderr.write(err.stderr);
    console.error(
      `apt-get could not install ${names}; install them by hand: sudo apt-get install -y ${names}`,
    );
    process.exit(1);
  }
  const still = missingSystemPackages();
  if (still.length > 0) {
    console.error(`still missing after apt-get: ${still.map((m) => m.pkg).join(" ")}`);
    process.exit(1);
  }
}

if (!args.includes("--system-only")) {
  ensureNpmDependencies(root, "");
  ensureNpmDependencies(path.join(root, "server"), "--omit=dev");
}
if (args.includes("--system") || args.includes("--system-only")) ensureSystemPackages();
