/**
 * The operator console in a real browser (Debian's Chromium through playwright-core, as the gallery
 * uses it), against real servers on loopback and a real redis-server: an operator signs in, hides a room
 * and pins another, and shoppers' API answers show it at once, after a restart and on a second instance;
 * the refusals a browser can meet; nothing of the console without a session; and the page basics
 * (landmarks, names, a phone's width, dark mode).
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import {
  FakeClock,
  emulator,
  get,
  removeTempDirs,
  tempDir,
  waitFor,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";
import { PASSWORD, browser, consoleServer, redisForBlock } from "./support";

/** What a locator's element says, as a reader sees it. */
const textOf = async (locator: Locator): Promise<string> => (await locator.innerText()).trim();

let emu: Emulator;
let chromium: Browser;
const running: TestServer[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [emu, chromium] = await Promise.all([emulator(), browser()]);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await Promise.all(running.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await chromium.close();
  await emu.close();
  removeTempDirs();
});

async function start(
  env: Record<string, string> = {},
  options: { clock?: FakeClock; dataDir?: string } = {},
) {
  const srv = await consoleServer(emu, { env, ...options });
  running.push(srv);
  return srv;
}

async function stop(srv: TestServer): Promise<void> {
  running.splice(running.indexOf(srv), 1);
  await srv.close();
}

/** A phone-sized page in a new browser profile; confirmation dialogs are accepted like a user would. */
async function phone(colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await chromium.newContext({ viewport: { width: 375, height: 812 }, colorScheme });
  contexts.push(context);
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  return page;
}

async function signIn(page: Page, base: string, password = PASSWORD): Promise<number> {
  await page.goto(`${base}/admin`);
  await page.getByLabel("运营密码").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${base}/admin/login` && r.request().method() === "POST"),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** Presses one of a room's buttons on the rooms page and waits until the page it leads to has loaded. */
async function roomAction(page: Page, roomId: number, button: string): Promise<void> {
  await Promise.all([
    page.waitForEvent("load"),
    page.locator(`#room-${roomId}`).getByRole("button", { name: button, exact: true }).click(),
  ]);
  expect(new URL(page.url()).pathname).toBe("/admin/rooms");
}

const shopperRooms = async (srv: TestServer): Promise<RoomListResponse> =>
  (await get<RoomListResponse>(`${srv.url}/api/rooms?limit=100`)).body;

/** Room 20 hidden and room 22 pinned first, as shoppers get it. */
function expectHiddenAndPinned(list: RoomListResponse): void {
  const ids = list.rooms.map((r) => r.roomId);
  expect(ids).not.toContain(20);
  expect(ids[0]).toBe(22);
  expect(list.rooms[0].pinned).toBe(true);
  expect(list.total).toBe(9);
}

describe("an operator hides a room and pins another", () => {
  it("shoppers get it at once, and a restarted server (snapshot file) keeps it", async () => {
    const dataDir = tempDir();
    const srv = await start({}, { dataDir });
    const page = await phone();

    expect(await signIn(page, srv.url)).toBe(303);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "直播间" }).click();
    await roomAction(page, 20, "隐藏");
    const hid = await page.getByRole("status").first().textContent();
    await roomAction(page, 22, "置顶");
    const now = await shopperRooms(srv);
    await stop(srv);
    const restarted = await start({}, { dataDir });
    const afterRestart = await shopperRooms(restarted);

    expect(hid?.trim()).toBe("已隐藏直播间 20，顾客马上就能看到变化。");
    expect(await textOf(page.locator("#room-20"))).toContain("已隐藏");
    expect(await textOf(page.locator("#room-22"))).toContain("置顶 1");
    expectHiddenAndPinned(now);
    expectHiddenAndPinned(afterRestart);
  });

  describe("on instances sharing Redis", () => {
    const redis = redisForBlock();

    it("every instance serves the change, shares the session, and keeps both across a restart", async () => {
      const a = await start({ REDIS_URL: redis().url });
      const b = await start({ REDIS_URL: redis().url });
      const page = await phone();

      await signIn(page, a.url);
      await page.goto(`${a.url}/admin/rooms`);
      await roomAction(page, 20, "隐藏");
      await roomAction(page, 22, "置顶");
      expectHiddenAndPinned(await shopperRooms(a));
      // the other instance re-reads the store every second
      await waitFor(async () => (await shopperRooms(b)).rooms[0].roomId === 22, 5000, "b has both changes");
      expectHiddenAndPinned(await shopperRooms(b));
      // the session is in Redis too: the same browser is signed in on b (cookies ignore the port)
      await page.goto(`${b.url}/admin/rooms`);
      expect(await textOf(page.locator("h1"))).toBe("直播间");
      expect(await textOf(page.locator("#room-20"))).toContain("已隐藏");
      await stop(b);
      const restarted = await start({ REDIS_URL: redis().url });
      expectHiddenAndPinned(await shopperRooms(restarted));
      await page.goto(`${restarted.url}/admin/audit`);
      expect(await page.locator("tbody tr").count()).toBe(3); // 置顶, 隐藏, 登录
    });
  });
});

