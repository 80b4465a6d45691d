import {
  COUNTDOWN_WINDOW_MS,
  LIVE_STATUSES,
  countdownTarget,
  describeLiveStatus,
  isDue,
  isLiveStatus,
} from "../../../miniprogram/core/live-status";

describe("the rules of each status", () => {
  test.each([
    [101, "直播中", "live", { isLive: true, isUpcoming: false, canEnter: true, canHaveReplays: false }],
    [102, "预告", "upcoming", { isLive: false, isUpcoming: true, canEnter: false, canHaveReplays: false }],
    [103, "已结束", "ended", { isLive: false, isUpcoming: false, canEnter: false, canHaveReplays: true }],
    [104, "已禁播", "banned", { isLive: false, isUpcoming: false, canEnter: false, canHaveReplays: false }],
    [105, "暂停中", "paused", { isLive: false, isUpcoming: false, canEnter: true, canHaveReplays: false }],
    [
      106,
      "信号中断",
      "abnormal",
      { isLive: false, isUpcoming: false, canEnter: true, canHaveReplays: false },
    ],
    [107, "已过期", "expired", { isLive: false, isUpcoming: false, canEnter: false, canHaveReplays: false }],
  ] as const)("%i → %s", (code, label, tone, flags) => {
    const info = describeLiveStatus(code);
    expect(info).toMatchObject({ code, label, tone, ...flags });
  });

  test("over for good: ended, banned, expired; never watchable again: banned and expired", () => {
    const where = (rule: "isTerminal" | "isClosed") =>
      LIVE_STATUSES.filter((s) => describeLiveStatus(s)[rule]);
    expect(where("isTerminal")).toEqual([103, 104, 107]);
    expect(where("isClosed")).toEqual([104, 107]);
  });

  test("every status has its own label and tone, and a hint a shopper understands", () => {
    const infos = LIVE_STATUSES.map(describeLiveStatus);
    expect(new Set(infos.map((i) => i.label)).size).toBe(7);
    expect(new Set(infos.map((i) => i.tone)).size).toBe(7);
    expect(infos.map((i) => i.hint)).toEqual([
      "主播正在直播，快进去看看吧",
      "直播还没开始，可以先订阅开播提醒",
      "直播已结束，可以看看回放",
      "该直播间因违规已被禁播，暂时无法观看",
      "主播暂停了直播，稍后会恢复",
      "主播网络不稳定，正在恢复中",
      "该直播未按计划开播，已过期",
    ]);
  });

  test("the room page's word is the hint, longer for a room that will never open", () => {
    expect(describeLiveStatus(101).detail).toBe(describeLiveStatus(101).hint);
    expect(describeLiveStatus(104).detail).toBe(
      "该直播间因违规已被禁播，无法观看直播和回放。去看看其他正在进行的直播吧。",
    );
    expect(describeLiveStatus(107).detail).toBe(
      "主播没有在计划时间内开播，这场直播已过期，不会再开始了。去看看其他直播吧。",
    );
  });

  test.each([0, 100, 108, "101", null, undefined, 101.5, NaN])("isLiveStatus(%p) is false", (value) => {
    expect(isLiveStatus(value)).toBe(false);
  });

  test("isLiveStatus accepts each real code", () => {
    for (const code of [101, 102, 103, 104, 105, 106, 107]) expect(isLiveStatus(code)).toBe(true);
  });
});

describe("countdowns", () => {
  const NOW = 1_700_000_000_000;

  test("an upcoming room counts down to its start within 24 h", () => {
    expect(countdownTarget(102, NOW + 1000, NOW)).toBe(NOW + 1000);
    expect(countdownTarget(102, NOW + COUNTDOWN_WINDOW_MS, NOW)).toBe(NOW + COUNTDOWN_WINDOW_MS);
  });

  test("further away, already due, or not upcoming: no countdown", () => {
    expect(countdownTarget(102, NOW + COUNTDOWN_WINDOW_MS + 1, NOW)).toBe(0);
    expect(countdownTarget(102, NOW, NOW)).toBe(0);
    for (const status of [101, 103, 104, 105, 106, 107] as const) {
      expect(countdownTarget(status, NOW + 1000, NOW)).toBe(0);
    }
  });

  test("an upcoming room whose start has passed is due; nothing else is", () => {
    expect(isDue(102, NOW, NOW)).toBe(true);
    expect(isDue(102, NOW + 1, NOW)).toBe(false);
    expect(isDue(101, NOW - 1000, NOW)).toBe(false);
  });
});
