import {
  parseGoodsResponse,
  parseReplayList,
  parseRoom,
  parseRoomList,
} from "../../../miniprogram/core/contract";

const goods = {
  goodsId: 5,
  name: "羊绒围巾",
  coverImg: "https://x/c.jpg",
  url: "packageA/pages/goods/goods?id=8805",
  price: 1100,
  priceType: 1,
};
const room = {
  roomId: 9,
  name: "冬季新品",
  coverImg: "https://x/r.jpg",
  liveStatus: 102,
  startTime: 1_790_000_000,
  endTime: 1_790_003_600,
  anchorName: "小美",
  goods: [goods],
};

describe("payload validation", () => {
  test("a complete room passes with optional fields of the right type kept", () => {
    const parsed = parseRoom({ ...room, shareImg: "s.jpg", closeLike: 0, pinned: true, extra: "ignored" });
    expect(parsed).toEqual({ ...room, shareImg: "s.jpg", closeLike: 0, pinned: true });
  });

  test("optional fields of the wrong type are left out, not passed on", () => {
    expect(parseRoom({ ...room, shareImg: 12, closeLike: "no" })).toEqual(room);
  });

  test.each(["roomId", "name", "coverImg", "liveStatus", "startTime", "endTime", "anchorName"])(
    "a room without %s is dropped",
    (key) => {
      const broken: Record<string, unknown> = { ...room };
      delete broken[key];
      expect(parseRoom(broken)).toBeNull();
    },
  );

  test.each([
    ["roomId", "9"],
    ["roomId", -1],
    ["liveStatus", 108],
    ["liveStatus", "101"],
    ["startTime", 1.5],
    ["name", null],
  ])("a room with %s = %p is dropped", (key, value) => {
    expect(parseRoom({ ...room, [key]: value })).toBeNull();
  });

  test("broken goods are dropped from a room, the room stays", () => {
    const parsed = parseRoom({ ...room, goods: [goods, { ...goods, priceType: 4 }, { name: "x" }] });
    expect(parsed?.goods).toEqual([goods]);
  });

  test("a list counts what it dropped", () => {
    const parsed = parseRoomList({
      rooms: [room, { roomId: "bad" }, room],
      total: 3,
      updatedAt: 1,
      stale: false,
    });
    expect(parsed?.dropped).toBe(1);
    expect(parsed?.value.rooms).toHaveLength(2);
  });

  test.each([
    ["HTML error page text", "<html>502 Bad Gateway</html>"],
    ["null", null],
    ["an array", [room]],
    ["rooms not an array", { rooms: {}, total: 1, updatedAt: 1, stale: false }],
    ["no total", { rooms: [], updatedAt: 1, stale: false }],
    ["stale not boolean", { rooms: [], total: 0, updatedAt: 1, stale: "no" }],
  ])("a malformed list body (%s) is an error, not an empty list", (_label, body) => {
    expect(parseRoomList(body)).toBeNull();
  });

  test("replays without a media URL are dropped", () => {
    const parsed = parseReplayList({
      replays: [
        { mediaUrl: "https://v/1.mp4", createTime: "a", expireTime: "b" },
        { mediaUrl: "", createTime: "a", expireTime: "b" },
      ],
      total: 2,
    });
    expect(parsed?.value.replays).toHaveLength(1);
    expect(parsed?.dropped).toBe(1);
  });

  test("goods response keeps only valid room ids", () => {
    expect(parseGoodsResponse({ goods, roomIds: [9, "x", -2, 3] })).toEqual({ goods, roomIds: [9, 3] });
    expect(parseGoodsResponse({ goods: { name: "x" }, roomIds: [] })).toBeNull();
  });
});
