import {
  roomHeaderView,
  roomStatusView,
  startedLive,
  UNKNOWN_LABEL,
} from "../../../../miniprogram/packageA/core/room-page-view";
import { MIN, T0, room } from "../../../support/fixtures/room-page";

describe("roomStatusView", () => {
  test.each([
    [101, { upcoming: false, canEnter: true, ended: false, closed: false }],
    [102, { upcoming: true, canEnter: false, ended: false, closed: false }],
    [103, { upcoming: false, canEnter: false, ended: true, closed: false }],
    [104, { upcoming: false, canEnter: false, ended: false, closed: true }],
    [105, { upcoming: false, canEnter: true, ended: false, closed: false }],
    [106, { upcoming: false, canEnter: true, ended: false, closed: false }],
    [107, { upcoming: false, canEnter: false, ended: false, closed: true }],
  ] as const)("status %p", (code, flags) => {
    const view = roomStatusView(code, false);
    expect(view).toMatchObject({ statusCode: code, statusUnknown: false, countdownTarget: 0, ...flags });
  });

  test("an error keeps the last known status and flags it", () => {
    expect(roomStatusView(101, true)).toEqual({
      statusCode: 101,
      statusLabel: "直播中",
      statusHint: "主播正在直播，快进去看看吧",
      statusTone: "live",
      statusUnknown: true,
      upcoming: false,
      canEnter: true,
      ended: false,
      closed: false,
      countdownTarget: 0,
    });
  });

  test("nothing known: 查询中, then 状态未知 after an error, and nothing to do", () => {
    expect(roomStatusView(null, false)).toMatchObject({
      statusLabel: "查询中",
      statusHint: "",
      statusCode: 0,
      canEnter: false,
    });
    expect(roomStatusView(null, true)).toMatchObject({
      statusLabel: UNKNOWN_LABEL,
      statusHint: "暂时查不到直播状态，稍后会自动重试",
      statusTone: "unknown",
    });
  });

  test("banned and expired rooms explain themselves and point at other lives", () => {
    expect(roomStatusView(104, false).statusHint).toBe(
      "该直播间因违规已被禁播，无法观看直播和回放。去看看其他正在进行的直播吧。",
    );
    expect(roomStatusView(107, false).statusHint).toBe(
      "主播没有在计划时间内开播，这场直播已过期，不会再开始了。去看看其他直播吧。",
    );
  });

  test("an upcoming room counts down to the start the backend knows, within 24 h", () => {
    const soon = room({ startTime: Math.floor(T0 / 1000) + 3600 });
    expect(roomStatusView(102, false, soon, T0).countdownTarget).toBe(soon.startTime * 1000);
    expect(roomStatusView(102, false, null, T0).countdownTarget).toBe(0);
    expect(roomStatusView(101, false, soon, T0).countdownTarget).toBe(0);
    expect(roomStatusView(102, false, soon, soon.startTime * 1000 + MIN).countdownTarget).toBe(0);
  });
});

describe("roomHeaderView", () => {
  test("name, cover, anchor (and its initial) and the planned times, under the names every room view uses", () => {
    expect(roomHeaderView(room(), T0)).toEqual({
      name: "秋冬上新专场",
      cover: "https://img.example.com/cover.jpg",
      anchor: "小美",
      initial: "小",
      startText: "今天 11:00",
      endText: "今天 13:00",
    });
  });

  test("no times and a blank anchor leave those parts empty", () => {
    expect(roomHeaderView(room({ startTime: 0, endTime: 0, anchorName: "  " }), T0)).toMatchObject({
      initial: "",
      startText: "",
      endText: "",
    });
  });

  test("an initial is a whole character, not half of one", () => {
    expect(roomHeaderView(room({ anchorName: "🎤歌手" }), T0).initial).toBe("🎤");
  });
});

describe("startedLive", () => {
  test("only from upcoming to on air", () => {
    expect(startedLive(102, 101)).toBe(true);
    expect(startedLive(105, 101)).toBe(false);
    expect(startedLive(102, 105)).toBe(false);
    expect(startedLive(0, 101)).toBe(false);
    expect(startedLive(null, 101)).toBe(false);
  });
});
