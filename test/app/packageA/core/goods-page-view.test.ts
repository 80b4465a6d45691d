import type { LiveStatus } from "../../../../typings/api";
import {
  failedLookupState,
  goodsSharePath,
  stateMessage,
  toGoodsRoomView,
  toGoodsView,
} from "../../../../miniprogram/packageA/core/goods-page-view";
import { toRoomCard } from "../../../../miniprogram/core/room-list";
import { goodsFixture, roomFixture } from "../../../support/fixtures/goods";
import { customParamsOf } from "../../../support/fixtures/routes";

describe("the goods", () => {
  test("name, cover and the price as the shopper reads it", () => {
    expect(toGoodsView(goodsFixture({ priceType: 3, price: 29900, price2: 19900 }))).toEqual({
      goodsId: 7,
      name: "羊绒围巾 秋冬加厚款",
      coverImg: "https://img.example.com/goods/7.jpg",
      price: { kind: "discount", text: "¥199.00", original: "¥299.00" },
    });
  });
});

describe("the room card under the goods", () => {
  test("a live room: the banner, and a tap enters the live page", () => {
    expect(toGoodsRoomView(roomFixture(12, 101))).toEqual({
      id: 12,
      name: "秋冬上新专场 12",
      anchor: "小美",
      cover: "https://img.example.com/rooms/12.jpg",
      status: 101,
      tone: "live",
      label: "直播中",
      live: true,
      enter: true,
      action: "点击进入直播间",
    });
  });

  test.each([
    [105, false, true, "点击进入直播间"],
    [106, false, true, "点击进入直播间"],
    [102, false, false, "直播还没开始，点击订阅开播提醒"],
    [103, false, false, "直播已结束，点击看回放"],
    [104, false, false, "该直播间因违规已被禁播，暂时无法观看"],
    [107, false, false, "该直播未按计划开播，已过期"],
  ] as const)("%i: banner %p, enters %p, says %p", (status, live, enter, action) => {
    expect(toGoodsRoomView(roomFixture(12, status))).toMatchObject({ live, enter, action });
  });

  test("replays turned off: the ended room says only that it ended", () => {
    expect(toGoodsRoomView(roomFixture(12, 103, { closeReplay: 1 })).action).toBe("直播已结束，可以看看回放");
  });

  test("it shares its names with the list's card", () => {
    const room = roomFixture(12, 102);
    const card = toRoomCard(room, 0);
    const goodsRoom = toGoodsRoomView(room);
    for (const key of ["id", "name", "anchor", "cover", "status", "tone", "label"] as const) {
      expect([key, goodsRoom[key]]).toEqual([key, card[key]]);
    }
  });

  test.each([101, 102, 103, 104, 105, 106, 107] as const)(
    "%i has a label and a tone",
    (status: LiveStatus) => {
      const view = toGoodsRoomView(roomFixture(1, status));
      expect(view.label).not.toBe("");
      expect(view.tone).not.toBe("");
    },
  );
});

describe("a page that is not ready", () => {
  test("each state says what happened and whether trying again helps", () => {
    expect(stateMessage("invalid")).toEqual({
      title: "商品链接有误",
      hint: "这个链接缺少商品信息，可能已失效",
      retry: false,
    });
    expect(stateMessage("notFound")).toEqual({
      title: "商品不存在或已下架",
      hint: "去直播间看看其他好物吧",
      retry: false,
    });
    expect(stateMessage("error", "网络超时")).toEqual({
      title: "商品加载失败",
      hint: "网络超时",
      retry: true,
    });
    expect(stateMessage("error")?.hint).toBe("网络不太稳定，请稍后重试");
    expect(stateMessage("loading")).toBeNull();
    expect(stateMessage("ready")).toBeNull();
  });

  test("a 404 is an unknown goods, a 400 a URL that is no goods URL, anything else an error", () => {
    expect(failedLookupState(404)).toBe("notFound");
    expect(failedLookupState(400)).toBe("invalid");
    expect(failedLookupState(500)).toBeNull();
    expect(failedLookupState(503)).toBeNull();
  });
});

describe("the share path", () => {
  test("the registered URL, the room and the custom_params, with the one sharing as the sharer", () => {
    const path = goodsSharePath({
      registeredUrl: "packageA/pages/goods/goods?id=8812",
      roomId: 12,
      arrived: { shop: "a", sharer: "0123456789abcdef" },
      sharerId: "fedcba9876543210",
    });
    expect(path).toMatch(/^\/packageA\/pages\/goods\/goods\?id=8812&room_id=12&custom_params=/);
    expect(customParamsOf(path)).toEqual({ shop: "a", sharer: "fedcba9876543210" });
  });

  test("no room, no params, no sharer: the registered URL alone, with its leading slash", () => {
    expect(
      goodsSharePath({ registeredUrl: "/pages/p?sku=1", roomId: 0, arrived: null, sharerId: null }),
    ).toBe("/pages/p?sku=1");
  });

  test("a registered URL without a query gets one", () => {
    expect(goodsSharePath({ registeredUrl: "pages/p", roomId: 3, arrived: null, sharerId: null })).toBe(
      "/pages/p?room_id=3",
    );
  });
});
