/** Mini-program setData budgets: a jest run (bench/jest.config.js, the app environment) writes them. */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export interface Figure {
  calls: number;
  bytes: number;
}

export interface AppBudgets {
  rooms: {
    coldLoad: Figure;
    cachedLoad: Figure & { firstCallHasRooms: boolean };
    page2Append: Figure & { newRoomsJsonBytes: number };
    countdownSecond: Figure;
  };
  goods: Figure & { largest: number };
  /** The room page's own measure* results, when test/app/budgets/room-budget.ts exists. */
  room: Record<string, unknown> | null;
}

const ROOT = path.resolve(__dirname, "../..");
const JEST = path.join(ROOT, "node_modules/jest/bin/jest.js");

export function measureAppBudgets(outFile: string): Promise<AppBudgets> {
  rmSync(outFile, { force: true }); // never report figures of an earlier run
  const args = [JEST, "-c", path.join(ROOT, "bench/jest.config.js"), "--silent"];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      if (err || !existsSync(outFile)) {
        return reject(
          new Error(`app budgets: jest failed\n${stderr.trim().split("\n").slice(-15).join("\n")}`),
        );
      }
      resolve(JSON.parse(readFileSync(outFile, "utf8")) as AppBudgets);
    });
  });
}
