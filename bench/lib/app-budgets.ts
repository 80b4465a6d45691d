/**
 * Mini-program setData budgets: the budget tests themselves measure them (test/app/**\/*.budget.test.ts,
 * in jest's app project) and, with BUDGET_FIGURES_DIR set, leave their figures as JSON for this table.
 * The bench runs them as a command; it imports nothing from test/.
 */
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
const BUDGET_TESTS = [
  "test/app/pages/rooms.budget.test.ts",
  "test/app/packageA/pages/room.budget.test.ts",
  "test/app/packageA/pages/goods.budget.test.ts",
];

export function measureAppBudgets(outDir: string): Promise<AppBudgets> {
  const file = (page: string): string => path.join(outDir, `app-${page}.json`);
  for (const page of PAGES) rmSync(file(page), { force: true }); // never report an earlier run's figures
  const args = [JEST, "--selectProjects", "app", "--silent", "--runTestsByPath", ...BUDGET_TESTS];
  const env = { ...process.env, BUDGET_FIGURES_DIR: outDir };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 << 20 }, (err, _out, stderr) => {
      if (err || !PAGES.every((page) => existsSync(file(page)))) {
        const tail = stderr.trim().split("\n").slice(-20).join("\n");
        return reject(new Error(`app budgets: the budget tests failed\n${tail}`));
      }
      const read = (page: string): unknown => JSON.parse(readFileSync(file(page), "utf8"));
      resolve({ rooms: read("rooms"), room: read("room"), goods: read("goods") } as AppBudgets);
    });
  });
}
