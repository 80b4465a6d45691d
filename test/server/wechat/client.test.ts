import type { ErrorBody, RoomListResponse } from "../../../typings/api";
import type { Emulator } from "../../../server/src/emulator/server";
import {
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

let emu: Emulator;
let srv: TestServer;

beforeEach(async () => {
  emu = await emulator();
  srv = await server(emu);
});

afterEach(async () => {
  await srv.close();
  await emu.close();
});

afterAll(removeTempDirs);

const rooms = (): Promise<{ status: number; body: RoomListResponse; headers: Headers }> =>
  get<RoomListResponse>(`${srv.url}/api/rooms`);

/** Moves the server past the refresh interval and lets the background refresh run. */
async function refreshOnce(): Promise<void> {
  srv.clock.advance(61);
  const during = await rooms();
  expect(during.status).toBe(200); // stale-while-revalidate: the old copy, at once
  await settle(srv);
}

describe("empty lists", () => {
  it("treats 9410000 from WeChat (no rooms) as an empty list, not an error", async () => {
    await admin(emu, "rooms", { count: 0 });

    const res = await rooms();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rooms: [], total: 0, stale: false });
    expect((await stats(emu)).answers["getliveinfo 9410000"]).toBe(1);
  });

  it("treats an injected 9410000 the same way", async () => {
    await fault(emu, { api: "getliveinfo", errcode: 9410000 });

    const res = await rooms();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rooms: [], total: 0, stale: false });
  });
});

describe("access_token", () => {
  it("recovers when the token expires upstream mid-run (42001): one refresh, one retry", async () => {
    await rooms();
    await admin(emu, "clock", { advanceSeconds: 7201 }); // WeChat's token expires; our cache does not know

    await refreshOnce();
    const after = await rooms();
    const s = await stats(emu);

    expect(after.body.stale).toBe(false);
    expect(s.answers["getliveinfo 42001"]).toBe(1);
    expect(s.calls.stable_token).toBe(2);
    expect(s.calls.getliveinfo).toBe(3);
  });

  it("renews the token ahead of expiry (expires_in − 300 s) without a rejected call", async () => {
    await rooms();
    await admin(emu, "clock", { advanceSeconds: 6950 });
    srv.clock.advance(6950 - 61);

    await refreshOnce();
    const s = await stats(emu);

    expect(s.calls.stable_token).toBe(2);
    expect(s.tokensIssued).toBe(2);
    expect(Object.keys(s.answers).filter((k) => /4200|4000/.test(k))).toEqual([]);
  });

  it("on 40001 refreshes once and retries once", async () => {
    await rooms();
    await fault(emu, { api: "getliveinfo", errcode: 40001 });

    await refreshOnce();
    const s = await stats(emu);

    expect((await rooms()).body.stale).toBe(false);
    expect(s.answers["getliveinfo 40001"]).toBe(1);
    expect(s.calls.stable_token).toBe(2);
    expect(s.calls.getliveinfo).toBe(3);
  });

  it("does not retry a second time: two 40001 in a row serve the last good copy", async () => {
    await rooms();
    await fault(emu, { api: "getliveinfo", errcode: 40001, times: 2 });

    await refreshOnce();
    const s = await stats(emu);

    expect((await rooms()).body.stale).toBe(true);
    expect(s.calls.getliveinfo).toBe(3);
    expect(s.calls.stable_token).toBe(2);
  });
});

describe("upstream faults with a cached copy → stale, never 5xx", () => {
  const faults: [string, Record<string, unknown>][] = [
    ["45009 (daily quota)", { errcode: 45009 }],
    ["bad JSON", { badJson: true }],
    ["HTTP 500", { status: 500 }],
    ["connection reset", { reset: true }],
    ["errcode -1", { errcode: -1 }],
    ["errcode 48001", { errcode: 48001 }],
    ["slow upstream (timeout)", { delayMs: 4000 }],
  ];

  it.each(faults)("%s", async (_name, f) => {
    const fresh = await rooms();
    await fault(emu, { api: "getliveinfo", ...f });

    await refreshOnce();
    const list = await rooms();
    const room = await get(`${srv.url}/api/rooms/${fresh.body.rooms[0].roomId}`);
    const metrics = await get<string>(`${srv.url}/metrics`);

    expect(list.status).toBe(200);
    expect(list.body.stale).toBe(true);
    expect(list.body.rooms).toEqual(fresh.body.rooms);
    expect(list.body.updatedAt).toBe(fresh.body.updatedAt);
    expect(room.status).toBe(200);
    expect(room.headers.get("x-data-stale")).toBe("1");
    expect(metrics.body).toMatch(/^cache_stale_serves_total\{cache="rooms"\} [1-9]/m);
    // 48001 is logged once in words instead of as a generic refresh failure
    expect(srv.logs.text()).toContain(
      f.errcode === 48001 ? "this appid has no live permission" : "refresh failed",
    );
  });

  it("recovers on the next interval once WeChat answers again", async () => {
    await rooms();
    await fault(emu, { api: "getliveinfo", status: 500 });
    await refreshOnce();
    expect((await rooms()).body.stale).toBe(true);

    await refreshOnce();

    expect((await rooms()).body.stale).toBe(false);
  });

  it("after 45009 spends no more calls that day", async () => {
    await rooms();
    await fault(emu, { api: "getliveinfo", errcode: 45009 });
    await refreshOnce();
    const calls = (await stats(emu)).calls.getliveinfo;

    await refreshOnce();
    await refreshOnce();

    expect((await stats(emu)).calls.getliveinfo).toBe(calls);
    expect((await rooms()).body.stale).toBe(true);
    expect(srv.logs.text()).toContain("45009");
  });
});

describe("upstream faults with nothing cached → 503", () => {
  const faults: [string, Record<string, unknown>][] = [
    ["bad JSON", { badJson: true }],
    ["slow upstream (timeout)", { delayMs: 4000 }],
    ["HTTP 500", { status: 500 }],
    ["45009", { errcode: 45009 }],
    ["token endpoint down", { api: "stable_token", status: 500 }],
  ];

  it.each(faults)("%s", async (_name, f) => {
    await fault(emu, { api: "getliveinfo", ...f });

    const res = await get<ErrorBody>(`${srv.url}/api/rooms`);

    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("upstream_unavailable");
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("does not hammer WeChat: a cold retry waits a few seconds", async () => {
    await fault(emu, { api: "getliveinfo", status: 500 });
    expect((await rooms()).status).toBe(503);

    const soon = await rooms();
    const callsSoon = (await stats(emu)).calls.getliveinfo;
    srv.clock.advance(6);
    const later = await rooms();

    expect(soon.status).toBe(503);
    expect(callsSoon).toBe(1);
    expect(later.status).toBe(200);
  });
});
