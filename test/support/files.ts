/** Files under a folder, for tests that read the tree (architecture rules, doc citations). */
import * as fs from "fs";
import * as path from "path";

/** Folders that hold what others wrote or what a build made, never our sources. */
const SKIPPED = new Set(["node_modules", "miniprogram_npm", "dist"]);

/** Every file under `dir` whose name ends with one of `extensions`, sorted. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) out.push(...filesUnder(full, extensions));
    } else if (extensions.some((ext) => entry.name.endsWith(ext))) {
      out.push(full);
    }
  }
  return out.sort();
}
