/**
 * The shape of the mini-program, read from its files: pure rules in core/, one navigation executor,
 * every status rule in one module, no layering the wrong way, one pattern for unrendered state, and
 * no comment that sends a reader outside the repository.
 */
import * as fs from "fs";
import * as path from "path";
import { filesUnder } from "../support/files";
import { MP_ROOT, REPO_ROOT } from "../support/paths";

const code = filesUnder(MP_ROOT, [".ts"]);
const mp = (file: string): string => path.relative(MP_ROOT, file);
const read = (file: string): string => fs.readFileSync(file, "utf8");
/** The code of a file without its comments (which may name what the code must not do). */
const codeOnly = (file: string): string =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|\s)\/\/.*$/gm, "$1");

/** Relative imports of a file, resolved to paths under miniprogram/ (or outside it). */
function importsOf(file: string): string[] {
  const specs = [...read(file).matchAll(/(?:from|import)\s+["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((spec) => path.relative(MP_ROOT, path.resolve(path.dirname(file), spec)));
}

/** Files whose code (comments left out) matches, relative to miniprogram/. */
const matching = (files: readonly string[], pattern: RegExp): string[] =>
  files.filter((f) => pattern.test(codeOnly(f))).map(mp);

describe("layers", () => {
  const isComponent = (p: string): boolean => /(^|\/)components\//.test(p);
  const isPage = (p: string): boolean => /(^|\/)pages\//.test(p);

  test("the walk sees the whole app", () => {
    expect(code.map(mp)).toEqual(
      expect.arrayContaining([
        "app.ts",
        "core/live-status.ts",
        "pages/rooms/rooms.ts",
        "packageA/pages/goods/goods.ts",
        "components/countdown/countdown.ts",
        "packageA/components/goods-room/goods-room.ts",
      ]),
    );
  });

  test("no component imports a page's code, and no page imports a component's", () => {
    const wrong = code.flatMap((file) =>
      importsOf(file)
        .filter(
          (target) => (isComponent(mp(file)) && isPage(target)) || (isPage(mp(file)) && isComponent(target)),
        )
        .map((target) => `${mp(file)} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  test("core/ is pure: it imports only core/ (and types), and never touches wx or the page stack", () => {
    // packageA/core/ holds the pure rules only packageA uses: main-package core/ and itself, no more
    const isCore = (p: string): boolean => p.startsWith("core/") || p.startsWith("packageA/core/");
    const core = code.filter((f) => isCore(mp(f)));
    expect(core.map(mp)).toEqual(
      expect.arrayContaining(["core/live-status.ts", "packageA/core/room-page-view.ts"]),
    );
    const outside = core.flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith("../typings/"))
        .filter((target) => (mp(file).startsWith("core/") ? !target.startsWith("core/") : !isCore(target)))
        .map((target) => `${mp(file)} → ${target}`),
    );
    expect(outside).toEqual([]);
    expect(matching(core, /\b(wx|getApp|getCurrentPages|requirePlugin)\s*[.(<]/)).toEqual([]);
  });

  test("page-specific pure view code lives in core/, not in page folders", () => {
    const pageFolderModules = code
      .map(mp)
      .filter((p) => isPage(p) && path.basename(p, ".ts") !== path.basename(path.dirname(p)));
    expect(pageFolderModules).toEqual([]);
  });
});

describe("one navigation executor", () => {
  test("only services/navigation.ts calls wx's navigation", () => {
    expect(
      matching(code, /\bwx\s*\.\s*(navigateTo|redirectTo|navigateBack|reLaunch|switchTab)\s*\(/),
    ).toEqual(["services/navigation.ts"]);
  });

  test("only services/navigation.ts reads the page stack", () => {
    expect(matching(code, /\bgetCurrentPages\s*\(/)).toEqual(["services/navigation.ts"]);
  });

  test("the routes are written once, beside the navigation rules", () => {
    const routes = /["'`]\/?(pages\/rooms\/rooms|packageA\/pages\/(room\/room|goods\/goods|live\/live))/;
    expect(matching(code, routes)).toEqual(["core/navigation.ts"]);
  });
});

describe("status rules once", () => {
  test("no code outside core/live-status.ts compares a room status with a code", () => {
    // 视频号 cards borrow the room badges' looks by code (core/channels-view.ts ChannelBadge); that is
    // a look, not a rule about a room
    const rules = code.filter((f) => !["core/live-status.ts", "core/channels-view.ts"].includes(mp(f)));
    expect(
      matching(rules, /[=!]==?\s*10[1-7]\b|\b10[1-7]\s*[=!]==?|\b(case|includes\()\s*10[1-7]\b/),
    ).toEqual([]);
  });

  test("the countdown window is defined once", () => {
    expect(matching(code, /[=(,]\s*(24\s*\*\s*3600\s*\*\s*1000|86_?400_?000)\b/)).toEqual([
      "core/live-status.ts",
    ]);
  });

  test("the one rule the backend shares is typed by typings/api.d.ts, on both sides", () => {
    expect(read(path.join(MP_ROOT, "core/live-status.ts"))).toMatch(
      /S extends ReplayCapableStatus \? true : false/,
    );
    expect(read(path.join(REPO_ROOT, "server/src/rooms/rooms-service.ts"))).toMatch(
      /Record<ReplayCapableStatus, true>/,
    );
  });
});

describe("state that is not rendered", () => {
  test("lives in core/instance-state.ts's WeakMaps, never in `_` data fields", () => {
    expect(matching(code, /pureDataPattern/)).toEqual([]);
    expect(matching(code, /new WeakMap\b/)).toEqual(["core/instance-state.ts"]);
    expect(matching(code, /this\.data\._|\b_[a-z]\w*:\s/)).toEqual([]);
  });
});

describe("one countdown component", () => {
  test("both packages use components/countdown", () => {
    const jsons = filesUnder(MP_ROOT, [".json"]).filter((f) => !mp(f).startsWith("miniprogram_npm"));
    const users = jsons.filter((f) => /countdown/.test(read(f))).map(mp);
    expect(users).toEqual(["components/room-card/room-card.json", "packageA/pages/room/room.json"]);
    for (const json of users) {
      const using = (
        JSON.parse(read(path.join(MP_ROOT, json))) as { usingComponents: Record<string, string> }
      ).usingComponents;
      expect(
        path.resolve(path.join(MP_ROOT, path.dirname(json)), using.countdown.replace(/^\//, `${MP_ROOT}/`)),
      ).toBe(path.join(MP_ROOT, "components/countdown/countdown"));
    }
  });
});

describe("docs the code cites live in the repository", () => {
  const ours = [
    ...filesUnder(MP_ROOT, [".ts", ".json", ".wxml", ".wxss"]),
    ...filesUnder(path.join(REPO_ROOT, "typings"), [".ts"]),
    ...filesUnder(path.join(REPO_ROOT, "scripts"), [".ts", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "server/src"), [".ts", ".eta", ".css", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "server/test-support"), [".ts"]),
    path.join(REPO_ROOT, "server/README.md"),
    ...filesUnder(path.join(REPO_ROOT, "test/server"), [".ts", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "bench"), [".ts", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "deploy"), [".ts", ".md", ".service", ".yml"]),
    ...filesUnder(path.join(REPO_ROOT, "test/app"), [".ts"]),
    ...filesUnder(path.join(REPO_ROOT, "test/support"), [".ts", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "test/gallery"), [".ts", ".js"]),
    ...filesUnder(path.join(REPO_ROOT, "docs"), [".md"]),
    path.join(REPO_ROOT, "README.md"),
    path.join(REPO_ROOT, "jest.config.js"),
  ];
  const rel = (f: string): string => path.relative(REPO_ROOT, f);
  // this file names the patterns it looks for
  const scanned = ours.filter((f) => f !== __filename);

  test("nothing points at ../shared or at the design notes outside the repo", () => {
    const outside =
      /\.\.\/shared\b|\b(live-plugin|style)\.md\b|\b(tooling|channels-live|wechat-live)\.md\s*§/;
    expect(scanned.filter((f) => outside.test(read(f))).map(rel)).toEqual([]);
  });

  test('every `docs/<file>.md, "Heading"` and `README, "Heading"` names a heading that exists', () => {
    const headings = (file: string): string[] =>
      [...read(file).matchAll(/^#{1,4}\s+(.+)$/gm)].map((m) => m[1].trim());
    const broken: string[] = [];
    for (const file of scanned) {
      const text = read(file).replace(/\s*\n\s*(\*\s*)?(\/\/\s*)?/g, " ");
      for (const m of text.matchAll(/(docs\/[\w-]+\.md|README)(?:[,:]\s*|\s+)\(?"([^"]+)"/g)) {
        const doc = m[1] === "README" ? "README.md" : m[1];
        const target = path.join(REPO_ROOT, doc);
        if (!fs.existsSync(target) || !headings(target).includes(m[2]))
          broken.push(`${rel(file)}: ${doc} "${m[2]}"`);
      }
    }
    expect(broken).toEqual([]);
  });
});