describe("refusals in the browser", () => {
  it("a wrong password: 401 and the reason on the page, with the tries left", async () => {
    const srv = await start();
    const page = await phone();

    const status = await signIn(page, srv.url, "not the operator password");

    expect(status).toBe(401);
    expect(await textOf(page.getByRole("alert"))).toBe("密码不正确，还可以再试 4 次。");
    expect(await page.getByLabel("运营密码").getAttribute("aria-invalid")).toBe("true");
  });

  it("a form without its CSRF token: 403 and nothing changes", async () => {
    const srv = await start();
    const page = await phone();
    await signIn(page, srv.url);
    await page.goto(`${srv.url}/admin/rooms`);

    await page.evaluate("document.querySelector('#room-20 input[name=_csrf]').remove()");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("#room-20").getByRole("button", { name: "隐藏", exact: true }).click(),
    ]);

    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "forbidden", message: "请求缺少有效的 CSRF 令牌：请回到页面刷新后再提交" },
    });
    expect((await shopperRooms(srv)).rooms.map((r) => r.roomId)).toContain(20);
  });

  it("an expired session: the next click lands on the sign-in page, which says why", async () => {
    const clock = new FakeClock();
    const srv = await start({}, { clock });
    const page = await phone();
    await signIn(page, srv.url);
    await page.goto(`${srv.url}/admin/rooms`);

    clock.advance(31 * 60);
    await Promise.all([
      page.waitForURL(/\/admin\/login/),
      page.locator("#room-20").getByRole("button", { name: "隐藏", exact: true }).click(),
    ]);

    expect(new URL(page.url()).pathname).toBe("/admin/login");
    expect(await textOf(page.getByRole("status").filter({ hasText: "登录已过期" }))).toBe(
      "登录已过期，请重新登录。",
    );
    expect((await shopperRooms(srv)).rooms.map((r) => r.roomId)).toContain(20);
    // signing in again goes back to the rooms page
    await page.getByLabel("运营密码").fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/admin\/rooms$/),
      page.getByRole("button", { name: "登录" }).click(),
    ]);
  });

  it("10 rapid failed sign-ins: five wrong-password answers, then 429 with the wait", async () => {
    const srv = await start();
    const page = await phone();
    await page.goto(`${srv.url}/admin/login`);

    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.getByLabel("运营密码").fill(`wrong guess ${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "登录" }).click(),
      ]);
      statuses.push(response.status());
      await page.waitForLoadState();
    }

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(await textOf(page.getByRole("alert"))).toContain("密码错误次数过多，这台设备已被暂停登录：请");
    expect(await signIn(page, srv.url)).toBe(429);
  });
});

describe("without a session", () => {
  it("no console URL a signed-in operator can reach answers anything useful", async () => {
    const srv = await start();
    const page = await phone();
    await signIn(page, srv.url);
    const names = (await shopperRooms(srv)).rooms.map((r) => r.name);

    // every console address the pages link to, load or post to, found by visiting them all
    const pages = new Set<string>(["/admin"]);
    const assets = new Set<string>();
    const forms = new Map<string, Record<string, string>>();
    for (const seen = new Set<string>(); seen.size < pages.size;) {
      const next = [...pages].find((p) => !seen.has(p)) ?? "";
      seen.add(next);
      await page.goto(srv.url + next);
      const found = await page.evaluate<{
        links: string[];
        assets: string[];
        forms: [string, Record<string, string>][];
      }>(`(() => ({
        links: [...document.querySelectorAll("a[href^='/admin']")].map((a) => a.getAttribute("href")),
        assets: [...document.querySelectorAll("img[src], link[href], script[src]")]
          .map((e) => new URL(e.getAttribute("src") || e.getAttribute("href"), location.href))
          .filter((u) => u.origin === location.origin)
          .map((u) => u.pathname),
        forms: [...document.querySelectorAll("form[method=post]")].map((f) => [
          f.getAttribute("action"),
          Object.fromEntries([...f.querySelectorAll("input[name], button[name]")].map((i) => [i.name, i.value])),
        ]),
      }))()`);
      for (const link of found.links) pages.add(link.split("#")[0]);
      for (const asset of found.assets) assets.add(asset);
      for (const [action, fields] of found.forms) forms.set(action, fields);
    }
    // anyone else: a plain HTTP client without the cookie
    const anonymous = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(srv.url + path, { redirect: "manual", ...init });

    expect(pages.size).toBeGreaterThanOrEqual(15); // overview, rooms, every room and its code, 视频号, audit
    expect([...forms.keys()]).toEqual(
      expect.arrayContaining(["/admin/rooms/22", "/admin/channels", "/admin/refresh", "/admin/logout"]),
    );
    for (const path of [...pages, ...[...assets].filter((a) => a.includes("/rooms/"))]) {
      const res = await anonymous(path);
      expect([path, res.status, res.headers.get("location")?.startsWith("/admin/login")]).toEqual([
        path,
        303,
        true,
      ]);
      expect(await res.text()).toBe("");
    }
    for (const [action, fields] of forms) {
      const res = await anonymous(action, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { accept: "application/json" },
      });
      expect([action, res.status]).toEqual([action, 401]);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "请先登录运营后台" } });
    }
    // what anyone may load: the sign-in page's stylesheet, script and icon, which say nothing of the shop
    for (const asset of [...assets].filter((a) => a.startsWith("/admin/assets/"))) {
      const res = await anonymous(asset);
      expect([asset, res.status]).toEqual([asset, 200]);
      const text = await res.text();
      for (const name of names) expect(text).not.toContain(name);
    }
    expect((await shopperRooms(srv)).total).toBe(10);
  });
});

describe("the pages", () => {
  it("have landmarks, a name for every control, no sideways scrolling on a phone, and a dark mode", async () => {
    const srv = await start({ CHANNELS_FINDER_IDS: "sphcqO59YEPCvoe" });
    const page = await phone("dark");
    await signIn(page, srv.url);

    for (const path of ["/admin", "/admin/rooms", "/admin/rooms/22", "/admin/channels", "/admin/audit"]) {
      await page.goto(srv.url + path);
      const tree = await page.locator("body").ariaSnapshot();
      const width = await page.evaluate<number>("document.documentElement.scrollWidth");
      expect([path, tree]).toEqual([path, expect.stringContaining("- banner:")]);
      expect([path, tree]).toEqual([path, expect.stringContaining('- navigation "主导航":')]);
      expect([path, tree]).toEqual([path, expect.stringContaining("- main:")]);
      expect([path, tree]).toEqual([path, expect.stringContaining("- contentinfo:")]);
      // a button, box or link without a name reads as just its role
      expect([
        path,
        tree.split("\n").filter((l) => /- (button|textbox|link)\s*$/.test(l.replace(/:$/, ""))),
      ]).toEqual([path, []]);
      expect([path, width]).toEqual([path, 375]);
    }
    expect(await page.evaluate<string>("getComputedStyle(document.body).backgroundColor")).toBe(
      "rgb(17, 19, 21)",
    );
    // the keyboard's first stop skips to the content
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.textContent")).toBe("跳到正文");
  });
});
