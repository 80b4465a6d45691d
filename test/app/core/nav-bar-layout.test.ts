import { computeNavBarLayout } from "../../../miniprogram/core/nav-bar-layout";

const IPHONE_X = { statusBarHeight: 44, windowWidth: 375 };
const IPHONE_X_MENU = { top: 48, left: 281, right: 368, width: 87, height: 32 };

describe("computeNavBarLayout", () => {
  test("lines up with the capsule: the gap above it repeats below it", () => {
    expect(computeNavBarLayout(IPHONE_X, IPHONE_X_MENU)).toEqual({
      statusBarHeight: 44,
      navHeight: 40,
      totalHeight: 84,
      sidePadding: 7,
      menuSpace: 101,
      capsuleHeight: 32,
    });
  });

  test("an Android device with a taller bar", () => {
    const layout = computeNavBarLayout(
      { statusBarHeight: 24, windowWidth: 393 },
      { top: 32, left: 296, right: 386, width: 90, height: 32 },
    );
    expect(layout.navHeight).toBe(48);
    expect(layout.totalHeight).toBe(72);
    expect(layout.menuSpace).toBe(104);
  });

  test.each([
    ["no menu rect", null],
    ["a zero rect (some clients)", { top: 0, left: 0, right: 0, width: 0, height: 0 }],
    ["a rect above the status bar", { top: 10, left: 281, right: 368, width: 87, height: 32 }],
    ["a rect wider than the window", { top: 48, left: 281, right: 999, width: 718, height: 32 }],
  ])("%s: a standard bar under the real status bar", (_name, menu) => {
    expect(computeNavBarLayout(IPHONE_X, menu)).toEqual({
      statusBarHeight: 44,
      navHeight: 44,
      totalHeight: 88,
      sidePadding: 7,
      menuSpace: 101,
      capsuleHeight: 32,
    });
  });

  test("no window info: common fallbacks, never NaN", () => {
    const layout = computeNavBarLayout(null, null);
    expect(layout.statusBarHeight).toBe(20);
    expect(layout.totalHeight).toBe(64);
    expect(
      Object.values(computeNavBarLayout({ statusBarHeight: NaN }, IPHONE_X_MENU)).some(Number.isNaN),
    ).toBe(false);
  });
});
