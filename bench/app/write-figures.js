/**
 * Where the app bench files leave their figures for bench/run.ts (.tmp/bench/app-<name>.json).
 *
 * The bench files are JavaScript on purpose: tsconfig.node.json covers bench/**\/*.ts without the
 * mini-program typings that test/app/budgets needs; ts-jest still compiles the TypeScript they require.
 * One file per page, so each measurement gets a fresh module registry and clock.
 */
const fs = require("fs");
const path = require("path");

const OUT_DIR = path.resolve(__dirname, "../../.tmp/bench");

function writeFigures(name, figures) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, `app-${name}.json`), JSON.stringify(figures, null, 2));
}

module.exports = { OUT_DIR, writeFigures };
