/**
 * Package sizes from the offline compile, against the budgets (scripts/lib/ci-project). Runs in a
 * child process: miniprogram-ci prints to stdout and leaves a compiler process behind.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PackageSize } from "../../scripts/lib/ci-project";

const TSX = path.resolve(__dirname, "../../node_modules/tsx/dist/cli.mjs");

export function measurePackageSizes(outFile: string): Promise<PackageSize[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSX, __filename, outFile], { maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      if (err) return reject(new Error(`offline compile failed: ${stderr.trim().split("\n").pop() ?? ""}`));
      resolve(JSON.parse(readFileSync(outFile, "utf8")) as PackageSize[]);
    });
  });
}

if (require.main === module) {
  // imported here only: miniprogram-ci writes to stdout as soon as it is loaded
  import("../../scripts/lib/ci-project").then(
    async ({ compileOffline, packageSizes }) => {
      writeFileSync(process.argv[2], JSON.stringify(packageSizes(await compileOffline())));
      process.exit(0);
    },
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
