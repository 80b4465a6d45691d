/** Shared fixtures for the live-room page tests: a room, a backend for it, and ways to press buttons. */
import type { Replay, Room } from "../../typings/api";
import { harness, type BackendReply } from "../support/harness";
import { flush, openPage, type MountedPage, type OpenOptions } from "../support/mount";

export const ROOM_ROUTE = "packageA/pages/room/room";
export const T0 = new Date("2026-11-25T10:00:00+08:00").getTime();
export const MIN = 60_000;

export function room(overrides: Partial<Room> = {}): Room {
  const nowS = Math.floor(T0 / 1000);
  return {
    roomId: 12,
    name: "秋冬上新专场",
    coverImg: "https://img.example.com/cover.jpg",
    liveStatus: 102,
    startTime: nowS + 3600,
    endTime: nowS + 3 * 3600,
    anchorName: "小美",
    goods: [],
    ...overrides,
  };
}

export interface FakeBackend {
  room?: Room | "fail" | 404;
  replays?: Replay[] | "fail";
}

/** Serves /api/rooms/:id and /api/rooms/:id/replays from `state` (read on every request). */
export function serve(state: FakeBackend): void {
  harness.backend = (url): BackendReply => {
    if (/^\/api\/rooms\/\d+\/replays$/.test(url.pathname)) {
      if (state.replays === "fail" || state.replays === undefined) return { fail: "request:fail timeout" };
      return {
        statusCode: 200,
        data: { replays: state.replays, total: state.replays.length, updatedAt: T0, stale: false },
      };
    }
    if (/^\/api\/rooms\/\d+$/.test(url.pathname)) {
      if (state.room === 404) {
        return { statusCode: 404, data: { error: { code: "not_found", message: "直播间不存在" } } };
      }
      if (state.room === "fail" || state.room === undefined) return { fail: "request:fail " };
      return { statusCode: 200, data: state.room, header: { ETag: '"r1"' } };
    }
    return { statusCode: 404, data: { error: { code: "not_found", message: "no route" } } };
  };
}

/** Opens the room page and lets its first promises settle. */
export async function openRoom(query: Record<string, string>, options: Omit<OpenOptions, "query"> = {}) {
  const page = openPage(ROOM_ROUTE, { ...options, query });
  await settle();
  return page;
}

/** Lets promise callbacks and zero-delay timers run under jest fake timers. */
export async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
  await flush();
}

/** Taps a vant button by its id: vant listens on its inner `.van-button`, not on the host. */
export async function tapButton(page: MountedPage, id: string): Promise<void> {
  const host = page.comp.querySelector(id);
  const inner = host?.querySelector(".van-button");
  if (!inner) throw new Error(`no vant button ${id}`);
  inner.dispatchEvent("tap");
  await settle();
}

export function navigateToUrls(): string[] {
  return (wx.navigateTo as jest.Mock).mock.calls.map((c: Array<{ url: string }>) => c[0].url);
}
