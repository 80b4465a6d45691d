import * as simulate from "miniprogram-simulate";
import type { LiveStatus } from "../../typings/api";
import { toRoomView, type RoomView } from "../../miniprogram/core/room-list";
import { flush, load } from "../support/mount";
import { NOW, room } from "./budgets/rooms-fixtures";

type Mounted = ReturnType<typeof simulate.render>;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});

afterEach(() => {
  jest.useRealTimers();
});

function mountCard(view: RoomView): Mounted {
  const comp = simulate.render(load("components/room-card/room-card"), { room: view });
  comp.attach(document.createElement("parent-wrapper"));
  return comp;
}

const text = (node: Mounted | undefined): string =>
  (node?.dom?.textContent ?? "").replace(/\s+/g, " ").trim();

describe("room-card", () => {
  const statuses: LiveStatus[] = [101, 102, 103, 104, 105, 106, 107];

  test.each(statuses)("status %d has its own badge", (status) => {
    const card = mountCard(toRoomView(room(1, { status, startIn: 2 * 86400 }), NOW));
    const html = card.dom?.outerHTML ?? "";
    expect(html).toContain(`status-tag--${status}`);
    for (const other of statuses.filter((s) => s !== status))
      expect(html).not.toContain(`status-tag--${other}`);
    // Only a live room pulses.
    expect(html.includes("status-tag__pulse")).toBe(status === 101);
  });

  test("shows name, anchor and start time", () => {
    const card = mountCard(toRoomView(room(3, { status: 102, startIn: 86400 + 3600 }), NOW));
    expect(text(card)).toContain("好物直播第3场");
    expect(text(card)).toContain("主播 主播3");
    expect(text(card)).toContain("明天 20:00 开播");
    expect(card.querySelector(".countdown")).toBeUndefined();
  });

  test("the first three goods thumbnails, then +N", () => {
    const card = mountCard(toRoomView(room(1, { goods: 5 }), NOW));
    expect(card.querySelectorAll(".card__thumb")).toHaveLength(4);
    expect(text(card.querySelector(".card__more"))).toBe("+2");
  });

  test("exactly three goods: no +N; no goods: no row", () => {
    const three = mountCard(toRoomView(room(1, { goods: 3 }), NOW));
    expect(three.querySelectorAll(".card__thumb")).toHaveLength(3);
    expect(three.querySelector(".card__more")).toBeUndefined();
    const none = mountCard(toRoomView(room(2, { goods: 0 }), NOW));
    expect(none.querySelector(".card__goods")).toBeUndefined();
  });

  test("a cover lazy-loads through van-image; no cover shows a placeholder", () => {
    const withCover = mountCard(toRoomView(room(1), NOW));
    const image = withCover.querySelector("#cover");
    expect(image?.data).toMatchObject({ lazyLoad: true, src: room(1).coverImg, useLoadingSlot: true });

    const noCover = mountCard({ ...toRoomView(room(2), NOW), cover: "" });
    expect(text(noCover.querySelector(".card__cover"))).toContain("暂无封面");
  });

  test("a countdown that ends asks the page to flip the card", async () => {
    const card = mountCard(toRoomView(room(5, { status: 102, startIn: 2 }), NOW));
    const due = jest.fn();
    (card.instance as unknown as { triggerEvent: (n: string, d: unknown) => void }).triggerEvent = due;
    expect(text(card)).toContain("距开播");
    expect(text(card.querySelector(".card__countdown"))).toContain("00:00:02");
    await jest.advanceTimersByTimeAsync(2000);
    await flush();
    expect(due).toHaveBeenCalledTimes(1);
    expect(due).toHaveBeenCalledWith("due", { id: 5 });
  });
});

describe("countdown", () => {
  function mountCountdown(target: number): { comp: Mounted; calls: Array<Record<string, unknown>> } {
    const comp = simulate.render(load("components/countdown/countdown"), { target });
    const calls: Array<Record<string, unknown>> = [];
    const instance = comp.instance as unknown as { setData(d: Record<string, unknown>): void };
    const original = instance.setData.bind(instance);
    instance.setData = (data) => {
      calls.push(data);
      original(data);
    };
    comp.attach(document.createElement("parent-wrapper"));
    return { comp, calls };
  }

  test("ticks once a second with one short string", async () => {
    const { comp, calls } = mountCountdown(NOW + 3_725_000);
    expect(text(comp)).toBe("01:02:05");
    await jest.advanceTimersByTimeAsync(1000);
    expect(text(comp)).toBe("01:02:04");
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([{ text: "01:02:05" }, { text: "01:02:04" }, { text: "01:02:03" }]);
  });

  test("a fractional second first wakes at the next whole second", async () => {
    const { comp } = mountCountdown(NOW + 2500);
    expect(text(comp)).toBe("00:00:03");
    await jest.advanceTimersByTimeAsync(500);
    expect(text(comp)).toBe("00:00:02");
  });

  test("emits finish once at zero, then stops ticking", async () => {
    const { comp } = mountCountdown(NOW + 2000);
    const finish = jest.fn();
    (comp.instance as unknown as { triggerEvent: (n: string, d: unknown) => void }).triggerEvent = finish;
    await jest.advanceTimersByTimeAsync(2000);
    expect(text(comp)).toBe("00:00:00");
    expect(finish).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(5000);
    expect(finish).toHaveBeenCalledTimes(1);
  });

  test("a target already passed finishes at once", () => {
    const comp = simulate.render(load("components/countdown/countdown"), { target: NOW - 1000 });
    const finish = jest.fn();
    (comp.instance as unknown as { triggerEvent: (n: string, d: unknown) => void }).triggerEvent = finish;
    comp.attach(document.createElement("parent-wrapper"));
    expect(finish).toHaveBeenCalledTimes(1);
    expect(text(comp)).toBe("00:00:00");
  });

  test("detaching clears the timer", () => {
    const { comp } = mountCountdown(NOW + 60_000);
    expect(jest.getTimerCount()).toBe(1);
    // simulate's typings only give attach/detach to the first create() overload.
    (comp as unknown as { detach(): void }).detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  test("a hidden page pauses the ticks; showing it again catches up with the clock", async () => {
    const { comp, calls } = mountCountdown(NOW + 60_000);
    const lifetimes = comp as unknown as { triggerPageLifeTime(name: string): void };
    lifetimes.triggerPageLifeTime("hide");
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(calls).toHaveLength(1);
    lifetimes.triggerPageLifeTime("show");
    expect(text(comp)).toBe("00:00:40");
    expect(jest.getTimerCount()).toBe(1);
  });

  test("a new target restarts the countdown", async () => {
    const { comp } = mountCountdown(NOW + 60_000);
    comp.setData({ target: NOW + 10_000 });
    expect(text(comp)).toBe("00:00:10");
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(text(comp)).toBe("00:00:09");
  });
});
