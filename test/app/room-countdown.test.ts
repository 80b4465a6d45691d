/** The countdown component alone: ticking, reaching zero, and leaving no timer. */
import * as simulate from "miniprogram-simulate";
import { load } from "../support/mount";
import { T0 } from "./room-fixtures";

const text = (comp: ReturnType<typeof simulate.render>) =>
  (comp.dom?.textContent ?? "").replace(/\s+/g, " ").trim();

/** Exists at runtime in j-component, missing from its typings. */
const pageLifetime = (comp: ReturnType<typeof simulate.render>, name: "show" | "hide") =>
  (comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime(name);

beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

test("counts down each second to 即将开播, then stops its timer", async () => {
  const id = load("packageA/components/room-countdown/room-countdown");
  const comp = simulate.render(id, { target: T0 + 3_500 });
  comp.attach(document.createElement("parent-wrapper"));
  expect(text(comp)).toBe("距开播00:00:04");
  await jest.advanceTimersByTimeAsync(500);
  expect(text(comp)).toBe("距开播00:00:03");
  await jest.advanceTimersByTimeAsync(3_000);
  expect(text(comp)).toBe("即将开播，请留意开播提醒");
  expect(jest.getTimerCount()).toBe(0);
  comp.detach();
});

test("detaching clears the timer; a hidden page pauses it", async () => {
  const id = load("packageA/components/room-countdown/room-countdown");
  const comp = simulate.render(id, { target: T0 + 3_600_000 });
  comp.attach(document.createElement("parent-wrapper"));
  expect(jest.getTimerCount()).toBe(1);
  pageLifetime(comp, "hide");
  expect(jest.getTimerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(60_000);
  pageLifetime(comp, "show");
  expect(text(comp)).toBe("距开播00:59:00");
  comp.detach();
  expect(jest.getTimerCount()).toBe(0);
});

test("no target renders nothing and starts no timer", () => {
  const id = load("packageA/components/room-countdown/room-countdown");
  const comp = simulate.render(id, {});
  comp.attach(document.createElement("parent-wrapper"));
  expect(text(comp)).toBe("");
  expect(jest.getTimerCount()).toBe(0);
  comp.detach();
});
