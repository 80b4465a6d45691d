/**
 * Sharing the room and reading share-card attribution (getShareParams) in onShow.
 */
import { harness, setEnterOptions, setShareParams } from "../../../support/harness";
import { openPage, settle } from "../../../support/mount";
import { sharerIdOf } from "../../../../miniprogram/core/sharer";
import { T0, navigateToUrls, openRoom, room, serve } from "../../../support/fixtures/room-page";
import { LIVE_PAGE, customParamsOf } from "../../../support/fixtures/routes";

const shareCalls = () => harness.plugin.calls.filter((c) => c.method === "getShareParams").length;

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
  serve({ room: room({ liveStatus: 101 }) });
  harness.plugin.setStatus(12, 101);
});
afterEach(() => jest.useRealTimers());

describe("onShareAppMessage", () => {
  test("shares this room with the viewer as sharer, by sharer id, never the openid", async () => {
    const page = await openRoom({ room_id: "12" });
    expect(page.instance.onShareAppMessage()).toEqual({
      title: "秋冬上新专场",
      path: `/packageA/pages/room/room?room_id=12&sharer=${sharerIdOf("o_viewer_openid")}`,
      imageUrl: "https://img.example.com/cover.jpg",
    });
    page.unload();
  });

  test("without a known openid, the link carries no sharer", async () => {
    harness.plugin.getOpenid = () => Promise.reject("operateWXData:fail");
    serve({ room: "fail" });
    const page = await openRoom({ room_id: "12" });
    expect(page.instance.onShareAppMessage()).toEqual({
      title: "精彩直播，快来看看",
      path: "/packageA/pages/room/room?room_id=12",
    });
    page.unload();
  });

  test("the openid learned from a subscribe event is used", async () => {
    harness.plugin.getOpenid = () => Promise.reject("operateWXData:fail");
    harness.plugin.setStatus(12, 102);
    const page = await openRoom({ room_id: "12" });
    page.instance.onSubscribe({ detail: { room_id: 12, openid: "o_sub", is_subscribe: true } });
    expect(page.instance.onShareAppMessage().path).toBe(
      `/packageA/pages/room/room?room_id=12&sharer=${sharerIdOf("o_sub")}`,
    );
    page.unload();
  });
});

describe("share-card entries", () => {
  test.each([1007, 1008, 1044, 1154, 1155])(
    "scene %p: share params are kept for attribution, the sharer as a sharer id",
    async (scene) => {
      setEnterOptions({
        scene,
        path: LIVE_PAGE,
        query: {
          room_id: "12",
          share_openid: "o_sharer",
          custom_params: encodeURIComponent('{"src":"list"}'),
        },
      });
      const page = await openRoom({ room_id: "12" });
      expect(harness.app.globalData.shareParams).toMatchObject({
        roomId: 12,
        sharer: sharerIdOf("o_sharer"),
        customParams: { src: "list" },
      });
      // The sharer travels on into the live page, as its id.
      await page.tapVant("#enter-live");
      expect(navigateToUrls()[0]).toContain(encodeURIComponent(`"sharer":"${sharerIdOf("o_sharer")}"`));
      expect(navigateToUrls()[0]).not.toContain("o_sharer");
      page.unload();
    },
  );

  test("asked once per entry, not on every onShow", async () => {
    setEnterOptions({ scene: 1007, path: LIVE_PAGE, query: { room_id: "12", share_openid: "o_sharer" } });
    const page = await openRoom({ room_id: "12" });
    page.hide();
    page.show();
    await settle();
    expect(shareCalls()).toBe(1);
    page.unload();
  });

  test("a scan on the live page (since plugin 1.2.10) asks too", async () => {
    setEnterOptions({ scene: 1047, path: LIVE_PAGE, query: { room_id: "12", type: "9" } });
    const page = await openRoom({ room_id: "12" });
    expect(shareCalls()).toBe(1);
    expect(harness.app.globalData.shareParams).toMatchObject({ roomId: 12, sharer: null });
    page.unload();
  });

  test("entries on other pages never ask", async () => {
    setEnterOptions({ scene: 1007, path: "pages/rooms/rooms", query: {} });
    const page = await openRoom({ room_id: "12" });
    expect(shareCalls()).toBe(0);
    expect(harness.app.globalData.shareParams).toBeNull();
    page.unload();
  });

  test("a rejection (an entry the plugin has nothing for) is silent and means none", async () => {
    setEnterOptions({ scene: 1001, path: LIVE_PAGE, query: { room_id: "12" } });
    const page = await openRoom({ room_id: "12" });
    expect(shareCalls()).toBe(1);
    expect(harness.app.globalData.shareParams).toMatchObject({
      roomId: null,
      sharer: null,
      customParams: null,
    });
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(page.exists("#enter-live")).toBe(true);
    page.unload();
  });

  test("the shop's custom_params from the card travel on to the live page with our attribution", async () => {
    setEnterOptions({
      scene: 1007,
      path: LIVE_PAGE,
      query: {
        room_id: "12",
        share_openid: "o_sharer",
        custom_params: encodeURIComponent('{"campaign":"d11"}'),
      },
    });
    const page = await openRoom({ room_id: "12" });
    await page.tapVant("#enter-live");
    // app.ts did not run here, so no entry record: the attribution is the page and the sharer
    expect(customParamsOf(navigateToUrls()[0])).toEqual({
      src: "room",
      sharer: sharerIdOf("o_sharer"),
      campaign: "d11",
    });
    page.unload();
  });

  test("custom_params of a card for another room are not carried over", async () => {
    setShareParams({ roomId: 99, sharer: sharerIdOf("o_other"), customParams: { campaign: "x" } });
    const page = await openRoom({ room_id: "12" });
    await page.tapVant("#enter-live");
    expect(customParamsOf(navigateToUrls()[0])).toEqual({ src: "room" });
    page.unload();
  });

  test("a sharer in our own link wins over share params of another room", async () => {
    setShareParams({ roomId: 99, sharer: sharerIdOf("o_other") });
    const page = await openRoom({ room_id: "12", sharer: "0123456789abcdef" });
    await page.tapVant("#enter-live");
    expect(customParamsOf(navigateToUrls()[0])).toEqual({ src: "room", sharer: "0123456789abcdef" });
    page.unload();
  });

  test("a link of an older version with an openid as sharer: only its sharer id goes on", async () => {
    const page = await openRoom({ room_id: "12", sharer: "o_old_link" });
    await page.tapVant("#enter-live");
    expect(customParamsOf(navigateToUrls()[0])).toEqual({ src: "room", sharer: sharerIdOf("o_old_link") });
    expect(navigateToUrls()[0]).not.toContain("o_old_link");
    expect(page.instance.onShareAppMessage().path).not.toContain("o_old_link");
    page.unload();
  });

  test("the room page and the goods page ask once between them per entry", async () => {
    setEnterOptions({ scene: 1007, path: LIVE_PAGE, query: { room_id: "12", share_openid: "o_sharer" } });
    const page = await openRoom({ room_id: "12" });
    const goods = openPage("packageA/pages/goods/goods", { query: { id: "8812", room_id: "12" } });
    await settle();
    expect(shareCalls()).toBe(1);
    goods.unload();
    page.unload();
  });
});
