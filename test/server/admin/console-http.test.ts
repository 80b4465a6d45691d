/**
 * The operator console over HTTP on loopback, without a browser: who gets in and who does not, how
 * sessions end, what each action does to what shoppers get, and what the console says about WeChat.
 * (console-browser.test.ts does the same flows in Chromium.)
 */
import type { ChannelListResponse, ErrorBody, RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import { CLIENT_LIMIT, WINDOW_MS } from "../../../server/src/admin/sign-in-guard";
import {
  FakeClock,
  admin,
  emulator,
  fault,
  get,
  removeTempDirs,
  server,
  settle,
  stats,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";
import { ConsoleClient, PASSWORD, consoleServer, csrfOf, redisForBlock } from "./support";

let emu: Emulator;
const running: TestServer[] = [];

beforeAll(async () => {
  emu = await emulator();
});

/** The emulator as it started: sample rooms, no faults, the live permission granted. */
async function resetEmulator(): Promise<void> {
  await admin(emu, "reset", {});
  await admin(emu, "config", { livePermission: true });
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await resetEmulator();
});

afterAll(async () => {
  await emu.close();
  removeTempDirs();
});

async function start(env: Record<string, string> = {}, clock = new FakeClock()): Promise<TestServer> {
  const srv = await consoleServer(emu, { env, clock });
  running.push(srv);
  return srv;
}

async function signedIn(srv: TestServer, headers: Record<string, string> = {}): Promise<ConsoleClient> {
  const client = new ConsoleClient(srv.url, headers);
  const res = await client.signIn();
  expect(res.status).toBe(303);
  return client;
}

const roomIds = async (srv: TestServer): Promise<number[]> =>
  (await get<RoomListResponse>(`${srv.url}/api/rooms?limit=100`)).body.rooms.map((r) => r.roomId);

/** What a page's flash message says (the one-line result of the last action). */
const flashOf = (html: string): string => /<p class="flash[^"]*"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? "";

const PAGES = [
  "/admin",
  "/admin/",
  "/admin/rooms",
  "/admin/rooms/22",
  "/admin/rooms/22/code.png",
  "/admin/channels",
  "/admin/audit",
  "/admin/no-such-page",
  "/admin/assets/no-such.css",
];
const ACTIONS: [string, Record<string, string>][] = [
  ["/admin/rooms/22", { action: "hide" }],
  ["/admin/channels", { action: "add", finderId: "sphcqO59YEPCvoe" }],
  ["/admin/refresh", {}],
  ["/admin/logout", {}],
];

describe("with ADMIN_PASSWORD_HASH unset", () => {
  it("has no console: /admin is an unknown path", async () => {
    const srv = await server(emu);
    running.push(srv);

    for (const path of ["/admin", "/admin/login", "/admin/assets/console.css"]) {
      const res = await get<ErrorBody>(srv.url + path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, "not_found"]);
    }
  });
});

describe("without a signed-in session", () => {
  it("every page redirects to the sign-in page and shows nothing", async () => {
    const srv = await start();
    const client = new ConsoleClient(srv.url);

    for (const path of PAGES) {
      const res = await client.get(path);
      expect([path, res.status, res.headers.get("location"), res.text]).toEqual([
        path,
        303,
        expect.stringMatching(/^\/admin\/login(\?next=%2Fadmin[^&]*)?$/),
        "",
      ]);
    }
  });

  it("every action answers 401 JSON (a browser's form post goes to the sign-in page) and changes nothing", async () => {
    const srv = await start();
    const before = await roomIds(srv);
    const client = new ConsoleClient(srv.url);
    const token = csrfOf((await client.get("/admin/login")).text);

    for (const [path, form] of ACTIONS) {
      const json = await client.send("POST", path, { form: { _csrf: token, ...form } });
      const browserForm = await client.send("POST", path, {
        form: { _csrf: token, ...form },
        headers: { accept: "text/html,application/xhtml+xml" },
      });
      expect([path, json.status, JSON.parse(json.text)]).toEqual([
        path,
        401,
        { error: { code: "unauthorized", message: "请先登录运营后台" } },
      ]);
      expect([path, browserForm.status, browserForm.headers.get("location")]).toEqual([
        path,
        303,
        expect.stringMatching(/^\/admin\/login/),
      ]);
    }
    expect(await roomIds(srv)).toEqual(before);
    expect((await get<ChannelListResponse>(`${srv.url}/api/channels`)).body.channels).toEqual([]);
  });

  it("serves the sign-in page, its stylesheet and script, none of which says anything about the shop", async () => {
    const srv = await start();
    const client = new ConsoleClient(srv.url);
    const names = (await get<RoomListResponse>(`${srv.url}/api/rooms?limit=100`)).body.rooms.map(
      (r) => r.name,
    );

    for (const path of ["/admin/login", "/admin/assets/console.css", "/admin/assets/console.js"]) {
      const res = await client.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      for (const name of names) expect(res.text).not.toContain(name);
    }
  });
});

