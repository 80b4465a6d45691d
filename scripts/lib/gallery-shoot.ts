/**
 * Screenshots the gallery's serialised pages with Debian's headless Chromium (driven by
 * playwright-core): 375 px wide at 2×, light or dark colour scheme, every request that is not file: or
 * data: aborted. The PNGs are re-encoded as indexed colour (gallery-png.ts) to keep them small.
 *
 * Also a CLI, so the jsdom test can screenshot without loading a browser driver into jsdom:
 *   tsx scripts/lib/gallery-shoot.ts <in.html> <out.png> [--dark] [--height <css px>]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { chromium, type Browser } from "playwright-core";
import { toIndexedPng } from "./gallery-png";
import { findOnPath, hasCjkFont } from "./system-deps";

/** Debian's chromium from PATH unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? findOnPath("chromium") ?? "/usr/bin/chromium";
export const WIDTH = 375;
export const SCALE = 2;
/** Long lists are cut here (CSS px) so each picture stays a phone screen or two. */
export const MAX_HEIGHT = 1800;

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A missing system dependency; its message is the one line to print. */
export class MissingPrerequisite extends Error {}

function cjkFontInstalled(): boolean {
  if (hasCjkFont()) return true;
  try {
    return /WenQuanYi Micro Hei/i.test(execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }));
  } catch {
    return false;
  }
}

/** Throws MissingPrerequisite naming the Debian package when Chromium or the CJK font is missing. */
export function checkPrerequisites(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new MissingPrerequisite(
      `gallery: no Chromium at ${CHROMIUM_PATH}; install the Debian package: apt-get install chromium`,
    );
  }
  if (!cjkFontInstalled()) {
    throw new MissingPrerequisite(
      "gallery: no Chinese font (WenQuanYi Micro Hei); install the Debian package: apt-get install fonts-wqy-microhei",
    );
  }
}

export interface ShotJob {
  htmlFile: string;
  pngFile: string;
  dark: boolean;
  /** CSS px of screen below WeChat's bars: the page's 100vh. */
  viewportHeight: number;
}

/** Debian's Chromium, headless, with a new empty profile; MissingPrerequisite when it cannot start. */
export async function launchChromium(): Promise<Browser> {
  checkPrerequisites();
  try {
    // launch() (not a persistent context) gives every run a new, empty user-data-dir.
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    throw new MissingPrerequisite(`gallery: Chromium at ${CHROMIUM_PATH} did not start (${first})`);
  }
}

/** Screenshots every job in one browser; returns the PNG sizes in bytes. */
export async function shoot(jobs: readonly ShotJob[]): Promise<number[]> {
  const browser = await launchChromium();
  const sizes: number[] = [];
  try {
    for (const job of jobs) {
      const context = await browser.newContext({
        viewport: { width: WIDTH, height: job.viewportHeight },
        deviceScaleFactor: SCALE,
        colorScheme: job.dark ? "dark" : "light",
        reducedMotion: "reduce",
      });
      await context.route("**/*", (route) => {
        const url = route.request().url();
        return url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      await page.goto(pathToFileURL(job.htmlFile).href, { waitUntil: "load" });
      // Stop the skeleton's blink and vant's spinners at a fixed frame.
      await page.addStyleTag({
        content: "*,*::before,*::after{animation-play-state:paused!important;animation-delay:0s!important}",
      });
      // Strings, not functions: this file is typechecked without the DOM library.
      await page.evaluate("document.fonts.ready.then(() => undefined)");
      const height = await page.evaluate<number>("document.documentElement.scrollHeight");
      const raw = await page.screenshot({
        clip: {
          x: 0,
          y: 0,
          width: WIDTH,
          height: Math.min(Math.max(height, job.viewportHeight), MAX_HEIGHT),
        },
        fullPage: true,
        animations: "disabled",
      });
      const png = toIndexedPng(raw);
      fs.mkdirSync(path.dirname(job.pngFile), { recursive: true });
      fs.writeFileSync(job.pngFile, png);
      sizes.push(png.length);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return sizes;
}

async function main(argv: string[]): Promise<void> {
  const [htmlFile, pngFile] = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--height");
  if (!htmlFile || !pngFile) {
    console.error("usage: tsx scripts/lib/gallery-shoot.ts <in.html> <out.png> [--dark] [--height <px>]");
    process.exit(2);
  }
  const heightAt = argv.indexOf("--height");
  const viewportHeight = heightAt >= 0 ? Number(argv[heightAt + 1]) : 812;
  await shoot([{ htmlFile, pngFile, dark: argv.includes("--dark"), viewportHeight }]);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof MissingPrerequisite ? err.message : err);
    process.exit(err instanceof MissingPrerequisite ? 3 : 1);
  });
}
