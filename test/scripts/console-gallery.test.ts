/**
 * The console's part of the gallery cannot rot silently: it runs as `npm run gallery` runs it (a real
 * backend and the emulator on a fixed clock, a day of refreshes, an operator's changes in Chromium, a
 * restart) into a scratch directory, for two of its pages (every page is in console-browser.test.ts), and
 * each picture must be a 2× phone-width PNG with content, light and dark differing.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { shootConsole } from "../../scripts/lib/console-gallery";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "console-gallery-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("screenshots console pages, light and dark, with content", async () => {
  const { shots, sizes } = await shootConsole(dir, ["console-overview", "console-rooms"]);

  const names = shots.map((s) => s.name);
  expect(names).toEqual(["console-overview", "console-rooms"]);
  expect(readdirSync(dir).sort()).toEqual(names.flatMap((n) => [`${n}-dark.png`, `${n}.png`]).sort());
  expect(sizes).toHaveLength(4);
  for (const name of names) {
    const light = PNG.sync.read(readFileSync(path.join(dir, `${name}.png`)));
    const dark = PNG.sync.read(readFileSync(path.join(dir, `${name}-dark.png`)));
    const colours = new Set<number>();
    for (let i = 0; i < light.width * light.height; i += 97) colours.add(light.data.readUInt32BE(i * 4));
    expect([name, light.width, dark.width]).toEqual([name, 750, 750]);
    expect([name, colours.size > 8]).toEqual([name, true]);
    // the page background: light grey against near black
    expect([name, light.data.readUInt32BE(0) === dark.data.readUInt32BE(0)]).toEqual([name, false]);
  }
});
