import { changedFields, roomStatusView } from "../../miniprogram/core/room-view";

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
    expect(view).toMatchObject({ statusCode: code, statusUnknown: false, ...flags });
    expect(view.statusLabel).not.toBe("");
  });

  test("an error keeps the last known status and flags it", () => {
    expect(roomStatusView(101, true)).toMatchObject({
      statusLabel: "直播中",
      statusUnknown: true,
      canEnter: true,
    });
  });

  test("nothing known: 查询中, then 状态未知 after an error, and nothing to do", () => {
    expect(roomStatusView(null, false)).toMatchObject({
      statusLabel: "查询中",
      statusCode: 0,
      canEnter: false,
    });
    expect(roomStatusView(null, true)).toMatchObject({ statusLabel: "状态未知", statusTone: "unknown" });
  });

  test("banned and expired rooms explain themselves", () => {
    expect(roomStatusView(104, false).statusHint).toContain("禁播");
    expect(roomStatusView(107, false).statusHint).toContain("过期");
  });
});

describe("changedFields", () => {
  test("keeps only keys whose value changed", () => {
    expect(changedFields({ a: 1, b: "x", c: true }, { a: 1, b: "y", c: true })).toEqual({ b: "y" });
  });
  test("nothing changed gives an empty object", () => {
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({});
  });
  test("keys missing from the current data count as changed", () => {
    expect(changedFields({}, { a: 0 })).toEqual({ a: 0 });
  });
});
