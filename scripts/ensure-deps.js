#!/usr/bin/env node
/*
 * Pre-script of `npm start` and `npm test`: installs dependencies when node_modules is missing or
 * older than the lockfile, so either command works as the first one on a fresh clone.
 * Plain JavaScript on purpose: it must run before TypeScript tooling is installed.
 */
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const lock = path.join(root, "package-lock.json");
// npm writes this file on every install, so its time says when node_modules was last brought in line.
const stamp = path.join(root, "node_modules", ".package-lock.json");

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

if (mtime(stamp) === 0 || mtime(stamp) < mtime(lock)) {
  console.log("Installing dependencies (node_modules is missing or older than package-lock.json)…");
  execSync("npm ci --no-audit --no-fund", { cwd: root, stdio: "inherit" });
}
