/**
 * The one countdown component, as the list's cards use it (digits only, `finish` at zero for the page
 * to flip the card) and as the room page uses it (a label, and words at zero): ticking on whole
 * seconds with one short setData, pausing with the page, and leaving no timer behind.
 */
import { mountComponent, type MountedComponent } from "../../support/mount";
import { NOW } from "../../support/fixtures/rooms";

const COUNTDOWN = "components/countdown/countdown";
const ROOM_PAGE_PROPS = { label: "距开播", dueText: "即将开播，请留意开播提醒", size: "large" };

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

/** What the countdown shows now, and after each step of the clock (ms). */
async function shownAfter(countdown: MountedComponent, steps: readonly number[]): Promise<string[]> {
  const shown = [countdown.allText()];
  for (const ms of steps) {
    await jest.advanceTimersByTimeAsync(ms);
    shown.push(countdown.allText());
  }
  return shown;
}

describe("as a card uses it: digits only", () => {
  test("ticks once a second with one short string", async () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 3_725_000 });
    expect(await shownAfter(countdown, [1000, 1000])).toEqual(["01:02:05", "01:02:04", "01:02:03"]);
    expect(countdown.setDataCalls.map((c) => c.data)).toEqual([
      { text: "01:02:05" },
      { text: "01:02:04" },
      { text: "01:02:03" },
    ]);
  });

  test("a fractional second first wakes at the next whole second", async () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 2500 });
    expect(await shownAfter(countdown, [499, 1])).toEqual(["00:00:03", "00:00:03", "00:00:02"]);
  });

  test("emits finish once at zero, stays at 00:00:00 and stops ticking", async () => {
    const target = NOW + 2000;
    const countdown = mountComponent(COUNTDOWN, { target });
    await jest.advanceTimersByTimeAsync(2000);
    expect(countdown.allText()).toBe("00:00:00");
    expect(countdown.events).toEqual([{ name: "finish", detail: { target } }]);
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(5000);
    expect(countdown.events).toHaveLength(1);
  });

  test("a target already passed finishes at once", () => {
    const target = NOW - 1000;
    const countdown = mountComponent(COUNTDOWN, { target });
    expect(countdown.events).toEqual([{ name: "finish", detail: { target } }]);
    expect(countdown.allText()).toBe("00:00:00");
    expect(jest.getTimerCount()).toBe(0);
  });

  test("a new target restarts the countdown", async () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 60_000 });
    countdown.comp.setData({ target: NOW + 10_000 });
    expect(countdown.allText()).toBe("00:00:10");
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(countdown.allText()).toBe("00:00:09");
  });
});

describe("as the room page uses it: a label, and words at zero", () => {
  test("counts down each second to 即将开播, then stops its timer", async () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 3_500, ...ROOM_PAGE_PROPS });
    expect(await shownAfter(countdown, [500, 3_000])).toEqual([
      "距开播00:00:04",
      "距开播00:00:03",
      "即将开播，请留意开播提醒",
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("the large size is the room page's headline look", () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 60_000, ...ROOM_PAGE_PROPS });
    expect(countdown.html()).toContain("countdown--large");
    const small = mountComponent(COUNTDOWN, { target: NOW + 60_000 });
    expect(small.html()).not.toContain("countdown--large");
  });
});

describe("timers", () => {
  test("detaching clears the timer", () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 60_000 });
    expect(jest.getTimerCount()).toBe(1);
    countdown.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  test("a hidden page pauses the ticks; showing it again catches up with the clock", async () => {
    const countdown = mountComponent(COUNTDOWN, { target: NOW + 60_000, ...ROOM_PAGE_PROPS });
    countdown.pageLifetime("hide");
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(countdown.setDataCalls).toHaveLength(1);
    countdown.pageLifetime("show");
    expect(countdown.allText()).toBe("距开播00:00:40");
    expect(jest.getTimerCount()).toBe(1);
  });

  test("no target renders nothing and starts no timer", () => {
    const countdown = mountComponent(COUNTDOWN, ROOM_PAGE_PROPS);
    expect(countdown.allText()).toBe("");
    expect(countdown.exists(".countdown")).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(countdown.events).toEqual([]);
  });
});
