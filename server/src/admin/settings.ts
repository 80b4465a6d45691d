/**
 * The shop's choices the console edits, kept in the cache store so every instance agrees and a restart
 * keeps them: hidden and pinned rooms under one key, the 视频号 ids under another, and the audit log.
 * While a key is absent the configuration (ROOMS_HIDDEN/ROOMS_PINNED, CHANNELS_FINDER_IDS) is the value.
 *
 * Reads are synchronous (the rooms service asks on every shopper request): each instance keeps the
 * current value and, with Redis, re-reads the keys every `pollMs` so a change made on another instance
 * applies within that time. Changes are made under one store lock: read the latest value, apply the
 * operator's action, write it with the next revision, append to the audit log.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { ChannelIdSource } from "../channels/channels-service";
import { FINDER_ID } from "../channels/finder-ids";
import { isFiniteNumber, isRecord } from "../cache/checks";
import type { Config } from "../config";
import type { RoomChoiceSource, RoomChoices } from "../rooms/rooms-service";
import type { Check, Store } from "../store/store";
import { CHANNEL_ACTIONS, ChoiceError, ROOM_ACTIONS, applyChannelAction, applyRoomAction } from "./choices";
import type { ChannelAction, RoomAction } from "./choices";

/** Who did something: always "the operator" (one password), told apart by address and session. */
export interface Actor {
  /** The client address (after TRUST_PROXY). */
  address: string;
  /** The first 8 hex digits of SHA-256 of the session id: tells sessions apart, reveals none of the id. */
  session: string;
}

export type AuditAction =
  "sign_in" | "sign_out" | "refresh" | `room_${RoomAction}` | `channel_${ChannelAction}`;

export interface AuditEntry extends Actor {
  at: number;
  action: AuditAction;
  /** The room id or 视频号 id acted on. */
  target?: string;
}

/** How many audit entries are kept (newest first). */
export const AUDIT_KEPT = 200;
const ROOMS_KEY = "console:rooms";
const CHANNELS_KEY = "console:channels";
const AUDIT_KEY = "console:audit";
const LOCK_KEY = "lock:console";
const LOCK_MS = 5_000;
const LOCK_WAIT_MS = 3_000;
const DEFAULT_POLL_MS = 1_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The short session tag in the audit log. */
export const sessionTag = (sessionId: string): string =>
  createHash("sha256").update(sessionId).digest("hex").slice(0, 8);

interface Stored<T> {
  value: T;
  /** 1 for the first write, +1 for each; 0 means "the configuration's value, never written". */
  revision: number;
  updatedAt: number;
}

const isRoomId = (v: unknown): v is number => Number.isSafeInteger(v) && Number(v) > 0;
const isIdList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isRoomId);

const isRoomChoices = (v: unknown): v is RoomChoices =>
  isRecord(v) && isIdList(v.hidden) && isIdList(v.pinned);
const isFinderIds = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((id) => typeof id === "string" && FINDER_ID.test(id));

function storedCheck<T>(check: Check<T>): Check<Stored<T>> {
  return (v): v is Stored<T> =>
    isRecord(v) && Number.isSafeInteger(v.revision) && isFiniteNumber(v.updatedAt) && check(v.value);
}

const AUDIT_ACTIONS = new Set<string>([
  "sign_in",
  "sign_out",
  "refresh",
  ...ROOM_ACTIONS.map((a) => `room_${a}`),
  ...CHANNEL_ACTIONS.map((a) => `channel_${a}`),
]);

const isAuditEntry = (v: unknown): v is AuditEntry =>
  isRecord(v) &&
  isFiniteNumber(v.at) &&
  typeof v.action === "string" &&
  AUDIT_ACTIONS.has(v.action) &&
  typeof v.address === "string" &&
  typeof v.session === "string" &&
  (v.target === undefined || typeof v.target === "string");
const isAuditLog = (v: unknown): v is AuditEntry[] => Array.isArray(v) && v.every(isAuditEntry);

/** One setting: the value in use, its revision, and how to read it back from the store. */
class Setting<T> {
  private stored: Stored<T>;

  constructor(
    private readonly key: string,
    private readonly check: Check<Stored<T>>,
    private readonly initial: T,
  ) {
    this.stored = { value: initial, revision: 0, updatedAt: 0 };
  }

  get value(): T {
    return this.stored.value;
  }

  /** When it was last written from the console (0: never; the configuration's value is in use). */
  get updatedAt(): number {
    return this.stored.updatedAt;
  }

  /**
   * Adopts the store's value when its revision differs from ours. An absent key means the configuration's
   * value, but only while the store can be believed: with Redis down the last known value stays.
   */
  async pull(store: Store): Promise<void> {
    const stored = await store.get(this.key, this.check);
    if (stored) {
      if (stored.revision !== this.stored.revision) this.stored = stored;
    } else if (store.status() !== "down" && this.stored.revision !== 0) {
      this.stored = { value: this.initial, revision: 0, updatedAt: 0 };
    }
  }

  async write(store: Store, value: T, at: number): Promise<void> {
    const next = { value, revision: this.stored.revision + 1, updatedAt: at };
    await store.set(this.key, next);
    this.stored = next;
  }
}

