/**
 * The backend's boundaries, read from its files: the compiled server needs nothing outside server/,
 * the cache knows nothing of WeChat, test code stays out of the server and the bench, and the
 * shared test servers live where both the tests and the bench may use them (server/test-support).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { filesUnder } from "../support/files";

const ROOT = path.resolve(__dirname, "../..");
const CODE = [".ts", ".js"];
const SERVER = path.join(ROOT, "server");

/** Every relative import of a file (`import … from`, `import type`, `export … from`, `require`). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [
    ...text.matchAll(/(?:from|import)\s+["'](\.[^"']+)["']/g),
    ...text.matchAll(/require\(\s*["'](\.[^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specs.map((spec) => path.resolve(path.dirname(file), spec));
}

const rel = (file: string): string => path.relative(ROOT, file);
const inside = (file: string, dir: string): boolean => !path.relative(dir, file).startsWith("..");

/** `from → to` for every import of `files` that lands where `forbidden` says. */
function crossings(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((target) => `${rel(file)} → ${rel(target)}`),
  );
}

const serverSrc = filesUnder(path.join(SERVER, "src"), CODE);

describe("server boundaries", () => {
  test("the walk sees the server", () => {
    expect(serverSrc.map(rel)).toEqual(
      expect.arrayContaining(["server/src/app.ts", "server/src/services.ts", "server/src/api/contract.ts"]),
    );
  });

  test("server/src imports nothing outside server/ (the compiled package stands alone)", () => {
    expect(crossings(serverSrc, (t) => !inside(t, SERVER))).toEqual([]);
  });

  test("server/src imports no test code", () => {
    expect(crossings(serverSrc, (t) => inside(t, path.join(SERVER, "test-support")))).toEqual([]);
  });

  test("the cache does not know WeChat (its failure words are injected)", () => {
    const cache = serverSrc.filter((f) => inside(f, path.join(SERVER, "src/cache")));

    expect(cache.length).toBeGreaterThan(0);
    expect(crossings(cache, (t) => inside(t, path.join(SERVER, "src/wechat")))).toEqual([]);
  });

  test("the bench imports nothing from test/; shared servers come from server/test-support", () => {
    const bench = filesUnder(path.join(ROOT, "bench"), CODE);

    expect(crossings(bench, (t) => inside(t, path.join(ROOT, "test")))).toEqual([]);
    expect(crossings(bench, (t) => inside(t, path.join(SERVER, "test-support"))).length).toBeGreaterThan(0);
  });
});