describe("signing in", () => {
  it("a wrong password is refused with the tries left; the right one opens a new session", async () => {
    const srv = await start();
    const client = new ConsoleClient(srv.url);

    const wrong = await client.signIn("not the password at all");
    const before = client.cookies.get("wxlive_console");
    const right = await client.signIn();
    const overview = await client.get("/admin");

    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain(`密码不正确，还可以再试 ${CLIENT_LIMIT - 1} 次。`);
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/admin");
    // a new session id at sign-in: one planted before it is worth nothing
    expect(client.cookies.get("wxlive_console")).not.toBe(before);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain("<h1>概览</h1>");
  });

  it("sets the cookie HttpOnly, SameSite=Strict, on /admin only, and Secure only over TLS through a trusted proxy", async () => {
    const srv = await start({ TRUST_PROXY: "1" });
    const plain = await new ConsoleClient(srv.url).signIn();
    const tls = await new ConsoleClient(srv.url, { "x-forwarded-proto": "https" }).signIn();
    const untrusted = await start();
    const spoofed = await new ConsoleClient(untrusted.url, { "x-forwarded-proto": "https" }).signIn();

    const cookie = (res: { headers: Headers }): string => res.headers.getSetCookie().join("\n");
    expect(cookie(plain)).toMatch(/^wxlive_console=[^;]+; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie(tls)).toMatch(/^wxlive_console=[^;]+; Path=\/admin; HttpOnly; Secure; SameSite=Strict$/);
    expect(cookie(spoofed)).not.toContain("Secure");
  });

  it("without the form's CSRF token is refused with 403 JSON, and the password is not even checked", async () => {
    const srv = await start();
    const client = new ConsoleClient(srv.url);
    await client.get("/admin/login");

    const missing = await client.send("POST", "/admin/login", { form: { password: PASSWORD } });
    const forged = await client.send("POST", "/admin/login", {
      form: { password: PASSWORD, _csrf: "forged" },
    });
    const wrong = await client.signIn("not the password at all");

    for (const res of [missing, forged]) {
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text).error.code).toBe("forbidden");
    }
    // the form's CSRF secret is a signed cookie: nothing was stored for this visitor, no session exists
    expect([...client.cookies.keys()]).toEqual(["wxlive_console_csrf"]);
    // the two refusals counted no failed sign-in
    expect(wrong.text).toContain(`还可以再试 ${CLIENT_LIMIT - 1} 次`);
  });

  it("goes back to the page asked for, never to another site", async () => {
    const srv = await start();
    const client = new ConsoleClient(srv.url);
    const nexts = [
      "/admin/channels",
      "//evil.example/admin",
      "https://evil.example/",
      "/admin/../api/rooms",
      "/elsewhere",
    ];

    const where: (string | null)[] = [];
    for (const next of nexts) {
      where.push((await client.post("/admin/login", { password: PASSWORD, next })).headers.get("location"));
      await client.post("/admin/logout", {}, "/admin");
    }

    expect(where).toEqual(["/admin/channels", "/admin", "/admin", "/admin", "/admin"]);
  });
});

