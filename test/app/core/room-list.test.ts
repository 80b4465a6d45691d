import type { Room } from "../../../typings/api";
import {
  DUE_LABEL,
  DUE_TEXT,
  EMPTY_TEXT,
  OLD_AFTER_MS,
  ROOM_TABS,
  cardsForTab,
  footerFor,
  freshnessNotice,
  inTab,
  listAsOf,
  listPhase,
  listSharePath,
  listShareQuery,
  listShareTitle,
  mergePage,
  parseTab,
  roomsForTab,
  toRoomCard,
  type Paging,
} from "../../../miniprogram/core/room-list";
import { NOW, NOW_S, listBody, room } from "../../support/fixtures/rooms";

const ids = (list: Room[]): number[] => list.map((r) => r.roomId);

describe("tabs", () => {
  test("four tabs in the order shoppers expect", () => {
    expect(ROOM_TABS.map((t) => t.label)).toEqual(["全部", "直播中", "预告", "回放"]);
  });

  test.each([
    ["live", "live"],
    ["upcoming", "upcoming"],
    ["replay", "replay"],
    ["all", "all"],
    ["LIVE", "all"],
    ["", "all"],
    [undefined, "all"],
    [3, "all"],
  ])("parseTab(%p) is %p", (raw, tab) => {
    expect(parseTab(raw)).toBe(tab);
  });

  test("直播中 holds 101, 105 and 106; 预告 102; 回放 103 with replays on", () => {
    const list = [101, 102, 103, 104, 105, 106, 107].map((s, i) =>
      room(i + 1, { status: s as Room["liveStatus"] }),
    );
    expect(ids(list.filter((r) => inTab(r, "live")))).toEqual([1, 5, 6]);
    expect(ids(list.filter((r) => inTab(r, "upcoming")))).toEqual([2]);
    expect(ids(list.filter((r) => inTab(r, "replay")))).toEqual([3]);
    expect(list.every((r) => inTab(r, "all"))).toBe(true);
    expect(inTab(room(9, { status: 103, closeReplay: 1 }), "replay")).toBe(false);
  });

  test("全部 puts pins first, then live, then paused/abnormal, keeping the backend's order otherwise", () => {
    const list = [
      room(1, { status: 103 }),
      room(2, { status: 102 }),
      room(3, { status: 106 }),
      room(4, { status: 101 }),
      room(5, { status: 104 }),
      room(6, { status: 101 }),
      room(7, { status: 103, pinned: true }),
      room(8, { status: 105 }),
    ];
    expect(ids(roomsForTab(list, "all"))).toEqual([7, 4, 6, 3, 8, 1, 2, 5]);
    expect(ids(roomsForTab(list, "live"))).toEqual([3, 4, 6, 8]);
  });
});

describe("toRoomCard", () => {
  test("carries what a card renders and nothing more, with the first three goods and +N", () => {
    const source = room(5, { status: 101, goods: 5, startIn: -600 });
    expect(toRoomCard(source, NOW)).toEqual({
      id: 5,
      name: "好物直播第5场",
      anchor: "主播5",
      cover: source.coverImg,
      status: 101,
      tone: "live",
      label: "直播中",
      time: "今天 18:50 开播",
      cd: 0,
      open: true,
      reason: "",
      thumbs: source.goods.slice(0, 3).map((g) => g.coverImg),
      more: 2,
    });
  });

  test("no goods: no thumbnails and no +N", () => {
    const view = toRoomCard(room(1, { goods: 0 }), NOW);
    expect(view.thumbs).toEqual([]);
    expect(view.more).toBe(0);
  });

  test("an upcoming room within 24 h counts down to its start", () => {
    const view = toRoomCard(room(1, { status: 102, startIn: 3600 }), NOW);
    expect(view.cd).toBe((NOW_S + 3600) * 1000);
    expect(view.time).toBe("今天 20:00 开播");
    expect(view.label).toBe("预告");
  });

  test("an upcoming room more than 24 h away shows its date, no countdown", () => {
    const view = toRoomCard(room(1, { status: 102, startIn: 86400 + 60 }), NOW);
    expect(view.cd).toBe(0);
    expect(view.time).toBe("明天 19:01 开播");
  });

  test("an upcoming room past its start time is due, not live", () => {
    const view = toRoomCard(room(1, { status: 102, startIn: 0 }), NOW);
    expect(view).toMatchObject({ status: 102, label: DUE_LABEL, time: DUE_TEXT, cd: 0, open: true });
  });

  test.each([
    [104, "该直播间因违规已被禁播，暂时无法观看"],
    [107, "该直播未按计划开播，已过期"],
  ] as const)("%d cannot be opened and says why", (status, reason) => {
    const view = toRoomCard(room(1, { status }), NOW);
    expect(view.open).toBe(false);
    expect(view.reason).toBe(reason);
  });

  test.each([101, 102, 103, 105, 106] as const)("%d opens the room page", (status) => {
    expect(toRoomCard(room(1, { status }), NOW).open).toBe(true);
  });

  test("each status has its own tone and label", () => {
    const views = ([101, 102, 103, 104, 105, 106, 107] as const).map((s) =>
      toRoomCard(room(1, { status: s, startIn: -60 }), NOW),
    );
    expect(new Set(views.map((v) => v.tone)).size).toBe(7);
    expect(new Set(views.map((v) => v.label)).size).toBe(7);
  });

  test("cardsForTab filters and orders before mapping", () => {
    const list = [room(1, { status: 103 }), room(2, { status: 101 })];
    expect(cardsForTab(list, "all", NOW).map((card) => card.id)).toEqual([2, 1]);
    expect(cardsForTab(list, "upcoming", NOW)).toEqual([]);
  });
});

