import { mayHaveReplays, parseWechatTime, playableReplays } from "../../../miniprogram/core/replays";

const at = (iso: string) => new Date(iso).getTime();

describe("parseWechatTime", () => {
  test.each([
    ["2020-11-11T16:12:23+08:00", "2020-11-11T16:12:23+08:00"],
    ["2020-11-11T08:12:23Z", "2020-11-11T16:12:23+08:00"],
    ["2020-11-11 16:12:23", "2020-11-11T16:12:23+08:00"],
    ["2020-11-11 16:12", "2020-11-11T16:12:00+08:00"],
    ["2020-1-5 6:07:08", "2020-01-05T06:07:08+08:00"],
    [" 2020-11-11 16:12:23 ", "2020-11-11T16:12:23+08:00"],
    ["1605082343", "2020-11-11T16:12:23+08:00"],
    ["1605082343000", "2020-11-11T16:12:23+08:00"],
  ])("%p", (raw, iso) => {
    expect(parseWechatTime(raw)).toBe(at(iso));
  });

  test("unix seconds as a number", () => {
    expect(parseWechatTime(1605082343)).toBe(at("2020-11-11T16:12:23+08:00"));
  });

  test.each([
    "",
    "soon",
    "2020-02-31 10:00:00",
    "2020-13-01 10:00:00",
    "2020-11-11 25:00:00",
    "0",
    "-5",
    "NaN",
  ])("unreadable %p → null", (raw) => {
    expect(parseWechatTime(raw)).toBeNull();
  });

  test.each([null, undefined, {}, [], Number.NaN, -1, 0])("non-text %p → null", (raw) => {
    expect(parseWechatTime(raw)).toBeNull();
  });
});

describe("playableReplays", () => {
  const now = at("2026-11-25T10:00:00+08:00");
  const r = (url: string, createTime: string, expireTime: string) => ({
    mediaUrl: url,
    createTime,
    expireTime,
  });

  test("expired links are left out; unreadable expiry is kept; oldest first", () => {
    const items = playableReplays(
      [
        r("https://m/b.m3u8", "2026-11-24 21:00:00", "2027-01-01 00:00:00"),
        r("https://m/old.m3u8", "2026-10-01 20:00:00", "2026-11-25 09:59:59"),
        r("https://m/a.m3u8", "2026-11-24 20:00:00", "later"),
      ],
      now,
    );
    expect(items).toEqual([
      { url: "https://m/a.m3u8", title: "回放 1", subtitle: "11月24日 20:00 录制" },
      { url: "https://m/b.m3u8", title: "回放 2", subtitle: "11月24日 21:00 录制" },
    ]);
  });

  test("a single replay is called 直播回放; an unreadable creation time has no subtitle", () => {
    expect(playableReplays([r("https://m/a.m3u8", "?", "")], now)).toEqual([
      { url: "https://m/a.m3u8", title: "直播回放", subtitle: "" },
    ]);
  });

  test("duplicates and non-http links are dropped", () => {
    const items = playableReplays(
      [
        r("https://m/a.m3u8", "2026-11-24 20:00:00", ""),
        r("https://m/a.m3u8", "2026-11-24 20:00:00", ""),
        r("javascript:alert(1)", "2026-11-24 20:00:00", ""),
      ],
      now,
    );
    expect(items.map((i) => i.url)).toEqual(["https://m/a.m3u8"]);
  });

  test("expiring exactly now counts as expired", () => {
    expect(playableReplays([r("https://m/a.m3u8", "", "2026-11-25 10:00:00")], now)).toEqual([]);
  });
});

describe("mayHaveReplays", () => {
  test.each([101, 102, 104, 105, 106, 107] as const)("status %i cannot have replays", (liveStatus) => {
    expect(mayHaveReplays({ liveStatus })).toBe(false);
  });

  test("an ended room can, unless the merchant turned replays off", () => {
    expect(mayHaveReplays({ liveStatus: 103 })).toBe(true);
    expect(mayHaveReplays({ liveStatus: 103, closeReplay: 0 })).toBe(true);
    expect(mayHaveReplays({ liveStatus: 103, closeReplay: 1 })).toBe(false);
  });
});