describe("failed sign-ins", () => {
  it("lock a client out after five, for everyone's password; another client and time let it back in", async () => {
    const clock = new FakeClock();
    const srv = await start({ TRUST_PROXY: "1" }, clock);
    const attacker = new ConsoleClient(srv.url, { "x-forwarded-for": "203.0.113.7" });

    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await attacker.signIn(`guess number ${i}`));
    const rightButLocked = await attacker.signIn();
    const other = await new ConsoleClient(srv.url, { "x-forwarded-for": "198.51.100.4" }).signIn();
    clock.advance((2 * WINDOW_MS) / 1000);
    const later = await attacker.signIn();

    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(answers[4].text).toContain("这台设备的登录已暂停");
    expect(answers[5].text).toContain("密码错误次数过多，这台设备已被暂停登录");
    expect(Number(answers[9].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(rightButLocked.status).toBe(429);
    expect(other.status).toBe(303);
    expect(later.status).toBe(303);
  });

  describe("on instances sharing Redis", () => {
    const redis = redisForBlock();

    it("are counted together, and past the global bound nobody may try", async () => {
      const clock = new FakeClock();
      const a = await start({ REDIS_URL: redis().url, TRUST_PROXY: "1" }, clock);
      const b = await start({ REDIS_URL: redis().url, TRUST_PROXY: "1" }, clock);
      const window = Math.floor(clock.now() / WINDOW_MS);
      // 49 failures from elsewhere this window; the 50th, a real one, reaches the global bound
      await redis().command("SET", `wxlive:console:signin-fail-all:${window}`, "49");

      const fiftieth = await new ConsoleClient(a.url, { "x-forwarded-for": "203.0.113.1" }).signIn("wrong");
      const anyone = await new ConsoleClient(b.url, { "x-forwarded-for": "198.51.100.2" }).signIn();

      expect(fiftieth.status).toBe(401);
      expect(anyone.status).toBe(429);
      expect(anyone.text).toContain("所有人的登录都已暂停");
    });
  });
});

describe("a session", () => {
  it("ends after 30 idle minutes: pages go to the sign-in page saying so, actions answer 401", async () => {
    const clock = new FakeClock();
    const srv = await start({}, clock);
    const client = await signedIn(srv);
    const token = csrfOf((await client.get("/admin/rooms")).text);

    clock.advance(29 * 60);
    const stillThere = await client.get("/admin");
    clock.advance(29 * 60);
    const stillThereAgain = await client.get("/admin");
    clock.advance(31 * 60);
    const action = await client.send("POST", "/admin/rooms/22", { form: { _csrf: token, action: "hide" } });
    const page = await client.get("/admin/rooms");

    expect(stillThere.status).toBe(200);
    expect(stillThereAgain.status).toBe(200);
    expect(action.status).toBe(401);
    expect(JSON.parse(action.text).error.message).toBe("登录已过期，请重新登录");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Frooms");
    expect(await roomIds(srv)).toContain(22);
  });

  it("ends 12 hours after sign-in however busy, and the sign-in page says why", async () => {
    const clock = new FakeClock();
    const srv = await start({}, clock);
    const client = await signedIn(srv);

    const statuses = [];
    for (let minutes = 0; minutes < 12 * 60; minutes += 20) {
      statuses.push((await client.get("/admin/audit")).status);
      clock.advance(20 * 60);
    }
    const expired = await client.get("/admin/audit");
    const login = await new ConsoleClient(srv.url).get(expired.headers.get("location") ?? "");

    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe("/admin/login?next=%2Fadmin%2Faudit&expired=1");
    expect(login.text).toContain("登录已过期，请重新登录。");
  });

  it("ends at sign-out: its cookie opens nothing afterwards", async () => {
    const srv = await start();
    const client = await signedIn(srv);
    const cookie = client.cookies.get("wxlive_console") ?? "";

    const out = await client.post("/admin/logout", {}, "/admin");
    const replayed = new ConsoleClient(srv.url);
    replayed.cookies.set("wxlive_console", cookie);
    const again = await replayed.get("/admin");

    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/login?out=1");
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/admin/login");
  });
});

describe("signed in", () => {
  it("an unknown console path is a page saying there is nothing there", async () => {
    const srv = await start();
    const client = await signedIn(srv);

    for (const path of ["/admin/no-such-page", "/admin/assets/no-such.css", "/admin/rooms/22/nothing"]) {
      const res = await client.get(path);
      expect([path, res.status, res.text]).toEqual([
        path,
        404,
        expect.stringContaining('<h1 id="nf-title">没有这个页面</h1>'),
      ]);
    }
  });
});

describe("room actions", () => {
  it("hide, show, pin and reorder what shoppers get at once, and say so", async () => {
    const srv = await start();
    const client = await signedIn(srv);
    const act = async (roomId: number, action: string): Promise<string> => {
      const res = await client.post(`/admin/rooms/${roomId}`, { action }, "/admin/rooms");
      expect(res.status).toBe(303);
      return flashOf((await client.get("/admin/rooms")).text);
    };
    const etag = (await get(`${srv.url}/api/rooms`)).headers.get("etag");

    const hid = await act(20, "hide");
    const hidden = await roomIds(srv);
    await act(19, "pin");
    await act(22, "pin");
    const pinned = await roomIds(srv);
    await act(22, "up");
    const moved = await roomIds(srv);
    const again = await act(22, "up");
    await act(20, "show");
    await act(19, "unpin");
    const rooms = await get<RoomListResponse>(`${srv.url}/api/rooms?limit=100`);

    expect(hid).toBe("已隐藏直播间 20，顾客马上就能看到变化。");
    expect(hidden).not.toContain(20);
    expect((await get(`${srv.url}/api/rooms`)).headers.get("etag")).not.toBe(etag);
    expect(pinned.slice(0, 2)).toEqual([19, 22]);
    expect(moved.slice(0, 2)).toEqual([22, 19]);
    expect(again).toBe("没有变化。");
    expect(rooms.body.rooms[0]).toMatchObject({ roomId: 22, pinned: true });
    expect(rooms.body.rooms.map((r) => r.roomId)).toContain(20);
    expect(rooms.body.rooms.filter((r) => r.pinned)).toHaveLength(1);
  });

  it("refuses to hide or pin a room WeChat does not list, in words, and changes nothing", async () => {
    const srv = await start();
    const client = await signedIn(srv);
    const before = await roomIds(srv);

    await client.post("/admin/rooms/999", { action: "pin" }, "/admin/rooms");
    const page = await client.get("/admin/rooms");

    expect(flashOf(page.text)).toBe("微信的直播间列表里没有 999，无法置顶");
    expect(await roomIds(srv)).toEqual(before);
  });

  it("start from ROOMS_HIDDEN and ROOMS_PINNED until the first change; a bad action is a 400", async () => {
    const srv = await start({ ROOMS_HIDDEN: "16", ROOMS_PINNED: "19" });
    const client = await signedIn(srv);

    const first = await roomIds(srv);
    await client.post("/admin/rooms/21", { action: "pin" }, "/admin/rooms");
    const bad = await client.post("/admin/rooms/21", { action: "delete" }, "/admin/rooms");

    expect(first[0]).toBe(19);
    expect(first).not.toContain(16);
    expect((await roomIds(srv)).slice(0, 2)).toEqual([19, 21]);
    expect(await roomIds(srv)).not.toContain(16);
    expect(bad.status).toBe(400);
  });
});

describe("视频号 ids", () => {
  it("are added, reordered and removed, checked like CHANNELS_FINDER_IDS, and served at once", async () => {
    const srv = await start({ CHANNELS_FINDER_IDS: "sphcqO59YEPCvoe" });
    const client = await signedIn(srv);
    const act = async (action: string, finderId: string): Promise<string> => {
      await client.post("/admin/channels", { action, finderId }, "/admin/channels");
      return flashOf((await client.get("/admin/channels")).text);
    };
    const ids = async (): Promise<string[]> =>
      (await get<ChannelListResponse>(`${srv.url}/api/channels`)).body.channels.map((c) => c.finderUserName);

    const added = await act("add", " sphMb29U7R4wCHH ");
    const afterAdd = await ids();
    await act("up", "sphMb29U7R4wCHH");
    const afterUp = await ids();
    const spaced = await act("add", "sph Mb29U7R4wCHH");
    const twice = await act("add", "sphcqO59YEPCvoe");
    const notAnId = await act("add", "wx1234567890");
    await act("remove", "sphcqO59YEPCvoe");

    expect(added).toBe("已添加视频号 sphMb29U7R4wCHH。");
    expect(afterAdd).toEqual(["sphcqO59YEPCvoe", "sphMb29U7R4wCHH"]);
    expect(afterUp).toEqual(["sphMb29U7R4wCHH", "sphcqO59YEPCvoe"]);
    expect(spaced).toBe("第 4 个字符是空格：请从视频号助手重新复制视频号 ID");
    expect(twice).toBe("sphcqO59YEPCvoe 已在列表中");
    expect(notAnId).toContain("这不是视频号 ID");
    expect(await ids()).toEqual(["sphMb29U7R4wCHH"]);
  });
});

describe("the audit log", () => {
  it("has every change with who (address and session tag) and when, newest first", async () => {
    const srv = await start({ TRUST_PROXY: "1" });
    const client = await signedIn(srv, { "x-forwarded-for": "198.51.100.23" });

    await client.post("/admin/rooms/20", { action: "hide" }, "/admin/rooms");
    await client.post("/admin/channels", { action: "add", finderId: "sphcqO59YEPCvoe" }, "/admin/channels");
    await client.post("/admin/rooms/20", { action: "hide" }, "/admin/rooms"); // no change, no entry
    const page = await client.get("/admin/audit");
    const rows = [
      ...page.text.matchAll(
        /<tr><td data-label="时间"><time>([^<]+)<\/time><\/td><td data-label="操作">([^<]+)<\/td><td data-label="地址">([^<]+)<\/td><td data-label="会话"><code>([0-9a-f]{8})<\/code>/g,
      ),
    ];

    expect(rows.map((r) => r[2])).toEqual(["添加视频号 sphcqO59YEPCvoe", "隐藏直播间 20", "登录"]);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(["198.51.100.23"]));
    expect(new Set(rows.map((r) => r[4])).size).toBe(1);
    expect(rows[0][1]).toBe("2025-06-01 10:00");
    // the tag is not a piece of the session id itself
    expect(client.cookies.get("wxlive_console")).not.toContain(rows[0][4]);
  });
});

