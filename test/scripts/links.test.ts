import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../server/src/emulator/server";
import { runLinks } from "../../scripts/lib/links-cli";
import { parseLinksArgs, roomLinks, UsageError } from "../../scripts/lib/links";

const LIVE = "plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Run {
  code: number;
  out: string;
  err: string;
}

async function links(argv: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLinks(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("paths per room", () => {
  test("type=9 for a room QR code, type=10 for an article card, and plain", async () => {
    const run = await links(["12"]);
    expect(run.code).toBe(0);
    expect(run.err).toBe("");
    const lines = run.out.split("\n");
    expect(lines[0]).toBe("Room 12");
    expect(lines[1]).toMatch(/type=9\):\s+plugin-private:/);
    expect(lines[1].endsWith(`${LIVE}?room_id=12&type=9`)).toBe(true);
    expect(lines[2].endsWith(`${LIVE}?room_id=12&type=10`)).toBe(true);
    expect(lines[3].endsWith(`${LIVE}?room_id=12`)).toBe(true);
  });

  test("--custom adds custom_params to every path, encoded once", async () => {
    const run = await links(["12", "--custom", '{"src":"poster","n":1}']);
    const encoded = encodeURIComponent('{"src":"poster","n":1}');
    expect(run.out).toContain(`${LIVE}?room_id=12&custom_params=${encoded}&type=9`);
    expect(run.out).toContain(`${LIVE}?room_id=12&custom_params=${encoded}&type=10`);
    expect(run.out).toContain(`${LIVE}?room_id=12&custom_params=${encoded}\n`.trimEnd());
  });

  test("--json for machines, several rooms, duplicates once", async () => {
    const run = await links(["12", "--json", "13", "12", '--custom={"a":"b"}']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.out) as { rooms: Array<Record<string, unknown>> };
    expect(parsed.rooms).toEqual([
      { ...roomLinks(12, { a: "b" }), customParams: { a: "b" } },
      { ...roomLinks(13, { a: "b" }), customParams: { a: "b" } },
    ]);
    expect(parsed.rooms[1].article).toBe(
      `${LIVE}?room_id=13&custom_params=${encodeURIComponent('{"a":"b"}')}&type=10`,
    );
  });

  test("--help prints the usage", async () => {
    const run = await links(["--help"]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Usage: npm run links");
  });
});

describe("refusals: one clear line, exit code 2", () => {
  test("custom_params over 600 characters once encoded", async () => {
    const run = await links(["12", "--custom", JSON.stringify({ k: "x".repeat(600) })]);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err).toBe(
      "links: --custom is 622 characters once encoded; the live plugin allows at most 600",
    );
  });

  test("exactly 600 characters is accepted", async () => {
    const value = { k: "x".repeat(578) };
    expect(encodeURIComponent(JSON.stringify(value)).length).toBe(600);
    expect((await links(["12", "--custom", JSON.stringify(value)])).code).toBe(0);
  });

  test.each([
    ["invalid JSON", ["12", "--custom", "{bad json"], /^links: --custom is not valid JSON/],
    ["a JSON array", ["12", "--custom", "[1]"], /^links: --custom must be a JSON object/],
    ["no value", ["12", "--custom"], /^links: --custom needs a value$/],
    ["letters", ["abc"], /^links: invalid room id "abc"/],
    ["negative", ["-1"], /^links: invalid room id "-1"/],
    ["fraction", ["1.5"], /^links: invalid room id "1.5"/],
    ["zero", ["0"], /^links: invalid room id "0"/],
    ["no room", ["--json"], /^links: give at least one room id/],
    ["unknown option", ["12", "--qrcode"], /^links: unknown option --qrcode$/],
    ["empty --qr", ["12", "--qr", " "], /^links: --qr needs a directory$/],
  ])("%s", async (_name, argv, message) => {
    const run = await links(argv);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err.split("\n")).toHaveLength(1);
    expect(run.err).toMatch(message);
  });

  test("parseLinksArgs throws UsageError, never anything else, for bad input", () => {
    expect(() => parseLinksArgs(["%E0%A4%A"])).toThrow(UsageError);
  });

  test("--qr against the real API without credentials", async () => {
    const run = await links(["12", "--qr", "/tmp/never"], { WECHAT_API_BASE: "https://api.weixin.qq.com" });
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^links: WX_APPID and WX_APPSECRET are required/);
  });
});

describe("--qr: the official share code through getsharedcode (emulator)", () => {
  let emu: Emulator;
  let dir: string;

  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
    dir = mkdtempSync(path.join(tmpdir(), "links-qr-"));
  });

  afterEach(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // a loaded machine can take seconds to answer on loopback; these tests are not about timeouts
  const env = () => ({
    WECHAT_API_BASE: emu.url,
    WX_APPID: emu.appId,
    WX_APPSECRET: emu.appSecret,
    WECHAT_TIMEOUT_MS: "60000",
  });
  const roomId = () => emu.state.rooms[0].roomid;

  test("saves the image, reports it, and never prints the secret or a token", async () => {
    const id = roomId();
    const run = await links([String(id), "--qr", dir, "--custom", '{"src":"poster"}', "--json"], env());
    expect(run.code).toBe(0);
    const file = path.join(dir, `room-${id}.png`);
    expect(readdirSync(dir)).toEqual([`room-${id}.png`]);
    expect(readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const result = JSON.parse(run.out).rooms[0];
    expect(result.shareCode.file).toBe(file);
    // The emulator echoes params into pagePath the way WeChat does.
    expect(result.shareCode.pagePath).toBe(
      `${LIVE}?room_id=${id}&custom_params=${encodeURIComponent('{"src":"poster"}')}`,
    );
    const printed = run.out + run.err;
    expect(printed).not.toContain(emu.appSecret);
    for (const token of emu.state.validTokens()) expect(printed).not.toContain(token);
    expect(printed).not.toMatch(/access_token=/);
  });

  test("an unknown room: the others are still saved, the failure is named, exit 1", async () => {
    const id = roomId();
    const run = await links([String(id), "999999", "--qr", dir], env());
    expect(run.code).toBe(1);
    expect(readdirSync(dir)).toEqual([`room-${id}.png`]);
    expect(run.out).toContain("Room 999999");
    expect(run.out).toContain("not saved (getsharedcode: errcode 300022 此房间号不存在");
  });

  test("a rejected token is refreshed once and the call retried", async () => {
    emu.state.faults.push({ api: "getsharedcode", times: 1, errcode: 40001 });
    const run = await links([String(roomId()), "--qr", dir], env());
    expect(run.code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  test("wrong credentials: a one-line reason without the secret", async () => {
    const run = await links([String(roomId()), "--qr", dir], {
      ...env(),
      WX_APPSECRET: "wrong-secret-123456",
    });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/not saved \(could not get an access_token/);
    expect(run.out).not.toContain("wrong-secret-123456");
  });
});