test("mergePage drops rooms the list already has", () => {
  const merged = mergePage([room(1), room(2)], [room(2), room(3), room(3)]);
  expect(ids(merged)).toEqual([1, 2, 3]);
});

describe("paging", () => {
  const paging = (over: Partial<Paging> = {}): Paging => ({
    next: 20,
    total: 41,
    loadingMore: false,
    moreFailed: false,
    ...over,
  });

  test("the footer says what comes next", () => {
    expect(footerFor(paging({ loadingMore: true }), 20)).toBe("loading");
    expect(footerFor(paging({ moreFailed: true }), 20)).toBe("error");
    expect(footerFor(paging(), 20)).toBe("more");
    expect(footerFor(paging({ next: 41 }), 20)).toBe("end");
    expect(footerFor(paging({ next: 0, total: 0 }), 0)).toBe("hidden");
  });

  test("a tab is a list when it has cards, 视频号 cards or more on the way; else it is empty", () => {
    expect(listPhase(1, 0, "end")).toBe("list");
    expect(listPhase(0, 2, "hidden")).toBe("list");
    expect(listPhase(0, 0, "more")).toBe("list");
    expect(listPhase(0, 0, "loading")).toBe("list");
    expect(listPhase(0, 0, "end")).toBe("empty");
    expect(listPhase(0, 0, "error")).toBe("empty");
  });
});

describe("sharing the list", () => {
  test("the title counts what is on air, rooms and 视频号 together", () => {
    const list = [room(1, { status: 101 }), room(2, { status: 105 }), room(3, { status: 101 })];
    expect(listShareTitle(list, 0)).toBe("2 个直播间正在直播，快来看看");
    expect(listShareTitle(list, 1)).toBe("3 个直播间正在直播，快来看看");
    expect(listShareTitle([room(4, { status: 103 })], 0)).toBe("好物直播间，精彩不错过");
  });

  test("the path and the timeline's query carry the tab, except 全部", () => {
    expect(listSharePath("all")).toBe("/pages/rooms/rooms");
    expect(listSharePath("live")).toBe("/pages/rooms/rooms?tab=live");
    expect(listShareQuery("all")).toBe("");
    expect(listShareQuery("replay")).toBe("tab=replay");
  });
});

describe("freshness", () => {
  const f = (asOf: number, stale = false, refreshFailed = false) => ({ asOf, stale, refreshFailed });

  test("a fresh list has no notice", () => {
    expect(freshnessNotice(f(NOW - 60_000), NOW)).toBe("");
  });

  test("an old list says quietly when it was updated", () => {
    expect(freshnessNotice(f(NOW - OLD_AFTER_MS), NOW)).toBe("更新于 5 分钟前");
    expect(freshnessNotice(f(NOW - 3 * 3600_000), NOW)).toBe("更新于 3 小时前");
  });

  test("a stale answer from the backend says so even when recent", () => {
    expect(freshnessNotice(f(NOW - 60_000, true), NOW)).toBe("更新于 1 分钟前");
  });

  test("a failed refresh says the cached list is shown and offers a retry", () => {
    expect(freshnessNotice(f(NOW - 120_000, false, true), NOW)).toBe(
      "刷新失败，显示的是缓存内容（更新于 2 分钟前），点击重试",
    );
  });

  test("listAsOf trusts the receive time unless the backend served its last good copy", () => {
    expect(listAsOf(listBody([], 0, { updatedAt: NOW - 999 }), NOW)).toBe(NOW);
    expect(listAsOf(listBody([], 0, { updatedAt: NOW - 999, stale: true }), NOW)).toBe(NOW - 999);
  });
});

test("each tab has its own empty text", () => {
  expect(new Set(Object.values(EMPTY_TEXT)).size).toBe(4);
  expect(EMPTY_TEXT.all).toBe("还没有直播间，敬请期待");
});
