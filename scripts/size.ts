/**
 * `npm run size`: compiled size per package of both builds (the plugin build and the build without
 * the plugin, scripts/lib/live-source.ts) from the offline compile, as one table; exits 1 when a
 * package of either build is over its budget. `--plugin` / `--no-plugin` measure one build only;
 * LIVE_PLUGIN in the environment does not narrow it, so the budget check in `npm test` always covers
 * both builds. `--readme` also writes the (two-build) table into README.md between size markers.
 */
import * as path from "path";
import { compileOffline, packageSizes, type PackageSize } from "./lib/ci-project";
import { LIVE_SOURCES, VARIANTS, prepareVariant, readLiveSource, type LiveSource } from "./lib/live-source";
import { ROOT } from "./lib/paths";
import { writeReadmeSection } from "./lib/readme-section";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface VariantSize extends PackageSize {
  source: LiveSource;
}

export function sizeTable(sizes: VariantSize[]): string {
  const rows = sizes.map((s) => {
    const share = ((s.bytes / s.budget) * 100).toFixed(0);
    const verdict = s.bytes <= s.budget ? "ok" : "OVER";
    const name = s.name === "__APP__" ? "main" : s.name;
    return `| ${VARIANTS[s.source].label} | ${name} | ${s.files} | ${kb(s.bytes)} | ${kb(s.budget)} | ${share}% | ${verdict} |`;
  });
  return [
    "| build | package | files | compiled | budget | used | verdict |",
    "|---|---|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n");
}

/** Compiles each build in turn (the no-plugin one from its staged copy) and sizes its packages. */
export async function measure(sources: readonly LiveSource[]): Promise<VariantSize[]> {
  const out: VariantSize[] = [];
  for (const source of sources) {
    const files = await compileOffline(prepareVariant(source).projectRoot);
    out.push(...packageSizes(files).map((s) => ({ ...s, source })));
  }
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const chosen = argv.some((a) => a === "--plugin" || a === "--no-plugin");
  const { source, rest } = readLiveSource(argv, {});
  const unknown = rest.filter((a) => a !== "--readme");
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}`);
  if (chosen && rest.includes("--readme"))
    throw new Error("--readme writes both builds: drop --plugin/--no-plugin");
  const sizes = await measure(chosen ? [source] : LIVE_SOURCES);
  const table = sizeTable(sizes);
  console.log(table);
  if (rest.includes("--readme")) await writeReadmeSection(path.join(ROOT, "README.md"), "size", table);
  const over = sizes.filter((s) => s.bytes > s.budget);
  if (over.length > 0) {
    console.error(
      `size: over budget: ${over.map((s) => `${VARIANTS[s.source].label} ${s.name} ${kb(s.bytes)} > ${kb(s.budget)}`).join(", ")}`,
    );
    process.exit(1);
  }
  console.log("size: every package of every build is within budget");
  process.exit(0);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`size failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
