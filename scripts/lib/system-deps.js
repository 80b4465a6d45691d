/*
 * The Debian packages the tests need, and how to tell whether this machine has them. Plain
 * JavaScript: scripts/ensure-deps.js uses it before TypeScript tooling is installed, and the tests
 * use it to find the binaries (on PATH, like a shell would) and to fail with the same instruction.
 */
const fs = require("fs");
const path = require("path");

/** The first executable called `name` on PATH, or null. */
function findOnPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const CJK_FONT_FILES = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
];

function hasCjkFont() {
  return CJK_FONT_FILES.some((file) => fs.existsSync(file));
}

const SYSTEM_PACKAGES = [
  { pkg: "redis-server", why: "the server tests", present: () => findOnPath("redis-server") !== null },
  { pkg: "chromium", why: "the gallery test", present: () => findOnPath("chromium") !== null },
  { pkg: "fonts-wqy-microhei", why: "the gallery's Chinese text", present: hasCjkFont },
];

function missingSystemPackages() {
  return SYSTEM_PACKAGES.filter((p) => !p.present());
}

/** The binary's path, or an Error whose message is the one line telling how to get it. */
function requireBinary(name, pkg) {
  const found = findOnPath(name);
  if (found) return found;
  throw new Error(
    `${name} is not on PATH; install it with: sudo apt-get install -y ${pkg} (npm test does this)`,
  );
}

module.exports = {
  CJK_FONT_FILES,
  SYSTEM_PACKAGES,
  findOnPath,
  hasCjkFont,
  missingSystemPackages,
  requireBinary,
};
