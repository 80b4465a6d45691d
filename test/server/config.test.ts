/**
 * The configuration schema (server/src/config.ts) is the one list of variables: both README tables
 * name exactly its variables, with the schema's defaults.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TSchema } from "@sinclair/typebox";
import { DEMO_ENV, SERVER_ENV } from "../../server/src/config";

const ROOT = path.resolve(__dirname, "../..");

interface TableRow {
  names: string[];
  defaults: string;
}

/** The rows of the first table under a `## heading` of a Markdown file. */
function table(file: string, heading: string): TableRow[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`${file} has no "## ${heading}"`);
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) => {
    const [names, defaults] = line.split("|").slice(1, 3);
    return { names: [...names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]), defaults };
  });
}

const documented = { ...SERVER_ENV.properties, ...DEMO_ENV.properties } as Record<string, TSchema>;

describe.each([
  ["README.md", "Configuration (backend)"],
  ["server/README.md", "Environment"],
])("%s › %s", (file, heading) => {
  const rows = table(file, heading);

  it("names every variable of the configuration schema, and no other", () => {
    const names = rows.flatMap((r) => r.names);

    expect([...names].sort()).toEqual(Object.keys(documented).sort());
  });

  it("gives each variable the schema's default", () => {
    const wrong = rows.flatMap((row) =>
      row.names
        .filter((name) => documented[name].default !== undefined)
        .filter((name) => !row.defaults.includes(`\`${String(documented[name].default)}\``))
        .map((name) => `${name}: ${row.defaults.trim()}`),
    );

    expect(wrong).toEqual([]);
  });
});
