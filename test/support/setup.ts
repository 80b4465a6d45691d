// Runs in every app test file before the framework: Beijing time, simulate's wx, our globals.
process.env.TZ = "Asia/Shanghai";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- simulate must install global wx before anything reads it
require("miniprogram-simulate");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installGlobals, resetHarness } = require("./harness") as typeof import("./harness");
installGlobals();
resetHarness();
