/**
 * `npm run size`: compiled size per package from the offline compile, as a table; exits 1 when a
 * package is over its budget. `--readme` also writes the table into README.md between size markers.
 */
import * as path from "path";
import { compileOffline, packageSizes, type PackageSize } from "./lib/ci-project";
import { ROOT } from "./lib/paths";
import { writeReadmeSection } from "./lib/readme-section";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function sizeTable(sizes: PackageSize[]): string {
  const rows = sizes.map((s) => {
    const share = ((s.bytes / s.budget) * 100).toFixed(0);
    const verdict = s.bytes <= s.budget ? "ok" : "OVER";
    return `| ${s.name === "__APP__" ? "main" : s.name} | ${s.files} | ${kb(s.bytes)} | ${kb(s.budget)} | ${share}% | ${verdict} |`;
  });
  return [
    "| package | files | compiled | budget | used | verdict |",
    "|---|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n");
}

async function main(): Promise<void> {
  const sizes = packageSizes(await compileOffline());
  const table = sizeTable(sizes);
  console.log(table);
  if (process.argv.includes("--readme"))
    await writeReadmeSection(path.join(ROOT, "README.md"), "size", table);
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
