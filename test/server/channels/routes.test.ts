import type { ChannelListResponse, ErrorBody, RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import { ChannelsService, type ChannelIdSource } from "../../../server/src/channels/channels-service";
import { ConfigError, loadConfig } from "../../../server/src/config";
import {
  FakeClock,
  emulator,
  etagOf,
  get,
  getBytes,
  removeTempDirs,
  server,
  stats,
} from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

const IDS = ["sphcqO59YEPCvoe", "sphMb29U7R4wCHH", "sph0zzQsso50ghm"];
const creds = { WX_APPID: "wx1234567890abcdef", WX_APPSECRET: "test-secret-0000" };

afterAll(removeTempDirs);

describe("GET /api/channels", () => {
  let emu: Emulator;
  let srv: TestServer;

  beforeAll(async () => {
    emu = await emulator();
    // spaces around the commas are trimmed; a trailing comma is ignored
    srv = await server(emu, { env: { CHANNELS_FINDER_IDS: ` ${IDS[0]} ,${IDS[1]}, ${IDS[2]},` } });
  });

  afterAll(async () => {
    await srv.close();
    await emu.close();
  });

  it("answers the configured 视频号 ids in the shop's order", async () => {
    const res = await get<ChannelListResponse>(`${srv.url}/api/channels`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      channels: IDS.map((finderUserName) => ({ finderUserName })),
      updatedAt: srv.clock.ms,
      stale: false,
    });
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("sends an ETag and revalidates to 304 with no body", async () => {
    const first = await getBytes(`${srv.url}/api/channels`);
    const etag = etagOf(first.body);
    expect(first.headers.get("etag")).toBe(etag);

    const again = await get(`${srv.url}/api/channels`, { "if-none-match": etag });

    expect(again.status).toBe(304);
    expect(again.body).toBe("");
  });

  it.each(["x=1", "limit=10", "start=0", "finderUserName=sphcqO59YEPCvoe", "a=1&a=2"])(
    "answers 400 with the error body for ?%s",
    async (query) => {
      const res = await get<ErrorBody>(`${srv.url}/api/channels?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.message).toMatch(/unknown parameter/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  it("answers 405 for other methods", async () => {
    const post = await get<ErrorBody>(`${srv.url}/api/channels`, {}, "POST");

    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe("method_not_allowed");
  });

  it("costs WeChat nothing: the ids are the shop's own configuration", async () => {
    const before = await stats(emu);
    await get(`${srv.url}/api/channels`);
    const after = await stats(emu);

    expect(after.calls).toEqual(before.calls);
  });
});

describe("without 视频号 ids", () => {
  it("answers an empty list", async () => {
    const emu = await emulator();
    const srv = await server(emu);
    try {
      const res = await get<ChannelListResponse>(`${srv.url}/api/channels`);
      expect(res.status).toBe(200);
      expect(res.body.channels).toEqual([]);
    } finally {
      await srv.close();
      await emu.close();
    }
  });
});

describe("ChannelsService", () => {
  class MutableIds implements ChannelIdSource {
    constructor(public ids: string[]) {}
    async read(): Promise<readonly string[]> {
      return [...this.ids];
    }
  }

  it("keeps one version while the ids stay the same, and starts a new one when they change", async () => {
    const clock = new FakeClock();
    const source = new MutableIds([IDS[0]]);
    const service = new ChannelsService(source, clock.now);

    const first = await service.list();
    clock.advance(60);
    const same = await service.list();
    source.ids = [IDS[0], IDS[1]];
    const changed = await service.list();

    expect(same).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed.ids).toEqual([IDS[0], IDS[1]]);
    expect(changed.updatedAt).toBe(first.updatedAt + 60_000);
  });

  it("refuses an id the source should never have handed out", async () => {
    const service = new ChannelsService(new MutableIds(["sph cqO59YEPCvoe"]), Date.now);

    await expect(service.list()).rejects.toThrow(/contains a space at position 4/);
  });
});

describe("CHANNELS_FINDER_IDS", () => {
  const load = (ids: string) => loadConfig({ ...creds, CHANNELS_FINDER_IDS: ids });

  it("is empty by default", () => {
    expect(loadConfig(creds).channelsFinderIds).toEqual([]);
  });

  it("trims spaces around ids and accepts a full-width comma", () => {
    expect(load(`${IDS[0]}，\u3000${IDS[1]}\u00a0`).channelsFinderIds).toEqual([IDS[0], IDS[1]]);
  });

  it.each([
    ["a space inside an id", "sph cqO59YEPCvoe", /"sph cqO59YEPCvoe" contains a space at position 4/],
    ["a zero-width space", "sphcqO59\u200bYEPCvoe", /an invisible character \(U\+200B\) at position 9/],
    ["an official-account id", "gh_1234567890ab", /is not a 视频号 id/],
    ["a bare prefix", "sph", /is not a 视频号 id/],
    ["a dash", "sphcq-O59YEPCvoe", /is not a 视频号 id/],
    ["a duplicate", `${IDS[0]},${IDS[0]}`, /is listed twice/],
    [
      "21 ids",
      Array.from({ length: 21 }, (_, i) => `sphAbcdEfgh${String(i).padStart(4, "0")}`).join(","),
      /at most 20/,
    ],
  ])("refuses %s with one clear line", (_label, ids, message) => {
    expect(() => load(ids)).toThrow(ConfigError);
    expect(() => load(ids)).toThrow(message);
    expect(() => load(ids)).toThrow(/^CHANNELS_FINDER_IDS: /);
  });
});

describe("LIVE_PLUGIN=off", () => {
  let emu: Emulator;
  let srv: TestServer;

  beforeAll(async () => {
    emu = await emulator();
    srv = await server(emu, { env: { LIVE_PLUGIN: "off", CHANNELS_FINDER_IDS: IDS[0] } });
  });

  afterAll(async () => {
    await srv.close();
    await emu.close();
  });

  it("answers an empty room list (200, not stale) and makes no WeChat call at all", async () => {
    const answers = await Promise.all(
      ["/api/rooms", "/api/rooms?start=0&limit=100", "/api/rooms?start=20"].map((p) =>
        get<RoomListResponse>(`${srv.url}${p}`),
      ),
    );
    srv.clock.advance(86_400);
    const tomorrow = await get<RoomListResponse>(`${srv.url}/api/rooms`);
    const emuStats = await stats(emu);

    for (const res of [...answers, tomorrow]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rooms: [], total: 0, stale: false });
      expect(res.headers.get("x-data-stale")).toBeNull();
    }
    expect(emuStats.calls.getliveinfo).toBe(0);
    expect(emuStats.calls.get_replay).toBe(0);
    expect(emuStats.calls.stable_token + emuStats.calls.token).toBe(0);
    expect(emuStats.quota.used).toBe(0);
  });

  it("finds no room, replay or goods (404 with the error body), still without calling WeChat", async () => {
    const paths = ["/api/rooms/13", "/api/rooms/19/replays", "/api/goods/101"];
    const answers = await Promise.all(paths.map((p) => get<ErrorBody>(`${srv.url}${p}`)));
    const emuStats = await stats(emu);

    expect(answers.map((r) => [r.status, r.body.error.code])).toEqual(Array(3).fill([404, "not_found"]));
    expect(emuStats.calls.getliveinfo).toBe(0);
  });

  it("still validates queries and serves the 视频号 ids", async () => {
    const bad = await get<ErrorBody>(`${srv.url}/api/rooms?limit=abc`);
    const channels = await get<ChannelListResponse>(`${srv.url}/api/channels`);

    expect(bad.status).toBe(400);
    expect(channels.body.channels).toEqual([{ finderUserName: IDS[0] }]);
  });

  it("says so on /healthz", async () => {
    const health = await get<{ livePlugin: string; quotaUsedToday: number }>(`${srv.url}/healthz`);

    expect(health.body).toMatchObject({ livePlugin: "off", quotaUsedToday: 0 });
  });
});

describe("LIVE_PLUGIN in the configuration", () => {
  it("defaults to on and takes on/off in any case", () => {
    expect(loadConfig(creds).livePlugin).toBe(true);
    expect(loadConfig({ ...creds, LIVE_PLUGIN: " OFF " }).livePlugin).toBe(false);
    expect(loadConfig({ ...creds, LIVE_PLUGIN: "on" }).livePlugin).toBe(true);
  });

  it.each(["yes", "0", "false", "plugin"])("refuses LIVE_PLUGIN=%s", (value) => {
    expect(() => loadConfig({ ...creds, LIVE_PLUGIN: value })).toThrow(/LIVE_PLUGIN must be on or off/);
  });

  it("with the plugin off, needs no WeChat credentials (nothing talks to WeChat)", () => {
    const config = loadConfig({ LIVE_PLUGIN: "off", WECHAT_API_BASE: "https://api.weixin.qq.com" });

    expect(config.livePlugin).toBe(false);
    expect(config.appSecret).toBe("");
    expect(() => loadConfig({ WECHAT_API_BASE: "https://api.weixin.qq.com" })).toThrow(ConfigError);
  });
});
