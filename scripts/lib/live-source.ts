/**
 * The one switch for the live source, shared by build, size, preview, upload, gallery and start:
 * `LIVE_PLUGIN=on|off` in the environment (default on) or `--plugin` / `--no-plugin` on the command
 * line (the flag wins). Also how the build without the plugin is made (README "Choosing the live
 * source", docs/channels-live.md "Why a build without the plugin"):
 *
 * - "plugin" (the default): the project as it is: 小程序直播 rooms (packageA declares the
 *   live-player-plugin) and 视频号 cards side by side; compiled to dist/miniprogram.
 * - "channels": a copy of the project staged under .tmp/variants/channels in which app.json declares no
 *   plugin and no subpackage that needs one, those subpackages are absent, and
 *   miniprogram/config/live-source.ts says `false`; compiled to dist/miniprogram-channels. The copy is
 *   compiled exactly like the plugin build; `ignoreUploadUnusedFiles` leaves out every main-package
 *   module nothing imports any more (core/plugin-urls among them).
 */
import * as fs from "fs";
import * as path from "path";
import { MINIPROGRAM_ROOT, PROJECT_CONFIG, ROOT } from "./paths";

export type LiveSource = "plugin" | "channels";

export const LIVE_SOURCES: readonly LiveSource[] = ["plugin", "channels"];

/** A wrong switch value: reported as one line by every script. */
export class LiveSourceError extends Error {
  override name = "LiveSourceError";
}

export interface Variant {
  source: LiveSource;
  /** "plugin build" / "no-plugin build", for messages and tables. */
  label: string;
  /** The project miniprogram-ci compiles (project.config.json lives here). */
  projectRoot: string;
  /** Where `npm run build` writes the compiled files. */
  dist: string;
}

export const VARIANTS: Record<LiveSource, Variant> = {
  plugin: {
    source: "plugin",
    label: "plugin build",
    projectRoot: ROOT,
    dist: path.join(ROOT, "dist/miniprogram"),
  },
  channels: {
    source: "channels",
    label: "no-plugin build",
    projectRoot: path.join(ROOT, ".tmp/variants/channels"),
    dist: path.join(ROOT, "dist/miniprogram-channels"),
  },
};

/** LIVE_PLUGIN as the environment gives it: on (default) or off, case and spaces ignored. */
export function liveSourceFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): LiveSource {
  const raw = (env.LIVE_PLUGIN ?? "").trim().toLowerCase();
  if (raw === "" || raw === "on") return "plugin";
  if (raw === "off") return "channels";
  throw new LiveSourceError(`LIVE_PLUGIN must be on or off, got "${env.LIVE_PLUGIN ?? ""}"`);
}

/**
 * The live source from `--plugin` / `--no-plugin` (which win) or LIVE_PLUGIN, and the arguments left
 * for the script's own options.
 */
export function readLiveSource(
  argv: readonly string[],
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): { source: LiveSource; rest: string[] } {
  const flags = argv.filter((a) => a === "--plugin" || a === "--no-plugin");
  const rest = argv.filter((a) => a !== "--plugin" && a !== "--no-plugin");
  if (new Set(flags).size > 1) throw new LiveSourceError("give either --plugin or --no-plugin, not both");
  if (flags.length > 0) return { source: flags[0] === "--plugin" ? "plugin" : "channels", rest };
  return { source: liveSourceFromEnv(env), rest };
}

/** The same setting for a child process (the backend, a build started by `npm start`). */
export function liveSourceEnv(source: LiveSource): { LIVE_PLUGIN: "on" | "off" } {
  return { LIVE_PLUGIN: source === "plugin" ? "on" : "off" };
}

/** The build-time constant module, relative to the mini-program root. */
export const LIVE_SOURCE_MODULE = "config/live-source.ts";

/** Strings that mean "this build needs the live plugin" (docs/channels-live.md). */
export const PLUGIN_MARKERS = ["plugins", "requirePlugin", "plugin-private"] as const;

interface SubpackageJson {
  root: string;
  name?: string;
  plugins?: unknown;
  [key: string]: unknown;
}

