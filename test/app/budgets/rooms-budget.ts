/**
 * setData budgets of the room list, measured the same way every time (fake clock, fake backend,
 * fixed fixtures), so the budget test asserts them and a bench can print them.
 * Runs inside the jest "app" project (it needs miniprogram-simulate and the harness).
 */
import type { Room } from "../../../typings/api";
import { resetHarness } from "../../support/harness";
import { openPage, settle, type SetDataCall } from "../../support/mount";
import { NOW, listBody, pagedBackend, room, rooms, seedCache } from "../../support/fixtures/rooms";

export interface Figure {
  calls: number;
  bytes: number;
}

export interface RoomsBudgets {
  /** No device cache: skeleton, then the first page. */
  coldLoad: Figure;
  /** Device cache present, the backend answers 304. */
  cachedLoad: Figure & { firstCallHasRooms: boolean };
  /** onReachBottom bringing rooms 21..40. */
  page2Append: Figure & { newRoomsJsonBytes: number };
  /** One second of a single upcoming room's countdown (page and countdown component together). */
  countdownSecond: Figure;
}

const PAGE_1 = 20;

/** Ended rooms (the common case in a shop's history) after a few live and upcoming ones. */
function shopRooms(): Room[] {
  return [
    room(1, { status: 101, goods: 6 }),
    room(2, { status: 101, goods: 3 }),
    room(3, { status: 102, startIn: 2 * 86400, goods: 2 }),
    ...rooms(4, 37),
  ];
}

export function sum(calls: readonly SetDataCall[]): Figure {
  return { calls: calls.length, bytes: calls.reduce((n, c) => n + c.bytes, 0) };
}

async function scenario<T>(run: () => Promise<T>): Promise<T> {
  resetHarness();
  jest.useFakeTimers({ now: NOW });
  try {
    return await run();
  } finally {
    jest.useRealTimers();
  }
}

export async function measureColdLoad(): Promise<Figure> {
  return scenario(async () => {
    pagedBackend(shopRooms());
    const page = openPage("pages/rooms/rooms");
    await settle();
    const figure = sum(page.setDataCalls);
    page.unload();
    return figure;
  });
}

export async function measureCachedLoad(): Promise<RoomsBudgets["cachedLoad"]> {
  return scenario(async () => {
    const all = shopRooms();
    seedCache(listBody(all.slice(0, PAGE_1), all.length), NOW - 10 * 60_000);
    pagedBackend(all);
    const page = openPage("pages/rooms/rooms");
    await settle();
    const first = page.setDataCalls[0]?.data ?? {};
    const firstCallHasRooms = Object.keys(first).some((k) => k.startsWith("rooms"));
    const figure = { ...sum(page.setDataCalls), firstCallHasRooms };
    page.unload();
    return figure;
  });
}

export async function measurePage2Append(): Promise<RoomsBudgets["page2Append"]> {
  return scenario(async () => {
    const all = shopRooms();
    pagedBackend(all);
    const page = openPage("pages/rooms/rooms");
    await settle();
    const before = page.setDataCalls.length;
    page.instance.onReachBottom();
    await settle();
    const figure = {
      ...sum(page.setDataCalls.slice(before)),
      newRoomsJsonBytes: Buffer.byteLength(JSON.stringify(all.slice(PAGE_1, 2 * PAGE_1)), "utf8"),
    };
    page.unload();
    return figure;
  });
}

export async function measureCountdownSecond(): Promise<Figure> {
  return scenario(async () => {
    pagedBackend([room(1, { status: 102, startIn: 3600, goods: 3 }), ...rooms(2, 10)]);
    const page = openPage("pages/rooms/rooms");
    await settle();
    const countdown = page.comp.querySelector("#room-1")?.querySelector(".countdown");
    if (!countdown) throw new Error("the upcoming room has no countdown");
    const calls: SetDataCall[] = [];
    const instance = countdown.instance as unknown as { setData(d: Record<string, unknown>): void };
    const original = instance.setData.bind(instance);
    instance.setData = (data) => {
      calls.push({ data, bytes: Buffer.byteLength(JSON.stringify(data), "utf8") });
      original(data);
    };
    // Measure a whole second in the middle of the countdown, not the first tick after mount.
    await jest.advanceTimersByTimeAsync(1000);
    const before = page.setDataCalls.length;
    calls.length = 0;
    await jest.advanceTimersByTimeAsync(1000);
    const figure = sum([...page.setDataCalls.slice(before), ...calls]);
    page.unload();
    return figure;
  });
}

export async function measureRoomsBudgets(): Promise<RoomsBudgets> {
  return {
    coldLoad: await measureColdLoad(),
    cachedLoad: await measureCachedLoad(),
    page2Append: await measurePage2Append(),
    countdownSecond: await measureCountdownSecond(),
  };
}
