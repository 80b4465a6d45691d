import {
  EMPTY_RECORD,
  RESERVATION_KEEP_MS,
  forgetReservation,
  inChannelTab,
  isReserved,
  rememberReservation,
  reserveOutcome,
  toChannelCard,
  toNoticeView,
  type ChannelCardView,
  type ChannelRecord,
} from "../../../miniprogram/core/channels-view";
import { CHANNEL_ID as ID, liveInfo as info, notice, record as rec } from "../../support/fixtures/channels";
import { NOW } from "../../support/fixtures/rooms";

function card(record: ChannelRecord, support: "embed" | "card" = "card", reservations = {}): ChannelCardView {
  const result = toChannelCard(ID, record, reservations, support, NOW);
  if (!("card" in result)) throw new Error(`hidden: ${JSON.stringify(result.hidden)}`);
  return result.card;
}

describe("the card", () => {
  test("status 2: 直播中 with 去看直播", () => {
    expect(card(rec({ info: info({ status: 2 }) }))).toMatchObject({
      label: "直播中",
      badge: 101,
      action: "live",
      actionText: "去看直播",
      name: "小林的店",
      title: "冬季上新",
      feedId: "feed_1",
      nonceId: "nonce_1",
      embed: false,
    });
  });

  test("status 4: 准备中, nothing to open yet", () => {
    expect(card(rec({ info: info({ status: 4 }) }))).toMatchObject({
      label: "准备中",
      badge: 102,
      action: "",
    });
  });

  test("status 1: never streamed", () => {
    expect(card(rec({ info: info({ status: 1, feedId: "", nonceId: "" }) }))).toMatchObject({
      label: "未开播",
      action: "",
    });
  });

  test.each([
    [1, "回放", "replay", "直播已结束，可看回放"],
    [3, "已结束", "", "回放生成中，稍后可看"],
    [6, "已结束", "", "回放已过期"],
    [0, "已结束", "", "直播已结束"],
    [null, "已结束", "", "直播已结束"],
  ] as const)("status 3 with replayStatus %p: %s", (replayStatus, label, action, text) => {
    expect(card(rec({ info: info({ status: 3, replayStatus }) }))).toMatchObject({ label, action, text });
  });

  test("<channel-live> on 2.29.0+ for a live or a replay only (anything else lands on an end page)", () => {
    expect(card(rec({ info: info({ status: 2 }) }), "embed").embed).toBe(true);
    expect(card(rec({ info: info({ status: 3, replayStatus: 1 }) }), "embed").embed).toBe(true);
    expect(card(rec({ info: info({ status: 3, replayStatus: 0 }) }), "embed").embed).toBe(false);
    expect(card(rec({ info: info({ status: 4 }) }), "embed").embed).toBe(false);
    expect(card(rec({ info: info({ status: 2, feedId: "" }) }), "embed").embed).toBe(false);
    expect(card(rec({ info: info({ status: 2 }) }), "card").embed).toBe(false);
  });

  test("without feedId and nonceId a live cannot be opened before 2.19.2, so no button", () => {
    expect(card(rec({ info: info({ status: 2, nonceId: "" }) })).action).toBe("");
  });

  test("nothing known yet: a placeholder", () => {
    expect(card({ ...EMPTY_RECORD })).toMatchObject({ loading: true, label: "加载中", name: "视频号直播" });
  });

  test("1416104: 暂无直播, even over an older answer", () => {
    const c = card(rec({ info: info({ status: 2 }), infoError: 1416104 }));
    expect(c).toMatchObject({
      label: "暂无直播",
      action: "",
      loading: false,
      text: "暂时没有直播，敬请期待",
    });
  });

  test("a passing failure keeps the last good answer", () => {
    expect(card(rec({ info: info({ status: 2 }), infoError: 1416101 }))).toMatchObject({ label: "直播中" });
    expect(card(rec({ info: null, infoError: -1 }))).toMatchObject({
      label: "暂无信息",
      text: "直播信息暂时无法获取，请稍后下拉刷新",
      loading: false,
    });
  });

  test.each([100008, 1416100, 40097, 1416102, 1416103])(
    "error %i hides the card, with the reason",
    (code) => {
      const result = toChannelCard(ID, rec({ info: info(), infoError: code }), {}, "card", NOW);
      expect(result).toEqual({ hidden: { id: ID, code, reason: expect.any(String) } });
      expect("hidden" in result && result.hidden.reason).not.toBe("");
    },
  );

  test("the notice's nickname and avatar name the card when the live info has none", () => {
    const c = card(
      rec({ infoError: 1416104, notice: notice({ nickname: "预告里的名字", headUrl: "h.jpg" }) }),
    );
    expect(c).toMatchObject({ name: "预告里的名字", avatar: "h.jpg", label: "暂无直播", text: "" });
  });
});

