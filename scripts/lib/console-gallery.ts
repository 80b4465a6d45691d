/**
 * The operator console's part of `npm run gallery`: a real server with the console on, talking to the
 * WeChat emulator, both on a fixed clock; a day of list refreshes for the chart; an operator who signs
 * in, hides a room, pins two and adds a 视频号 in Chromium; then each console page screenshotted at a
 * phone's width, light and dark (the same browser flags and PNG encoding as the mini-program pages).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { demoPassword, hashPassword } from "../../server/src/admin/password";
import { startServer } from "../../server/src/app";
import type { RunningServer } from "../../server/src/app";
import { loadConfig } from "../../server/src/config";
import { startEmulator } from "../../server/src/emulator/server";
import type { Emulator } from "../../server/src/emulator/server";
import { MAX_HEIGHT, SCALE, WIDTH, launchChromium } from "./gallery-shoot";
import { toIndexedPng } from "./gallery-png";

export interface ConsoleShot {
  name: string;
  caption: string;
}

const HOUR = 3_600_000;
/** 2025-06-01 00:05 in Beijing: the gallery's day starts here and the operator works at 15:10. */
const DAY_START = Date.UTC(2025, 4, 31, 16, 5);
/** When the operator works; WeChat's (the emulator's) rooms are laid out around it. */
const OPERATOR_AT = DAY_START + 15 * HOUR + 5 * 60_000;
/** List passes per hour until the operator signs in: a quiet night, a busy afternoon. */
const PASSES = [1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 8, 7, 5, 6, 9, 8];
/** Session tags are random per run; the audit log's are fixed so the pictures stay the same. */
const SESSION_TAG = "5c1e0a93";

class Clock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
}

async function backend(
  dataDir: string,
  clock: Clock,
  emulator: Emulator,
  passwordHash: string,
): Promise<RunningServer> {
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    WECHAT_API_BASE: emulator.url,
    WX_APPID: emulator.appId,
    WX_APPSECRET: emulator.appSecret,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    WX_DAILY_QUOTA: "500",
    WX_REPLAY_RESERVE: "50",
    CHANNELS_FINDER_IDS: "sphcqO59YEPCvoe",
    ADMIN_PASSWORD_HASH: passwordHash,
  });
  return startServer(config, { now: clock.now });
}

/** Presses a form's button and waits for the page the form leads back to. */
async function press(page: Page, selector: string, name: string): Promise<void> {
  await Promise.all([
    page.waitForEvent("load"),
    page.locator(selector).getByRole("button", { name, exact: true }).click(),
  ]);
}

/** What an operator does before the pictures: sign in, hide a room, pin two, add a 视频号, open a room. */
async function operate(context: BrowserContext, base: string, password: string): Promise<void> {
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("运营密码").fill(password);
  await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole("button", { name: "登录" }).click()]);
  await page.goto(`${base}/admin/rooms`);
  await press(page, "#room-20", "隐藏");
  await press(page, "#room-22", "置顶");
  await press(page, "#room-21", "置顶");
  await page.goto(`${base}/admin/channels`);
  await page.getByLabel("视频号 ID").fill("sphMb29U7R4wCHH");
  await press(page, "form.stack", "添加");
  await page.goto(`${base}/admin/rooms/22`); // fetches and keeps its 小程序码
  await page.close();
}

/** Rewrites the session tags of the audit log in the snapshot file (the server is stopped). */
function fixSessionTags(dataDir: string): void {
  const file = path.join(dataDir, "cache.json");
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as Record<string, { value: unknown }>;
  const audit = snapshot["console:audit"]?.value;
  if (!Array.isArray(audit)) throw new Error("gallery: the console wrote no audit log");
  for (const entry of audit as { session: string }[]) entry.session = SESSION_TAG;
  writeFileSync(file, JSON.stringify(snapshot));
}

interface ConsolePage {
  name: string;
  caption: string;
  path: string;
  /** Screenshot without the session cookie. */
  signedOut?: boolean;
}

const PAGES: ConsolePage[] = [
  { name: "console-login", caption: "登录", path: "/admin/login", signedOut: true },
  { name: "console-overview", caption: "概览：列表状态、今日额度与每小时调用", path: "/admin" },
  { name: "console-rooms", caption: "直播间：隐藏、置顶与排序", path: "/admin/rooms" },
  {
    name: "console-room",
    caption: "一个直播间：小程序码、入口路径与公众号卡片步骤",
    path: "/admin/rooms/22",
  },
  { name: "console-channels", caption: "视频号 ID", path: "/admin/channels" },
  { name: "console-audit", caption: "操作记录", path: "/admin/audit" },
];

async function shootPage(
  browser: Browser,
  storage: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined,
  url: string,
  file: string,
  dark: boolean,
): Promise<number> {
  const context = await browser.newContext({
    viewport: { width: WIDTH, height: 812 },
    deviceScaleFactor: SCALE,
    colorScheme: dark ? "dark" : "light",
    reducedMotion: "reduce",
    storageState: storage,
  });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate("document.fonts.ready.then(() => undefined)");
    // the focus ring on the first field or result is real, but not what the pictures are about
    await page.evaluate("document.activeElement && document.activeElement.blur()");
    const height = await page.evaluate<number>("document.documentElement.scrollHeight");
    const raw = await page.screenshot({
      clip: { x: 0, y: 0, width: WIDTH, height: Math.min(Math.max(height, 812), MAX_HEIGHT) },
      fullPage: true,
      animations: "disabled",
    });
    const png = toIndexedPng(raw);
    writeFileSync(file, png);
    return png.length;
  } finally {
    await context.close();
  }
}

/**
 * Screenshots every console page (or the ones named in `only`) into `outDir`, light and dark; answers the
 * shots and the PNG sizes.
 */
export async function shootConsole(
  outDir: string,
  only?: readonly string[],
): Promise<{ shots: ConsoleShot[]; sizes: number[] }> {
  const pages = PAGES.filter((p) => !only || only.includes(p.name));
  const clock = new Clock(DAY_START);
  const dataDir = mkdtempSync(path.join(tmpdir(), "wxlive-console-gallery-"));
  const emulator = await startEmulator({ now: () => OPERATOR_AT });
  const password = demoPassword();
  const passwordHash = await hashPassword(password);
  const browser = await launchChromium();
  let server: RunningServer | undefined;
  try {
    server = await backend(dataDir, clock, emulator, passwordHash);
    for (const [hour, passes] of PASSES.entries()) {
      clock.ms = DAY_START + hour * HOUR;
      for (let i = 0; i < passes; i += 1) await server.rooms.refreshNow();
    }
    clock.ms = OPERATOR_AT;
    const operator = await browser.newContext();
    await operate(operator, server.url, password);
    const storage = await operator.storageState();
    await operator.close();
    await server.close();
    fixSessionTags(dataDir);

    clock.ms += 10 * 60_000;
    server = await backend(dataDir, clock, emulator, passwordHash);
    // the cookie names 127.0.0.1 without a port: it goes to the restarted server too
    const sizes: number[] = [];
    for (const shot of pages) {
      for (const dark of [false, true]) {
        const file = path.join(outDir, `${shot.name}${dark ? "-dark" : ""}.png`);
        sizes.push(
          await shootPage(browser, shot.signedOut ? undefined : storage, server.url + shot.path, file, dark),
        );
      }
    }
    return { shots: pages.map(({ name, caption }) => ({ name, caption })), sizes };
  } finally {
    await browser.close();
    await server?.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