export interface ConsoleSettingsOptions {
  store: Store;
  config: Pick<Config, "hiddenRoomIds" | "pinnedRoomIds" | "channelsFinderIds">;
  now: () => number;
  log: Logger;
  /** How often an instance re-reads the store (shared stores only); default 1 s. */
  pollMs?: number;
}

export class ConsoleSettings {
  private readonly roomsSetting: Setting<RoomChoices>;
  private readonly channelsSetting: Setting<readonly string[]>;
  private timer?: NodeJS.Timeout;
  private polling = false;

  /** Feeds the rooms service: the same object until the choices change. */
  readonly rooms: RoomChoiceSource = { current: () => this.roomsSetting.value };
  /** Feeds the channels service. */
  readonly channels: ChannelIdSource = { read: async () => this.channelsSetting.value };

  private constructor(private readonly o: ConsoleSettingsOptions) {
    const { config } = o;
    this.roomsSetting = new Setting(ROOMS_KEY, storedCheck(isRoomChoices), {
      hidden: [...config.hiddenRoomIds],
      pinned: [...config.pinnedRoomIds],
    });
    this.channelsSetting = new Setting(CHANNELS_KEY, storedCheck(isFinderIds), [...config.channelsFinderIds]);
  }

  /** Reads the stored values, then (with a shared store) keeps re-reading them. */
  static async open(options: ConsoleSettingsOptions): Promise<ConsoleSettings> {
    const settings = new ConsoleSettings(options);
    await settings.pull();
    if (options.store.status() !== "off") {
      settings.timer = setInterval(() => void settings.poll(), options.pollMs ?? DEFAULT_POLL_MS);
      settings.timer.unref();
    }
    return settings;
  }

  private async pull(): Promise<void> {
    await Promise.all([this.roomsSetting.pull(this.o.store), this.channelsSetting.pull(this.o.store)]);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.pull();
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, "console settings: re-reading the store failed");
    } finally {
      this.polling = false;
    }
  }

  /** When the room choices / 视频号 ids were last saved from the console (0: the configuration's). */
  savedAt(): { rooms: number; channels: number } {
    return { rooms: this.roomsSetting.updatedAt, channels: this.channelsSetting.updatedAt };
  }

  /**
   * Runs `change` under the console's store lock, on freshly read values. A store that is down would
   * keep the change on this instance only, so nothing is changed then.
   */
  private async locked<T>(change: () => Promise<T>): Promise<T> {
    const { store } = this.o;
    if (store.status() === "down") {
      throw new ChoiceError("暂时连不上 Redis：这次更改无法让所有实例知道，请稍后再试");
    }
    let lock: string | undefined;
    for (let waited = 0; !(lock = await store.tryLock(LOCK_KEY, LOCK_MS)); waited += 50) {
      if (waited >= LOCK_WAIT_MS) throw new ChoiceError("另一项更改正在保存，请稍后再试");
      await sleep(50);
    }
    try {
      await this.pull();
      return await change();
    } finally {
      await store.unlock(LOCK_KEY, lock);
    }
  }

  private async append(actor: Actor, action: AuditAction, target?: string): Promise<void> {
    const { store, now } = this.o;
    const log = (await store.get(AUDIT_KEY, isAuditLog)) ?? [];
    const entry: AuditEntry = { at: now(), ...actor, action, ...(target === undefined ? {} : { target }) };
    await store.set(AUDIT_KEY, [entry, ...log].slice(0, AUDIT_KEPT));
    this.o.log.info({ audit: entry }, "console change");
  }

  /**
   * A room action; `known` is every room id WeChat lists now. Answers whether anything changed (a
   * repeated click changes nothing and is not logged). Throws ChoiceError when it cannot be done.
   */
  async changeRooms(
    actor: Actor,
    action: RoomAction,
    roomId: number,
    known: ReadonlySet<number>,
  ): Promise<boolean> {
    return this.locked(async () => {
      const current = this.roomsSetting.value;
      const next = applyRoomAction(current, action, roomId, known);
      if (next === current) return false;
      await this.roomsSetting.write(this.o.store, next, this.o.now());
      await this.append(actor, `room_${action}`, String(roomId));
      return true;
    });
  }

  /** A 视频号 action; like changeRooms. */
  async changeChannels(actor: Actor, action: ChannelAction, finderId: string): Promise<boolean> {
    return this.locked(async () => {
      const current = this.channelsSetting.value;
      const next = applyChannelAction(current, action, finderId);
      if (next === current) return false;
      await this.channelsSetting.write(this.o.store, next, this.o.now());
      await this.append(actor, `channel_${action}`, finderId.trim());
      return true;
    });
  }

  /** Writes an entry that changes no setting (sign-in, sign-out, a refresh). */
  async note(actor: Actor, action: "sign_in" | "sign_out" | "refresh"): Promise<void> {
    if (this.o.store.status() === "down") {
      this.o.log.info({ audit: { ...actor, action } }, "console event (not in the audit log: redis is down)");
      return;
    }
    await this.locked(() => this.append(actor, action));
  }

  /** The audit log, newest first. */
  async auditLog(): Promise<AuditEntry[]> {
    return (await this.o.store.get(AUDIT_KEY, isAuditLog)) ?? [];
  }

  close(): void {
    clearInterval(this.timer);
  }
}