describe("health at a glance", () => {
  it("says why the last refresh failed, in words, for each kind of failure", async () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "48001",
        () => admin(emu, "config", { livePermission: false }),
        "没有直播权限：微信对直播接口回答 48001",
      ],
      [
        "45009",
        () => fault(emu, { api: "getliveinfo", errcode: 45009, times: "always" }),
        "今日调用额度已用完",
      ],
      [
        "token",
        () => fault(emu, { api: "stable_token", errcode: 40125, times: "always" }),
        "微信拒绝发放 access_token（错误码 40125）",
      ],
      [
        "down",
        () => fault(emu, { api: "getliveinfo", status: 502, times: "always" }),
        "连不上微信：微信的服务器回答了 HTTP 502",
      ],
    ];
    for (const [name, breakIt, words] of cases) {
      await resetEmulator();
      const clock = new FakeClock();
      const srv = await start({}, clock);
      await get(`${srv.url}/api/rooms`);
      await breakIt();
      clock.advance(7300); // past the access_token's life too
      const client = await signedIn(srv);

      await client.post("/admin/refresh", {}, "/admin");
      const overview = await client.get("/admin");

      expect([name, overview.text]).toEqual([name, expect.stringContaining(words)]);
      expect([name, overview.text]).toEqual([
        name,
        expect.stringContaining('<span class="badge tone-warn">过期</span>'),
      ]);
      await srv.close();
      running.splice(running.indexOf(srv), 1);
    }
  });

  it("shows today's calls against the budget, per hour", async () => {
    const clock = new FakeClock();
    const srv = await start({ WX_DAILY_QUOTA: "1000" }, clock);
    const client = await signedIn(srv);
    await get(`${srv.url}/api/rooms`);
    await settle(srv);

    const page = (await client.get("/admin")).text;

    expect(page).toContain('<span class="big">1</span> / 1000 次');
    expect(page).toContain("今天共调用 1 次；最多的是 10 点（1 次）；当前 10 点已调用 1 次");
    expect(page).toMatch(/<rect class="bar now"[^>]*><title>10 点：1 次<\/title>/);
  });

  it("刷新 runs one list pass now, joins a pass in flight, and refuses when the budget is spent", async () => {
    const srv = await start({ WX_DAILY_QUOTA: "12", WX_REPLAY_RESERVE: "10" });
    const client = await signedIn(srv);
    await get(`${srv.url}/api/rooms`);
    await settle(srv);
    const token = csrfOf((await client.get("/admin")).text);
    const passes = async (): Promise<number> => (await stats(emu)).listPasses;
    const before = await passes();

    await fault(emu, { api: "getliveinfo", delayMs: 400 });
    const both = await Promise.all([
      client.post("/admin/refresh", { _csrf: token }),
      client.post("/admin/refresh", { _csrf: token }),
    ]);
    const afterTwo = await passes();
    await client.post("/admin/refresh", { _csrf: token });
    const overview = await client.get("/admin");

    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(afterTwo).toBe(before + 1);
    expect(await passes()).toBe(before + 1); // 2 of 12 used, 10 kept for replays: nothing left for the list
    expect(flashOf(overview.text)).toBe("今天剩下的额度不够再刷新一次列表；北京时间零点后恢复。");
    expect(overview.text).toMatch(/<button type="submit" class="primary" disabled/);
  });
});

