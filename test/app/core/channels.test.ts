import {
  CALL_GAP_MS,
  FINDER_ID,
  channelsSupport,
  classifyChannelError,
  compareVersions,
  isCallDue,
  parseChannelList,
  parseLiveInfo,
  parseNotice,
  supportsNotice,
} from "../../../miniprogram/core/channels";
import { FINDER_ID as SERVER_FINDER_ID } from "../../../server/src/channels/finder-ids";
import { CHANNEL_ID as ID } from "../../support/fixtures/channels";
import { NOW } from "../../support/fixtures/rooms";

describe("base library versions", () => {
  test.each([
    ["2.29.0", "2.9.10", 1],
    ["2.15.0", "2.15.0", 0],
    ["2.29", "2.29.0", 0],
    ["2.28.9", "2.29.0", -1],
    ["3.0.0", "2.99.99", 1],
    ["", "0.0.0", 0],
    ["x.y", "0", 0],
  ])("compareVersions(%p, %p) has the sign of %p", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  test.each([
    ["2.14.9", "none"],
    ["2.15.0", "card"],
    ["2.28.9", "card"],
    ["2.29.0", "embed"],
    ["3.4.0", "embed"],
    ["0.0.0", "none"],
  ])("base library %s shows %s", (sdk, support) => {
    expect(channelsSupport(sdk)).toBe(support);
  });

  test("notices need 2.19.0", () => {
    expect(supportsNotice("2.18.9")).toBe(false);
    expect(supportsNotice("2.19.0")).toBe(true);
  });
});

describe("the backend's list of 视频号 ids", () => {
  test("keeps well-formed ids in order, drops the rest and says how many", () => {
    const parsed = parseChannelList({
      channels: [
        { finderUserName: ID },
        { finderUserName: "sph bad" },
        { finderUserName: ID },
        "sphAbcdEfgh1234",
        { finderUserName: "sphAbcdEfgh1234" },
      ],
      updatedAt: 5,
    });
    expect(parsed).toEqual({
      value: {
        channels: [{ finderUserName: ID }, { finderUserName: "sphAbcdEfgh1234" }],
        updatedAt: 5,
        stale: false,
      },
      dropped: 3,
    });
  });

  test.each([null, [], { channels: {} }, { channels: [], updatedAt: "1" }])("refuses %p", (raw) => {
    expect(parseChannelList(raw)).toBeNull();
  });

  test("the app checks ids with the same shape as the backend", () => {
    expect(FINDER_ID.source).toBe(SERVER_FINDER_ID.source);
  });
});

describe("what WeChat answers", () => {
  test.each([1, 2, 3, 4])("live info with status %i", (status) => {
    expect(parseLiveInfo({ status, feedId: "f", nonceId: "n", nickname: "店" })).toMatchObject({
      status,
      feedId: "f",
      nonceId: "n",
      nickname: "店",
      replayStatus: null,
    });
  });

  test.each([
    ["1", 1],
    [1, 1],
    ["3", 3],
    [6, 6],
    ["0", 0],
    ["2", null],
    ["ready", null],
    [undefined, null],
  ])("replayStatus %p is compared loosely → %p", (raw, expected) => {
    expect(parseLiveInfo({ status: 3, replayStatus: raw })?.replayStatus).toBe(expected);
  });

  test("an answer without a known status is not used", () => {
    expect(parseLiveInfo({ status: 5 })).toBeNull();
    expect(parseLiveInfo({ feedId: "f" })).toBeNull();
    expect(parseLiveInfo("status=2")).toBeNull();
    expect(parseLiveInfo({ status: "2" })?.status).toBe(2);
  });

  test("a notice: the start time arrives as a string of seconds", () => {
    expect(parseNotice({ noticeId: "n1", status: 0, startTime: "1764417600", reservable: true })).toEqual({
      noticeId: "n1",
      status: 0,
      startTime: 1764417600,
      reservable: true,
      nickname: "",
      headUrl: "",
    });
    expect(parseNotice({ noticeId: "n1", status: 1, startTime: "soon" })?.startTime).toBeNull();
    expect(parseNotice({ status: 0 })).toBeNull();
  });

  test.each([
    [100008, "hidden"],
    [1416100, "hidden"],
    [40097, "hidden"],
    [1416102, "hidden"],
    [1416103, "hidden"],
    [-14, "hidden"],
    [1416104, "empty"],
    [1416101, "transient"],
    [-1, "transient"],
    [999, "transient"],
  ])("error %i is %s", (code, kind) => {
    expect(classifyChannelError(code)).toBe(kind);
  });
});

describe("one call per 视频号 per minute", () => {
  test("a call is due after a full minute, never before", () => {
    expect(isCallDue(0, NOW)).toBe(true);
    expect(isCallDue(NOW - CALL_GAP_MS + 1, NOW)).toBe(false);
    expect(isCallDue(NOW - CALL_GAP_MS, NOW)).toBe(true);
    expect(isCallDue(NOW, NOW)).toBe(false);
  });

  test("a clock set back does not block calls forever", () => {
    expect(isCallDue(NOW + 3600_000, NOW)).toBe(true);
  });
});
