import { describeLiveStatus, isLiveStatus, LIVE_STATUSES } from "../../miniprogram/core/live-status";

describe("live status codes", () => {
  test.each([
    [101, "直播中", "live", { isLive: true, isUpcoming: false, isTerminal: false, canEnter: true }],
    [102, "预告", "upcoming", { isLive: false, isUpcoming: true, isTerminal: false, canEnter: false }],
    [103, "已结束", "ended", { isLive: false, isUpcoming: false, isTerminal: true, canEnter: false }],
    [104, "已禁播", "banned", { isLive: false, isUpcoming: false, isTerminal: true, canEnter: false }],
    [105, "暂停中", "paused", { isLive: false, isUpcoming: false, isTerminal: false, canEnter: true }],
    [106, "信号中断", "abnormal", { isLive: false, isUpcoming: false, isTerminal: false, canEnter: true }],
    [107, "已过期", "expired", { isLive: false, isUpcoming: false, isTerminal: true, canEnter: false }],
  ] as const)("%i → %s", (code, label, tone, flags) => {
    const info = describeLiveStatus(code);
    expect(info).toMatchObject({ code, label, tone, ...flags });
    expect(info.hint.length).toBeGreaterThan(4);
  });

  test("every status has its own label and tone", () => {
    const infos = LIVE_STATUSES.map(describeLiveStatus);
    expect(new Set(infos.map((i) => i.label)).size).toBe(7);
    expect(new Set(infos.map((i) => i.tone)).size).toBe(7);
  });

  test.each([0, 100, 108, "101", null, undefined, 101.5, NaN])("isLiveStatus(%p) is false", (value) => {
    expect(isLiveStatus(value)).toBe(false);
  });

  test("isLiveStatus accepts each real code", () => {
    for (const code of [101, 102, 103, 104, 105, 106, 107]) expect(isLiveStatus(code)).toBe(true);
  });
});
