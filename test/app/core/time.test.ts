import { formatAge, formatCountdown, formatStartTime, zh } from "../../../miniprogram/core/time";

// 2026-11-25 10:00 Beijing time.
const NOW = Date.UTC(2026, 10, 25, 2, 0, 0);
const at = (iso: string) => Math.floor(new Date(`${iso}+08:00`).getTime() / 1000);

describe("start times in Chinese, Beijing time", () => {
  test("runs in Asia/Shanghai", () => {
    expect(new Date(NOW).getHours()).toBe(10);
  });

  test.each([
    ["2026-11-25T20:00:00", "今天 20:00"],
    ["2026-11-25T00:05:00", "今天 00:05"],
    ["2026-11-26T09:30:00", "明天 09:30"],
    ["2026-11-27T08:00:00", "后天 08:00"],
    ["2026-11-24T18:00:00", "昨天 18:00"],
    ["2026-11-30T20:00:00", "11月30日 20:00"],
    ["2027-01-02T20:00:00", "2027年1月2日 20:00"],
  ])("%s → %s", (iso, text) => {
    expect(formatStartTime(at(iso), NOW)).toBe(text);
  });

  test("the zh-cn locale is registered for weekday names", () => {
    expect(zh(NOW).format("dddd")).toBe("星期三");
  });
});

describe("countdown and age", () => {
  test.each([
    [0, "00:00:00"],
    [-5000, "00:00:00"],
    [999, "00:00:01"],
    [61_000, "00:01:01"],
    [(2 * 3600 + 5 * 60 + 9) * 1000, "02:05:09"],
  ])("formatCountdown(%i) → %s", (ms, text) => expect(formatCountdown(ms)).toBe(text));

  test.each([
    [NOW - 20_000, "刚刚"],
    [NOW - 3 * 60_000, "3 分钟前"],
    [NOW - 2 * 3600_000, "2 小时前"],
    [NOW - 3 * 86400_000, "11月22日"],
  ])("formatAge(%i) → %s", (then, text) => expect(formatAge(then, NOW)).toBe(text));
});