interface AppJson {
  plugins?: unknown;
  subpackages?: SubpackageJson[];
  subPackages?: SubpackageJson[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  [key: string]: unknown;
}

const trimSlash = (root: string): string => root.replace(/^\/+|\/+$/g, "");

/**
 * app.json without the plugin: no top-level `plugins`, no subpackage that declares one, and no
 * preloadRule entry naming such a subpackage (by root or name). Returns the roots it removed.
 */
export function appJsonWithoutPlugin(app: AppJson): { app: AppJson; removedRoots: string[] } {
  const out: AppJson = { ...app };
  delete out.plugins;
  const removed: SubpackageJson[] = [];
  for (const key of ["subpackages", "subPackages"] as const) {
    const list = out[key];
    if (!list) continue;
    const kept = list.filter((s) => s.plugins === undefined);
    removed.push(...list.filter((s) => s.plugins !== undefined));
    if (kept.length > 0) out[key] = kept;
    else delete out[key];
  }
  const gone = new Set(removed.flatMap((s) => [trimSlash(s.root), ...(s.name ? [s.name] : [])]));
  if (out.preloadRule) {
    const rules: NonNullable<AppJson["preloadRule"]> = {};
    for (const [page, rule] of Object.entries(out.preloadRule)) {
      const packages = rule.packages.filter((p) => !gone.has(trimSlash(p)));
      if (packages.length > 0) rules[page] = { ...rule, packages };
    }
    if (Object.keys(rules).length > 0) out.preloadRule = rules;
    else delete out.preloadRule;
  }
  return { app: out, removedRoots: removed.map((s) => trimSlash(s.root)) };
}

interface SitemapJson {
  rules?: Array<{ page?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** sitemap.json without rules for pages under the removed subpackage roots. */
export function sitemapWithout(sitemap: SitemapJson, removedRoots: readonly string[]): SitemapJson {
  if (!sitemap.rules) return sitemap;
  const gone = (page: unknown) =>
    typeof page === "string" && removedRoots.some((root) => trimSlash(page).startsWith(`${root}/`));
  return { ...sitemap, rules: sitemap.rules.filter((rule) => !gone(rule.page)) };
}

function copyTree(from: string, to: string, skip: (rel: string) => boolean, rel = ""): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(childRel)) continue;
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dest, skip, childRel);
    else if (entry.isFile()) fs.copyFileSync(src, dest);
  }
}

/**
 * Stages the project without the plugin at `target` (default .tmp/variants/channels) and returns it:
 * project.config.json, and miniprogram/ minus the plugin's subpackages, with app.json (and the sitemap's
 * rules for those pages) rewritten and the live-source constant set to false. miniprogram_npm comes along: the pages use vant from it.
 */
export function stageChannelsProject(target = VARIANTS.channels.projectRoot): string {
  const appPath = path.join(MINIPROGRAM_ROOT, "app.json");
  const { app, removedRoots } = appJsonWithoutPlugin(JSON.parse(fs.readFileSync(appPath, "utf8")) as AppJson);
  const mpTarget = path.join(target, "miniprogram");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(PROJECT_CONFIG, path.join(target, "project.config.json"));
  copyTree(MINIPROGRAM_ROOT, mpTarget, (rel) => removedRoots.includes(rel));
  fs.writeFileSync(path.join(mpTarget, "app.json"), `${JSON.stringify(app, null, 2)}\n`);
  const sitemapPath = path.join(
    mpTarget,
    typeof app.sitemapLocation === "string" ? app.sitemapLocation : "sitemap.json",
  );
  if (fs.existsSync(sitemapPath)) {
    const sitemap = JSON.parse(fs.readFileSync(sitemapPath, "utf8")) as SitemapJson;
    fs.writeFileSync(sitemapPath, `${JSON.stringify(sitemapWithout(sitemap, removedRoots), null, 2)}\n`);
  }
  const constant = path.join(mpTarget, LIVE_SOURCE_MODULE);
  const source = fs.readFileSync(constant, "utf8");
  const rewritten = source.replace(/LIVE_PLUGIN: boolean = true;/, "LIVE_PLUGIN: boolean = false;");
  if (rewritten === source) {
    throw new LiveSourceError(`${LIVE_SOURCE_MODULE} no longer says "LIVE_PLUGIN: boolean = true;"`);
  }
  fs.writeFileSync(constant, rewritten);
  return target;
}

/** The project to compile for a live source: the repository itself, or the staged copy. */
export function prepareVariant(source: LiveSource): Variant {
  if (source === "channels") stageChannelsProject();
  return VARIANTS[source];
}

/** Compiled files that name the plugin, with the marker found: must be empty for the no-plugin build. */
export function pluginMarkersIn(files: ReadonlyMap<string, Buffer>): Array<{ file: string; marker: string }> {
  const hits: Array<{ file: string; marker: string }> = [];
  for (const [file, content] of files) {
    const text = content.toString("utf8");
    for (const marker of PLUGIN_MARKERS) if (text.includes(marker)) hits.push({ file, marker });
  }
  return hits;
}

/** Refuses a no-plugin build that still names the plugin (an upload would fail with -80082). */
export function assertNoPlugin(files: ReadonlyMap<string, Buffer>): void {
  const hits = pluginMarkersIn(files);
  if (hits.length > 0) {
    const list = hits.map((h) => `${h.file} (${h.marker})`).join(", ");
    throw new LiveSourceError(`the no-plugin build still names the plugin: ${list}`);
  }
}
