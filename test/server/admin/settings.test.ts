/**
 * The console's settings in the store: the configuration until the first change, one value every
 * instance on a real Redis agrees on, no change while Redis is away, and a capped audit log.
 */
import { AUDIT_KEPT, ConsoleSettings } from "../../../server/src/admin/settings";
import { Redactor, createLogger } from "../../../server/src/log";
import { MemoryStore } from "../../../server/src/store/memory-store";
import { RedisStore } from "../../../server/src/store/redis-store";
import type { Store } from "../../../server/src/store/store";
import { FakeClock, removeTempDirs, tempDir, waitFor } from "../../../server/test-support/harness";
import { redisForBlock } from "./support";

const log = createLogger({ level: "silent", redactor: new Redactor() });
const operator = { address: "127.0.0.1", session: "0badc0de" };
const config = { hiddenRoomIds: [16], pinnedRoomIds: [19], channelsFinderIds: ["sphcqO59YEPCvoe"] };
const known = new Set([13, 16, 19, 22]);
const opened: { settings: ConsoleSettings; store: Store }[] = [];

async function open(store: Store, clock = new FakeClock(), pollMs = 50): Promise<ConsoleSettings> {
  const settings = await ConsoleSettings.open({ store, config, now: clock.now, log, pollMs });
  opened.push({ settings, store });
  return settings;
}

afterEach(async () => {
  for (const { settings, store } of opened.splice(0)) {
    settings.close();
    await store.close();
  }
});

afterAll(removeTempDirs);

describe("with the embedded store", () => {
  it("uses the configuration until the first change, then the saved value, also after a restart", async () => {
    const dir = tempDir();
    const first = await open(new MemoryStore({ snapshotDir: dir }));
    const initial = first.rooms.current();
    const savedBefore = first.savedAt().rooms;

    const changed = await first.changeRooms(operator, "pin", 22, known);
    const after = first.rooms.current();
    await opened[0].store.close();
    const restarted = await open(new MemoryStore({ snapshotDir: dir }));

    expect(initial).toEqual({ hidden: [16], pinned: [19] });
    expect(savedBefore).toBe(0);
    expect(first.savedAt().rooms).toBeGreaterThan(0);
    expect(changed).toBe(true);
    expect(after).toEqual({ hidden: [16], pinned: [19, 22] });
    expect(after).not.toBe(initial); // a new object: the rooms service re-derives the list
    expect(first.rooms.current()).toBe(after); // and the same one until the next change
    expect(restarted.rooms.current()).toEqual({ hidden: [16], pinned: [19, 22] });
    expect(await restarted.channels.read()).toEqual(["sphcqO59YEPCvoe"]);
  });

  it("keeps the newest audit entries only", async () => {
    const clock = new FakeClock();
    const settings = await open(new MemoryStore(), clock);

    for (let i = 0; i < AUDIT_KEPT + 5; i += 1) {
      await settings.changeRooms(operator, i % 2 === 0 ? "hide" : "show", 13, known);
      clock.advance(1);
    }
    const log = await settings.auditLog();

    expect(log).toHaveLength(AUDIT_KEPT);
    expect(log[0]).toEqual({ at: clock.now() - 1000, ...operator, action: "room_hide", target: "13" });
    expect(log[0].at).toBeGreaterThan(log[AUDIT_KEPT - 1].at);
  });
});

describe("on a shared Redis", () => {
  const redis = redisForBlock();

  const redisStore = async (): Promise<RedisStore> => {
    const store = new RedisStore(redis().url, log, { commandTimeoutMs: 300, probeIntervalMs: 100 });
    await store.ready(2000);
    return store;
  };

  it("a change on one instance reaches the others within their poll", async () => {
    await redis().command("FLUSHALL");
    const a = await open(await redisStore());
    const b = await open(await redisStore());

    await a.changeRooms(operator, "hide", 22, known);
    await a.changeChannels(operator, "add", "sphMb29U7R4wCHH");
    await waitFor(async () => b.rooms.current().hidden.includes(22), 2000, "b sees room 22 hidden");
    await waitFor(async () => (await b.channels.read()).length === 2, 2000, "b sees the new 视频号");

    expect(b.rooms.current()).toEqual({ hidden: [16, 22], pinned: [19] });
    expect(await b.channels.read()).toEqual(["sphcqO59YEPCvoe", "sphMb29U7R4wCHH"]);
    // changes from two instances build on each other (the lock and a fresh read), none is lost
    await b.changeRooms(operator, "pin", 13, known);
    await a.changeRooms(operator, "pin", 22, known);
    expect(a.rooms.current().pinned).toEqual([19, 13, 22]);
  });

  it("a key deleted from Redis brings back the configuration; nothing changes while Redis is away", async () => {
    await redis().command("FLUSHALL");
    const a = await open(await redisStore());
    await a.changeRooms(operator, "hide", 22, known);

    await redis().command("DEL", "wxlive:console:rooms");
    await waitFor(async () => !a.rooms.current().hidden.includes(22), 2000, "the configuration again");
    await a.changeRooms(operator, "hide", 13, known);
    redis().pause();
    try {
      await waitFor(async () => opened[0].store.status() === "down", 5000, "redis marked down");
      await expect(a.changeRooms(operator, "hide", 22, known)).rejects.toThrow("暂时连不上 Redis");
      expect(a.rooms.current()).toEqual({ hidden: [16, 13], pinned: [19] });
    } finally {
      redis().resume();
    }
  });
});
