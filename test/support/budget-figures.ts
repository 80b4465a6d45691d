/**
 * The setData budget tests measure, assert, and (when `npm run bench` asks by setting
 * BUDGET_FIGURES_DIR) leave the same figures in `<dir>/app-<name>.json` for the bench's table. The
 * bench runs these tests as a command and imports nothing from test/.
 */
import * as fs from "fs";
import * as path from "path";

export function reportFigures(name: "rooms" | "room" | "goods", figures: object): void {
  const dir = process.env.BUDGET_FIGURES_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `app-${name}.json`), JSON.stringify(figures, null, 2));
}
