/**
 * `npm run bench`: throughput, upstream economy, mini-program setData budgets and package sizes as one
 * table. `--json` prints the raw figures instead; `--readme` also writes the table into README.md.
 * `--duration S` and `--connections N` shape the load test; `--only a,b` picks sections
 * (throughput, economy, app, sizes). Figures only: it never fails on time.
 */
import { mkdirSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { measureAppBudgets } from "./lib/app-budgets";
import { measureEconomy } from "./lib/economy";
import { measurePackageSizes } from "./lib/package-sizes";
import { appRows, economyRows, markdownTable, sizeRows, throughputRows, writeReadme } from "./lib/report";
import type { Row } from "./lib/report";
import { measureThroughput } from "./lib/throughput";

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, ".tmp/bench");
const SECTIONS = ["throughput", "economy", "app", "sizes"] as const;
type Section = (typeof SECTIONS)[number];

function positiveInt(name: string, raw: string): number {
  if (!/^[1-9]\d*$/.test(raw)) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      readme: { type: "boolean", default: false },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "50" },
      only: { type: "string", default: SECTIONS.join(",") },
    },
  });
  const duration = positiveInt("duration", values.duration);
  const connections = positiveInt("connections", values.connections);
  const only = values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(", ")}`);
  const wanted = (s: Section): boolean => only.includes(s);
  const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);
  mkdirSync(OUT_DIR, { recursive: true });

  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  if (wanted("throughput")) {
    progress(`throughput: autocannon, ${connections} connections, ${duration} s per target (4 runs)`);
    const t = await measureThroughput(connections, duration);
    results.throughput = t;
    rows.push(...throughputRows(t));
  }
  if (wanted("economy")) {
    progress("upstream economy: cold burst, three instances on Redis, one simulated day");
    const e = await measureEconomy();
    results.economy = e;
    rows.push(...economyRows(e));
  }
  if (wanted("app")) {
    progress("mini-program budgets: jest (bench/jest.config.js)");
    const a = await measureAppBudgets(OUT_DIR);
    results.app = a;
    rows.push(...appRows(a));
  }
  if (wanted("sizes")) {
    progress("package sizes: offline compile");
    const s = await measurePackageSizes(path.join(OUT_DIR, "sizes.json"));
    results.sizes = s;
    rows.push(...sizeRows(s));
  }

  const when = new Date();
  const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
  const table = markdownTable(rows);
  if (values.json) {
    const machine = { command, date: when.toISOString(), node: process.version, cpus: cpus().length };
    console.log(JSON.stringify({ ...machine, rows, results }, null, 2));
  } else {
    console.log(table);
  }
  if (values.readme) {
    await writeReadme(path.join(ROOT, "README.md"), table, command, when);
    progress("README.md Performance section updated");
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
