/**
 * npm run gallery: a picture of every page in every state, rendered without WeChat.
 *
 * 1. jest (test/gallery/jest.gallery.config.js) mounts each page through the test harness, drives it
 *    into each state and writes it to .tmp/gallery as a standalone HTML document;
 * 2. headless Chromium screenshots each one, light and dark, into docs/gallery/;
 * 3. the operator console's pages, served by a real backend on a fixed clock (scripts/lib/console-gallery.ts);
 * 4. docs/gallery/index.md shows them in a grid.
 *
 * Both builds' states by default; `--plugin` / `--no-plugin` (or LIVE_PLUGIN, scripts/lib/live-source.ts)
 * keep the states of one build: what that build's shoppers can see.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { shootConsole, type ConsoleShot } from "./lib/console-gallery";
import { checkPrerequisites, MissingPrerequisite, shoot, type ShotJob } from "./lib/gallery-shoot";
import { VARIANTS, readLiveSource, type LiveSource } from "./lib/live-source";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".tmp/gallery");
const OUT = path.join(ROOT, "docs/gallery");
const PAGES = ["rooms", "channels", "room", "goods"] as const;
const PAGE_TITLES: Record<(typeof PAGES)[number], string> = {
  rooms: "Room list (`pages/rooms/rooms`)",
  channels: "视频号 cards on the room list (`components/channels-card`)",
  room: "Live room (`packageA/pages/room/room`)",
  goods: "Goods (`packageA/pages/goods/goods`)",
};

/** What test/support/gallery-render.ts writes next to each document. */
interface ShotMeta {
  name: string;
  page: (typeof PAGES)[number];
  caption: string;
  viewportHeight: number;
  seq: number;
  /** The build whose shoppers see this state, or both. */
  build: LiveSource | "both";
}

function readMeta(file: string): ShotMeta {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<ShotMeta>;
  if (
    typeof raw.name !== "string" ||
    !PAGES.includes(raw.page as ShotMeta["page"]) ||
    typeof raw.caption !== "string" ||
    typeof raw.viewportHeight !== "number" ||
    typeof raw.seq !== "number" ||
    (raw.build !== undefined && !["plugin", "channels", "both"].includes(raw.build))
  ) {
    throw new Error(`gallery: ${file} is not a gallery state`);
  }
  return { ...raw, build: raw.build ?? "plugin" } as ShotMeta;
}

function renderStates(): ShotMeta[] {
  fs.rmSync(WORK, { recursive: true, force: true });
  const jest = require.resolve("jest/bin/jest");
  const run = spawnSync(process.execPath, [jest, "-c", "test/gallery/jest.gallery.config.js", "--silent"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, GALLERY_OUT: WORK },
  });
  if (run.status !== 0) throw new Error("gallery: mounting the pages failed (see the jest output above)");
  return fs
    .readdirSync(WORK)
    .filter((f) => f.endsWith(".json"))
    .map((f) => readMeta(path.join(WORK, f)))
    .sort((a, b) => PAGES.indexOf(a.page) - PAGES.indexOf(b.page) || a.seq - b.seq);
}

const cell = (file: string, alt: string): string => `<img src="${file}" width="200" alt="${alt}">`;

function indexMarkdown(states: readonly ShotMeta[], consoleShots: readonly ConsoleShot[]): string {
  const lines = [
    "# Page gallery",
    "",
    "Every page in every state, mounted with miniprogram-simulate through the test harness and rendered by",
    "headless Chromium at 375 px (2×). Regenerate with `npm run gallery`; the plugin's `subscribe` button,",
    "`<video>` and `<channel-live>` (which only a phone draws) appear as labelled boxes of their real size.",
  ];
  for (const page of PAGES) {
    if (!states.some((x) => x.page === page)) continue;
    lines.push("", `## ${PAGE_TITLES[page]}`, "", "| State | Light | Dark |", "| --- | --- | --- |");
    for (const s of states.filter((x) => x.page === page)) {
      const build = s.build === "channels" ? `<br>${VARIANTS.channels.label} only` : "";
      lines.push(
        `| ${s.caption}<br>\`${s.name}\`${build} | ${cell(`${s.name}.png`, `${s.caption}（浅色）`)} | ${cell(`${s.name}-dark.png`, `${s.caption}（深色）`)} |`,
      );
    }
  }
  if (consoleShots.length > 0) {
    lines.push(
      "",
      "## Operator console (`/admin`, served by the backend)",
      "",
      "A real backend and the WeChat emulator on a fixed clock, after a day of list refreshes and an operator's",
      "changes, shown by the same Chromium at 375 px; README › Operator console.",
      "",
      "| Page | Light | Dark |",
      "| --- | --- | --- |",
    );
    for (const s of consoleShots) {
      lines.push(
        `| ${s.caption}<br>\`${s.name}\` | ${cell(`${s.name}.png`, `${s.caption}（浅色）`)} | ${cell(`${s.name}-dark.png`, `${s.caption}（深色）`)} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let live: ReturnType<typeof readLiveSource>;
  try {
    live = readLiveSource(argv, process.env);
  } catch (err) {
    throw new Error(`gallery: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (live.rest.length > 0) throw new Error(`gallery: unknown argument ${live.rest[0]}`);
  const narrowed = argv.length > 0 || (process.env.LIVE_PLUGIN ?? "").trim() !== "";
  checkPrerequisites();
  const states = renderStates().filter((s) => !narrowed || s.build === live.source || s.build === "both");
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith(".png")) fs.rmSync(path.join(OUT, f));
  const jobs: ShotJob[] = states.flatMap((s) =>
    [false, true].map((dark) => ({
      htmlFile: path.join(WORK, `${s.name}.html`),
      pngFile: path.join(OUT, `${s.name}${dark ? "-dark" : ""}.png`),
      dark,
      viewportHeight: s.viewportHeight,
    })),
  );
  const sizes = await shoot(jobs);
  const consoleShots = await shootConsole(OUT);
  sizes.push(...consoleShots.sizes);
  fs.writeFileSync(path.join(OUT, "index.md"), indexMarkdown(states, consoleShots.shots));
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(
    `gallery: ${states.length} states and ${consoleShots.shots.length} console pages, ${sizes.length} PNGs in docs/gallery (${kb(total)} in all, largest ${kb(Math.max(...sizes))})`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof MissingPrerequisite) console.error(err.message);
  else console.error(err instanceof Error && err.message.startsWith("gallery:") ? err.message : err);
  process.exit(1);
});