describe("the notice", () => {
  const reservedHere = { notice_1: NOW + RESERVATION_KEEP_MS };

  test("usable and reservable: 预约 with its start time", () => {
    expect(toNoticeView(notice(), {}, NOW)).toEqual({
      id: "notice_1",
      text: "直播预告 · 今天 20:00 开播",
      state: "open",
      button: "预约",
    });
  });

  test("reserved on this phone: 已预约 (WeChat keeps saying reservable)", () => {
    expect(toNoticeView(notice(), reservedHere, NOW)).toMatchObject({ state: "reserved", button: "已预约" });
  });

  test("not reservable: the time without a button", () => {
    expect(toNoticeView(notice({ reservable: false }), {}, NOW)).toMatchObject({
      state: "closed",
      button: "",
    });
  });

  test("start time passed: 即将开播; unknown start time: no time", () => {
    expect(toNoticeView(notice({ startTime: Math.floor(NOW / 1000) - 60 }), {}, NOW)?.text).toBe(
      "直播预告 · 即将开播",
    );
    expect(toNoticeView(notice({ startTime: null }), {}, NOW)?.text).toBe("直播预告");
  });

  test("cancelled: said only to a shopper who reserved it", () => {
    expect(toNoticeView(notice({ status: 1 }), {}, NOW)).toBeNull();
    expect(toNoticeView(notice({ status: 1 }), reservedHere, NOW)).toMatchObject({
      state: "cancelled",
      text: "你预约的直播已取消",
      button: "",
    });
  });

  test("used (its live happened) or none: nothing", () => {
    expect(toNoticeView(notice({ status: 2 }), reservedHere, NOW)).toBeNull();
    expect(toNoticeView(null, {}, NOW)).toBeNull();
  });
});

describe("reservations remembered on the phone", () => {
  test("kept until a week after the start, then forgotten", () => {
    const n = notice();
    const list = rememberReservation({}, n, NOW);
    expect(isReserved(list, "notice_1", NOW)).toBe(true);
    const start = (n.startTime ?? 0) * 1000;
    expect(isReserved(list, "notice_1", start + RESERVATION_KEEP_MS - 1)).toBe(true);
    expect(isReserved(list, "notice_1", start + RESERVATION_KEEP_MS)).toBe(false);
    expect(
      rememberReservation(list, notice({ noticeId: "n2" }), start + RESERVATION_KEEP_MS),
    ).not.toHaveProperty("notice_1");
  });

  test("forgotten on request", () => {
    const list = rememberReservation({}, notice(), NOW);
    expect(isReserved(forgetReservation(list, "notice_1", NOW), "notice_1", NOW)).toBe(false);
  });
});

describe("every reserveChannelsLive state", () => {
  test.each([
    [1, "直播正在进行，随时可以去看", undefined, undefined],
    [2, "", undefined, undefined],
    [3, "这场直播预告已取消", false, "cancelled"],
    [4, "这场直播已结束", false, "gone"],
    [5, "", undefined, undefined],
    [6, "预约成功，开播时微信会提醒你", true, undefined],
    [7, "已取消预约", false, undefined],
    [8, "", true, undefined],
    [9, "", undefined, undefined],
    [10, "这场直播的预约已过期", false, "gone"],
  ])("state %i", (state, message, reserved, noticeFate) => {
    expect(reserveOutcome(state)).toEqual({
      message,
      ...(reserved === undefined ? {} : { reserved }),
      ...(noticeFate === undefined ? {} : { notice: noticeFate }),
    });
  });

  test("a state sent as a string counts; an unknown one changes nothing", () => {
    expect(reserveOutcome("6")).toEqual(reserveOutcome(6));
    expect(reserveOutcome(11)).toEqual({ message: "" });
    expect(reserveOutcome(undefined)).toEqual({ message: "" });
  });
});

describe("tabs of the plugin build", () => {
  const live = card(rec({ info: info({ status: 2 }) }));
  const preparing = card(rec({ info: info({ status: 4 }) }));
  const replay = card(rec({ info: info({ status: 3, replayStatus: 1 }) }));
  const withNotice = card(rec({ info: info({ status: 3, replayStatus: 0 }), notice: notice() }));

  test.each([
    ["all", [true, true, true, true]],
    ["live", [true, false, false, false]],
    ["upcoming", [false, true, false, true]],
    ["replay", [false, false, true, false]],
  ] as const)("%s", (tab, expected) => {
    expect([live, preparing, replay, withNotice].map((c) => inChannelTab(c, tab))).toEqual(expected);
  });
});
