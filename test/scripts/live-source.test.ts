import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { livePluginSetting } from "../../server/src/config";
import {
  LiveSourceError,
  PLUGIN_MARKERS,
  appJsonWithoutPlugin,
  assertNoPlugin,
  liveSourceEnv,
  liveSourceFromEnv,
  readLiveSource,
  stageChannelsProject,
} from "../../scripts/lib/live-source";

const ROOT = path.resolve(__dirname, "../..");
const tmpDirs: string[] = [];
const tmp = (prefix: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the switch", () => {
  test("defaults to the plugin build; LIVE_PLUGIN=off picks the build without it", () => {
    expect(readLiveSource([], {})).toEqual({ source: "plugin", rest: [] });
    expect(readLiveSource([], { LIVE_PLUGIN: "off" }).source).toBe("channels");
    expect(readLiveSource([], { LIVE_PLUGIN: " On " }).source).toBe("plugin");
  });

  test("a flag wins over the environment and is taken out of the script's own arguments", () => {
    expect(readLiveSource(["--version", "1.0.0", "--no-plugin"], { LIVE_PLUGIN: "on" })).toEqual({
      source: "channels",
      rest: ["--version", "1.0.0"],
    });
    expect(readLiveSource(["--plugin"], { LIVE_PLUGIN: "off" }).source).toBe("plugin");
  });

  test("contradicting flags and unknown values are refused in one line", () => {
    expect(() => readLiveSource(["--plugin", "--no-plugin"], {})).toThrow(LiveSourceError);
    expect(() => readLiveSource([], { LIVE_PLUGIN: "yes" })).toThrow(
      'LIVE_PLUGIN must be on or off, got "yes"',
    );
  });

  test("the backend reads LIVE_PLUGIN with the same values", () => {
    for (const value of ["", "on", "ON", " off ", "Off"]) {
      expect(livePluginSetting({ LIVE_PLUGIN: value })).toBe(
        liveSourceFromEnv({ LIVE_PLUGIN: value }) === "plugin",
      );
    }
    for (const value of ["1", "true", "no", "channels"]) {
      expect(() => livePluginSetting({ LIVE_PLUGIN: value })).toThrow(/must be on or off/);
      expect(() => liveSourceFromEnv({ LIVE_PLUGIN: value })).toThrow(/must be on or off/);
    }
    expect(liveSourceEnv("channels")).toEqual({ LIVE_PLUGIN: "off" });
    expect(livePluginSetting(liveSourceEnv("channels"))).toBe(false);
    expect(livePluginSetting(liveSourceEnv("plugin"))).toBe(true);
  });
});

describe("app.json without the plugin", () => {
  const plugins = { "live-player-plugin": { version: "1.3.5", provider: "wx2b03c6e691cd7370" } };

  test("drops the plugin's subpackage and the preload rules naming it, and keeps everything else", () => {
    const { app, removedRoots } = appJsonWithoutPlugin({
      pages: ["pages/rooms/rooms"],
      plugins,
      subpackages: [
        { root: "packageA", name: "live", pages: ["pages/room/room"], plugins },
        { root: "packageB/", pages: ["pages/about/about"] },
      ],
      preloadRule: {
        "pages/rooms/rooms": { network: "all", packages: ["packageA", "packageB"] },
        "packageB/pages/about/about": { packages: ["live"] },
      },
      window: { navigationBarTitleText: "直播" },
    });

    expect(removedRoots).toEqual(["packageA"]);
    expect(app).toEqual({
      pages: ["pages/rooms/rooms"],
      subpackages: [{ root: "packageB/", pages: ["pages/about/about"] }],
      preloadRule: { "pages/rooms/rooms": { network: "all", packages: ["packageB"] } },
      window: { navigationBarTitleText: "直播" },
    });
  });

  test("this project's app.json loses packageA, its preload rule and every plugin declaration", () => {
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, "miniprogram/app.json"), "utf8"));
    const { app, removedRoots } = appJsonWithoutPlugin(source);

    expect(removedRoots).toEqual(["packageA"]);
    expect(app.subpackages).toBeUndefined();
    expect(app.preloadRule).toBeUndefined();
    expect(JSON.stringify(app)).not.toMatch(/plugin|packageA/);
    expect(app.pages).toEqual(source.pages);
  });
});

