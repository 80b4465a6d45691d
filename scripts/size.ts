/**
 * `npm run size`: compiled size per package from the offline compile, as a table; exits 1 when a
 * package is over its budget. `--readme` also writes the table into README.md between size markers.
 */
import * as fs from "fs";
import * as path from "path";
import { compileOffline, packageSizes, type PackageSize } from "./lib/ci-project";
import { ROOT } from "./lib/paths";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function sizeTable(sizes: PackageSize[]): string {
  const rows = sizes.map((s) => {
    const share = ((s.bytes / s.budget) * 100).toFixed(0);
    const verdict = s.bytes <= s.budget ? "ok" : "OVER";
    return `| ${s.name === "__APP__" ? "main (__APP__)" : s.name} | ${s.files} | ${kb(s.bytes)} | ${kb(s.budget)} | ${share}% | ${verdict} |`;
  });
  return [
    "| package | files | compiled | budget | used | verdict |",
    "|---|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n");
}

function writeReadme(table: string): void {
  const readme = path.join(ROOT, "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = "<!-- size:start -->";
  const end = "<!-- size:end -->";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from)
    throw new Error("README.md has no <!-- size:start --> … <!-- size:end --> markers");
  fs.writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
}

async function main(): Promise<void> {
  const sizes = packageSizes(await compileOffline());
  const table = sizeTable(sizes);
  console.log(table);
  if (process.argv.includes("--readme")) writeReadme(table);
  const over = sizes.filter((s) => s.bytes > s.budget);
  if (over.length > 0) {
    console.error(
      `size: over budget: ${over.map((s) => `${s.name} ${kb(s.bytes)} > ${kb(s.budget)}`).join(", ")}`,
    );
    process.exit(1);
  }
  console.log("size: every package is within budget");
  process.exit(0);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`size failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
