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
  room: { unchanged: Figure; changed: Figure };
  goods: Figure & { largest: number };
}

const ROOT = path.resolve(__dirname, "../..");
const JEST = path.join(ROOT, "node_modules/jest/bin/jest.js");
const PAGES = ["rooms", "room", "goods"] as const;

export function measureAppBudgets(outDir: string): Promise<AppBudgets> {
  const file = (page: string): string => path.join(outDir, `app-${page}.json`);
  for (const page of PAGES) rmSync(file(page), { force: true }); // never report an earlier run's figures
  const args = [JEST, "-c", path.join(ROOT, "bench/jest.config.js"), "--silent"];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      if (err || !PAGES.every((page) => existsSync(file(page)))) {
        const tail = stderr.trim().split("\n").slice(-20).join("\n");
        return reject(new Error(`app budgets: jest failed\n${tail}`));
      }
      const read = (page: string): unknown => JSON.parse(readFileSync(file(page), "utf8"));
      resolve({ rooms: read("rooms"), room: read("room"), goods: read("goods") } as AppBudgets);
    });
  });
}