describe("a room's 小程序码", () => {
  it("is fetched once through the token service, kept, served from our origin, and counted against its own budget", async () => {
    const srv = await start({ ADMIN_SHARECODE_DAILY_QUOTA: "1" });
    const client = await signedIn(srv);

    const first = await client.get("/admin/rooms/22");
    const again = await client.get("/admin/rooms/22");
    const image = await client.get("/admin/rooms/22/code.png");
    const other = await client.get("/admin/rooms/21");
    const unknown = await client.get("/admin/rooms/999");
    const calls = (await stats(emu)).calls.getsharedcode;

    expect(first.status).toBe(200);
    expect(first.text).toContain('<img class="share-code" src="/admin/rooms/22/code.png"');
    expect(first.text).toContain(
      "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=22&amp;type=10",
    );
    expect(again.status).toBe(200);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(other.text).toContain("今天的小程序码额度（1 次）已用完");
    expect(unknown.status).toBe(404);
    expect(calls).toBe(1);
    expect((await client.get("/admin")).text).toContain("今天已用 1 / 1 次");
  });
});

describe("the shopper API", () => {
  it("is untouched by the console: no cookies, no console headers, no forms", async () => {
    const srv = await start();
    await signedIn(srv);

    const rooms = await fetch(`${srv.url}/api/rooms`);
    const form = await fetch(`${srv.url}/api/rooms`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=hide",
    });

    expect(rooms.status).toBe(200);
    expect(rooms.headers.getSetCookie()).toEqual([]);
    expect(rooms.headers.get("content-security-policy")).toBeNull();
    expect(form.status).toBe(405);
  });
});

describe("the API's description", () => {
  it("leaves the console out: its routes are hidden and the OpenAPI document names no /admin path", async () => {
    const srv = await start({ API_DOCS: "on" });

    const consoleRoutes = srv.routes.all().filter((r) => r.url.startsWith("/admin"));
    const document = await get<{ paths: Record<string, unknown> }>(`${srv.url}/docs/json`);

    expect(consoleRoutes.length).toBeGreaterThan(5);
    expect(consoleRoutes.filter((r) => r.schema?.hide !== true).map((r) => r.url)).toEqual([]);
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths).filter((p) => p.startsWith("/admin"))).toEqual([]);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(["/api/rooms"]));
  });
});
