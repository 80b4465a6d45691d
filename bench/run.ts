/**
 * `npm run bench`: throughput, upstream economy, mini-program setData budgets and package sizes as one
 * table. `--json` prints the raw figures instead (every run also leaves them in
 * .tmp/bench/results.json); `--readme` also writes the table into README.md. `--duration S`,
 * `--connections N` and `--repetitions N` shape the load test (backend and floor alternate, N runs each;
 * 9 runs of 2 s by default); `--soak` adds a 10-minute soak (`--soak-seconds S` for another length);
 * `--only a,b` picks sections (throughput, economy, app, sizes). Figures only: it never fails on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
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
      duration: { type: "string", default: "2" },
      connections: { type: "string", default: "50" },
      repetitions: { type: "string", default: "9" },
      soak: { type: "boolean", default: false },
      "soak-seconds": { type: "string", default: "600" },
      only: { type: "string", default: SECTIONS.join(",") },
    },
  });
  const duration = positiveInt("duration", values.duration);
  const connections = positiveInt("connections", values.connections);
  const repetitions = positiveInt("repetitions", values.repetitions);
  const soakSeconds = values.soak ? positiveInt("soak-seconds", values["soak-seconds"]) : 0;
  const only = values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
  if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(", ")}`);
  const wanted = (s: Section): boolean => only.includes(s);
  const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);
  mkdirSync(OUT_DIR, { recursive: true });

  const loadAtStart = loadavg()[0];
  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  if (wanted("throughput")) {
    progress(
      `throughput: autocannon, ${connections} connections, ${duration} s per run, ` +
        `${repetitions} alternating runs each of backend and floor${soakSeconds ? `, then a ${soakSeconds} s soak` : ""}`,
    );
    const t = await measureThroughput({
      connections,
      seconds: duration,
      repetitions,
      soakSeconds,
      progress: (line) => progress(`  ${line}`),
    });
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
    progress("mini-program budgets: the setData budget tests (jest, app project)");
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
  const machine = {
    command,
    date: when.toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
  };
  const raw = JSON.stringify({ ...machine, rows, results }, null, 2);
  // every run's raw figures, also when the table is what was printed
  writeFileSync(path.join(OUT_DIR, "results.json"), `${raw}\n`);
  if (values.json) {
    console.log(raw);
  } else {
    console.log(table);
  }
  if (values.readme) {
    const load = `${cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end`;
    await writeReadme(path.join(ROOT, "README.md"), table, command, when, load);
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
