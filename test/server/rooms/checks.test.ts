/**
 * What the room service accepts back from the snapshot file or Redis: exactly the contract's shapes,
 * so a value written by an older version or damaged in the store is refetched, never served.
 */
import { isReplayList, isRoomList } from "../../../server/src/rooms/checks";

const goods = {
  goodsId: 1,
  name: "羊毛围巾",
  coverImg: "https://c/1.jpg",
  url: "p?id=1",
  price: 9900,
  priceType: 1,
};
const room = {
  roomId: 7,
  name: "冬季上新",
  coverImg: "https://c/7.jpg",
  liveStatus: 101,
  startTime: 1_764_000_000,
  endTime: 1_764_007_200,
  anchorName: "小林",
  goods: [goods],
};
const replay = {
  mediaUrl: "https://m/1.mp4",
  createTime: "2026-11-26 10:00:00",
  expireTime: "2027-02-24 10:00:00",
};

describe("cached room lists", () => {
  it("pass when they are what the API serves, optional fields included", () => {
    expect(isRoomList({ rooms: [room], total: 1 })).toBe(true);
    expect(
      isRoomList({ rooms: [{ ...room, pinned: true, shareImg: "https://c/s.jpg", closeKf: 1 }], total: 1 }),
    ).toBe(true);
    expect(isRoomList({ rooms: [], total: 0 })).toBe(true);
  });

  it.each([
    ["an unknown status", { rooms: [{ ...room, liveStatus: 108 }], total: 1 }],
    ["a total that is not a number", { rooms: [room], total: "1" }],
    ["a total that is NaN", { rooms: [room], total: Number.NaN }],
    ["goods without a url", { rooms: [{ ...room, goods: [{ ...goods, url: undefined }] }], total: 1 }],
    [
      "a price type WeChat does not have",
      { rooms: [{ ...room, goods: [{ ...goods, priceType: 4 }] }], total: 1 },
    ],
    ["pinned that is not a boolean", { rooms: [{ ...room, pinned: "yes" }], total: 1 }],
    ["rooms that are not a list", { rooms: { 0: room }, total: 1 }],
    ["nothing", null],
  ])("fail with %s", (_what, value) => {
    expect(isRoomList(value)).toBe(false);
  });
});

describe("cached replay lists", () => {
  it("pass when complete and fail when a replay lacks its address", () => {
    expect(isReplayList({ replays: [replay], total: 1 })).toBe(true);
    expect(isReplayList({ replays: [{ ...replay, mediaUrl: 5 }], total: 1 })).toBe(false);
    expect(isReplayList({ replays: [replay] })).toBe(false);
  });
});