describe("the staged copy without the plugin", () => {
  test("has no packageA, the rewritten app.json and the live-source constant set to false", () => {
    const dir = stageChannelsProject(path.join(tmp("stage-"), "channels"));
    const mp = path.join(dir, "miniprogram");

    expect(fs.existsSync(path.join(mp, "packageA"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "project.config.json"))).toBe(true);
    expect(fs.existsSync(path.join(mp, "pages/rooms/rooms.ts"))).toBe(true);
    expect(fs.readFileSync(path.join(mp, "app.json"), "utf8")).not.toMatch(/plugin|packageA/);
    expect(JSON.parse(fs.readFileSync(path.join(mp, "sitemap.json"), "utf8")).rules).toEqual([
      { action: "allow", page: "pages/rooms/rooms" },
    ]);
    expect(fs.readFileSync(path.join(mp, "config/live-source.ts"), "utf8")).toContain(
      "export const LIVE_PLUGIN: boolean = false;",
    );
    // the repository itself is untouched
    expect(fs.readFileSync(path.join(ROOT, "miniprogram/config/live-source.ts"), "utf8")).toContain(
      "export const LIVE_PLUGIN: boolean = true;",
    );
  });

  test("assertNoPlugin names every file that still mentions the plugin", () => {
    const files = new Map([
      ["app.json", Buffer.from('{"pages":[]}')],
      ["core/x.js", Buffer.from('var a="plugin-private://wx/pages/p";requirePlugin("x")')],
    ]);
    expect(() => assertNoPlugin(files)).toThrow(
      "the no-plugin build still names the plugin: core/x.js (requirePlugin), core/x.js (plugin-private)",
    );
    expect(() => assertNoPlugin(new Map([["app.json", Buffer.from("{}")]]))).not.toThrow();
  });
});

/** Every compiled file under `dir`, relative path → text. */
function readTree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of readTree(dir, child)) out.set(k, v);
    else out.set(child, fs.readFileSync(path.join(dir, child), "utf8"));
  }
  return out;
}

function compile(source: "plugin" | "channels"): Promise<Map<string, string>> {
  const out = tmp(`compiled-${source}-`);
  const stage = tmp(`stage-${source}-`);
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  const script = path.join(__dirname, "support/compile-variant.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsx, script, source, out, path.join(stage, "project")],
      { cwd: ROOT, maxBuffer: 64 << 20 },
      (err, _stdout, stderr) => {
        if (err) reject(new Error(`offline compile of the ${source} build failed: ${stderr.trim()}`));
        else resolve(readTree(out));
      },
    );
  });
}

describe("offline compiles (miniprogram-ci, as npm run build)", () => {
  let channels: Map<string, string>;
  let plugin: Map<string, string>;

  beforeAll(async () => {
    // one after the other: each compile already uses both cores
    channels = await compile("channels");
    plugin = await compile("plugin");
  }, 600_000);

  test("the no-plugin build: grep finds no plugins, requirePlugin or plugin-private in any file", () => {
    expect(channels.size).toBeGreaterThan(50);
    const hits = [...channels].flatMap(([file, text]) =>
      PLUGIN_MARKERS.filter((marker) => text.includes(marker)).map((marker) => `${file}: ${marker}`),
    );
    expect(hits).toEqual([]);
  });

  test("the no-plugin build has the room list page only, with the constant compiled in as false", () => {
    const app = JSON.parse(channels.get("app.json") ?? "{}");
    expect(app.pages).toEqual(["pages/rooms/rooms"]);
    expect(app.subPackages ?? app.subpackages).toBeUndefined();
    expect([...channels.keys()].filter((f) => f.startsWith("packageA/"))).toEqual([]);
    // unused modules are left out: nothing in the main package imports the plugin's URLs any more
    expect(channels.has("core/plugin-urls.js")).toBe(false);
    expect(channels.get("config/live-source.js")).toMatch(/LIVE_PLUGIN\s*=\s*(!1|false)/);
    expect(channels.has("components/channels-list/channels-list.js")).toBe(true);
  });

  test("the plugin build still declares the plugin, and only in packageA", () => {
    const app = JSON.parse(plugin.get("app.json") ?? "{}");
    expect(app.plugins).toBeUndefined();
    const withPlugins = (app.subPackages ?? []).filter((s: { plugins?: unknown }) => s.plugins);
    expect(withPlugins.map((s: { root: string }) => s.root)).toEqual(["packageA/"]);
    expect(withPlugins[0].plugins["live-player-plugin"].provider).toBe("wx2b03c6e691cd7370");
    for (const [file, text] of plugin) {
      if (file.endsWith(".json") && text.includes("plugin-private")) expect(file).toMatch(/^packageA\//);
      if (text.includes("requirePlugin")) expect(file).toMatch(/^packageA\//);
    }
    expect(plugin.get("config/live-source.js")).toMatch(/LIVE_PLUGIN\s*=\s*(!0|true)/);
    expect(plugin.has("packageA/pages/room/room.js")).toBe(true);
  });
});
