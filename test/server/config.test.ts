/**
 * The configuration (server/src/config.ts): defaults, the one-line refusals, and the schema as the one
 * list of variables (both README tables name exactly its variables, with the schema's defaults).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TSchema } from "@sinclair/typebox";
import { ConfigError, DEMO_APPID, DEMO_ENV, SERVER_ENV, loadConfig } from "../../server/src/config";

const ROOT = path.resolve(__dirname, "../..");

interface TableRow {
  names: string[];
  defaults: string;
}

/** The rows of the first table under a `## heading` of a Markdown file. */
function table(file: string, heading: string): TableRow[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`${file} has no "## ${heading}"`);
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) => {
    const [names, defaults] = line.split("|").slice(1, 3);
    return { names: [...names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]), defaults };
  });
}

const documented = { ...SERVER_ENV.properties, ...DEMO_ENV.properties } as Record<string, TSchema>;

describe.each([
  ["README.md", "Configuration (backend)"],
  ["server/README.md", "Environment"],
])("%s › %s", (file, heading) => {
  const rows = table(file, heading);

  it("names every variable of the configuration schema, and no other", () => {
    const names = rows.flatMap((r) => r.names);

    expect([...names].sort()).toEqual(Object.keys(documented).sort());
  });

  it("gives each variable the schema's default", () => {
    const wrong = rows.flatMap((row) =>
      row.names
        .filter((name) => documented[name].default !== undefined)
        .filter((name) => !row.defaults.includes(`\`${String(documented[name].default)}\``))
        .map((name) => `${name}: ${row.defaults.trim()}`),
    );

    expect(wrong).toEqual([]);
  });
});

describe("configuration", () => {
  it("has the documented defaults", () => {
    const config = loadConfig({ WX_APPID: "wxid", WX_APPSECRET: "secret" });

    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      // Node's default (511) overflows under a burst of connects while the event loop is busy
      backlog: 2048,
      dataDir: "./.data",
      roomsRefreshSeconds: 60,
      dailyQuota: 100_000, // WeChat's figure for getLiveInfo today
      replayReserve: 10_000,
      wechatApiBase: "https://api.weixin.qq.com",
      hiddenRoomIds: [],
      pinnedRoomIds: [],
      apiDocs: true,
    });
    expect(config.redisUrl).toBeUndefined();
    expect(loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", NODE_ENV: "production" }).apiDocs).toBe(false);
    expect(
      loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", NODE_ENV: "production", API_DOCS: "on" }).apiDocs,
    ).toBe(true);
  });

  it.each([
    ["BACKLOG", "0", "BACKLOG must be between 1 and 65535, got 0"],
    ["BACKLOG", "lots", 'BACKLOG must be an integer, got "lots"'],
    ["API_DOCS", "yes", 'API_DOCS must be on or off, got "yes"'],
    [
      "LOG_LEVEL",
      "Loud",
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    ["METRICS_TOKEN", "short", "METRICS_TOKEN must be at least 16 characters"],
    ["WX_REPLAY_RESERVE", "100000", "WX_REPLAY_RESERVE must be between 0 and 99999, got 100000"],
  ])("refuses %s=%s in one line: %s", (name, value, message) => {
    expect(() => loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", [name]: value })).toThrow(
      new ConfigError(message),
    );
  });

  it("accepts missing credentials only for an emulator on loopback", () => {
    expect(loadConfig({ WECHAT_API_BASE: "http://127.0.0.1:8788" }).appId).toBe(DEMO_APPID);
    expect(() => loadConfig({ WECHAT_API_BASE: "https://api.weixin.qq.com" })).toThrow(ConfigError);
  });

  it.each([
    ["ROOMS_PINNED", "12,abc"],
    ["ROOMS_HIDDEN", "0"],
    ["ROOMS_REFRESH_SECONDS", "0"],
    ["WX_DAILY_QUOTA", "-5"],
    ["REDIS_URL", "localhost:6379"],
    ["LOG_LEVEL", "loud"],
    ["WECHAT_API_BASE", "ftp://x"],
  ])("rejects %s=%s", (name, value) => {
    expect(() => loadConfig({ WX_APPID: "wxid", WX_APPSECRET: "secret", [name]: value })).toThrow(
      ConfigError,
    );
  });

  it.each([
    ["WX_APPID", { WX_APPID: "wxid" }],
    ["WX_APPSECRET", { WX_APPSECRET: "secret" }],
  ])("refuses only %s, even with the emulator on loopback", (_name, env) => {
    expect(() => loadConfig({ WECHAT_API_BASE: "http://127.0.0.1:8788", ...env })).toThrow(/is set but/);
    expect(() => loadConfig(env)).toThrow(/is set but/);
  });

  it("takes http for WeChat only on loopback (the AppSecret would travel in clear text)", () => {
    const creds = { WX_APPID: "wxid", WX_APPSECRET: "secret" };

    expect(() => loadConfig({ ...creds, WECHAT_API_BASE: "http://api.weixin.qq.com" })).toThrow(
      /must be https unless it is loopback/,
    );
    expect(() => loadConfig({ ...creds, WECHAT_API_BASE: "http://10.0.0.5:8788" })).toThrow(ConfigError);
    for (const base of [
      "http://127.0.0.1:8788",
      "http://127.0.0.2:1",
      "http://localhost:8788",
      "http://[::1]:8788",
    ]) {
      expect(loadConfig({ ...creds, WECHAT_API_BASE: base }).wechatApiBase).toBe(base);
    }
    expect(loadConfig({ ...creds, WECHAT_API_BASE: "https://wx.example.com/" }).wechatApiBase).toBe(
      "https://wx.example.com",
    );
  });

  it("takes TRUST_PROXY as a hop count or proxy addresses, and refuses true with the reason", () => {
    const trust = (value: string): unknown =>
      loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", TRUST_PROXY: value }).trustProxy;

    expect(trust("")).toBe(false);
    expect(trust("false")).toBe(false);
    expect(trust("0")).toBe(false);
    expect(trust("1")).toBe(1);
    expect(trust("2")).toBe(2);
    expect(trust("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback")).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    expect(() => trust("true")).toThrow(/let clients pick their address.*hop count|number of proxies/);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0/8", "300.1.1.1", "1.2.3.4/8/1", "11"]) {
      expect(() => trust(bad)).toThrow(ConfigError);
    }
  });

  it("reads the metrics, Redis and shutdown settings", () => {
    const base = { WX_APPID: "a", WX_APPSECRET: "b" };

    expect(loadConfig(base)).toMatchObject({
      redisTimeoutMs: 1000,
      redisProbeIntervalMs: 1000,
      shutdownTimeoutMs: 8000,
    });
    expect(loadConfig(base).metricsToken).toBeUndefined();
    expect(loadConfig(base).metricsPort).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_TOKEN: "m".repeat(16), METRICS_PORT: "9464" })).toMatchObject({
      metricsToken: "m".repeat(16),
      metricsPort: 9464,
    });
    expect(() => loadConfig({ ...base, METRICS_TOKEN: "short" })).toThrow(/at least 16/);
    expect(() => loadConfig({ ...base, METRICS_PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, REDIS_URL: "redis://:%zz@127.0.0.1" })).toThrow(ConfigError);
  });

  it("parses pinned and hidden room lists", () => {
    const config = loadConfig({ WX_APPID: "a", WX_APPSECRET: "b", ROOMS_PINNED: "7, 3", ROOMS_HIDDEN: "9" });

    expect(config.pinnedRoomIds).toEqual([7, 3]);
    expect(config.hiddenRoomIds).toEqual([9]);
  });
});
