import { attributionFor, isNewEntry, recordEntry } from "../../../miniprogram/core/entry";
import { sharerIdOf } from "../../../miniprogram/core/sharer";
import { LIVE_PAGE as LIVE_ROUTE } from "../../support/fixtures/routes";

const AT = 1_700_000_000_000;
const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe("recordEntry", () => {
  test("a room's mini-program code (scene 1047, type=9) straight onto the live page", () => {
    const entry = recordEntry(
      {
        scene: 1047,
        path: LIVE_ROUTE,
        query: { room_id: "12", type: "9", custom_params: enc({ shop: "a" }) },
      },
      AT,
    );
    expect(entry).toEqual({
      scene: 1047,
      kind: "qrcode",
      path: LIVE_ROUTE,
      query: { room_id: "12", type: "9", custom_params: enc({ shop: "a" }) },
      at: AT,
      livePage: true,
      roomId: 12,
      customParams: { shop: "a" },
      entryType: 9,
    });
  });

  test.each([1011, 1047, 1048, 1049])("QR scene %i is a qrcode entry", (scene) => {
    expect(recordEntry({ scene, path: "pages/rooms/rooms", query: {} }, AT).kind).toBe("qrcode");
  });

  test("an official-account article card (scene 1058, type=10)", () => {
    const entry = recordEntry({ scene: 1058, path: LIVE_ROUTE, query: { room_id: "34", type: "10" } }, AT);
    expect(entry).toMatchObject({ scene: 1058, kind: "article", livePage: true, roomId: 34, entryType: 10 });
  });

  test.each([1058, 1091, 1035, 1043])("official-account scene %i is an article entry", (scene) => {
    expect(recordEntry({ scene, path: "pages/rooms/rooms", query: {} }, AT).kind).toBe("article");
  });

  test("a group share card keeps its shareTicket", () => {
    const entry = recordEntry(
      { scene: 1044, path: LIVE_ROUTE, query: { room_id: "12", share_openid: "o_x" }, shareTicket: "tk_1" },
      AT,
    );
    expect(entry).toMatchObject({ scene: 1044, kind: "share", shareTicket: "tk_1", roomId: 12 });
  });

  test("a private chat card to one of our pages", () => {
    const entry = recordEntry(
      { scene: 1007, path: "packageA/pages/goods/goods", query: { goods_id: "7" } },
      AT,
    );
    expect(entry).toMatchObject({ scene: 1007, kind: "share", query: { goods_id: "7" } });
    expect(entry.livePage).toBeUndefined();
    expect(entry.roomId).toBeUndefined();
  });

  test("an unknown scene is recorded as-is", () => {
    expect(recordEntry({ scene: 1999, path: "pages/rooms/rooms", query: { x: "1" } }, AT)).toEqual({
      scene: 1999,
      kind: "other",
      path: "pages/rooms/rooms",
      query: { x: "1" },
      at: AT,
    });
  });

  test("an unknown scene on the live page takes its kind from the page's type", () => {
    const entry = recordEntry({ scene: 1999, path: LIVE_ROUTE, query: { room_id: "5", type: "10" } }, AT);
    expect(entry).toMatchObject({ scene: 1999, kind: "article", entryType: 10 });
  });

  test("a known scene is not overridden by type", () => {
    expect(recordEntry({ scene: 1047, path: LIVE_ROUTE, query: { type: "10" } }, AT).kind).toBe("qrcode");
  });

  test.each(["", "abc", "-1", "1.5", "%E0%A4%A", "{bad json", "9".repeat(700)])(
    "garbage room_id / custom_params %p on the live page are left out",
    (value) => {
      const entry = recordEntry(
        { scene: 1047, path: LIVE_ROUTE, query: { room_id: value, custom_params: value, type: value } },
        AT,
      );
      expect(entry.livePage).toBe(true);
      expect(entry.roomId).toBeUndefined();
      expect(entry.customParams).toBeUndefined();
      expect(entry.entryType).toBeUndefined();
    },
  );

  test("garbage options never throw", () => {
    expect(recordEntry({ scene: "1047", path: 3, query: { a: 1, b: "x" }, shareTicket: 5 }, AT)).toEqual({
      scene: 0,
      kind: "other",
      path: "",
      query: { b: "x" },
      at: AT,
    });
  });
});

describe("isNewEntry", () => {
  const first = recordEntry({ scene: 1047, path: LIVE_ROUTE, query: { room_id: "12" } }, AT);

  test("the launch options repeated by the first onShow are not new", () => {
    expect(isNewEntry(first, { scene: 1047, path: LIVE_ROUTE, query: { room_id: "12" } })).toBe(false);
  });

  test("another scene, path, query or share ticket is new", () => {
    expect(isNewEntry(first, { scene: 1007, path: LIVE_ROUTE, query: { room_id: "12" } })).toBe(true);
    expect(isNewEntry(first, { scene: 1047, path: "pages/rooms/rooms", query: { room_id: "12" } })).toBe(
      true,
    );
    expect(isNewEntry(first, { scene: 1047, path: LIVE_ROUTE, query: { room_id: "13" } })).toBe(true);
    expect(
      isNewEntry(first, { scene: 1047, path: LIVE_ROUTE, query: { room_id: "12" }, shareTicket: "t" }),
    ).toBe(true);
    expect(isNewEntry(null, { scene: 1001 })).toBe(true);
  });
});

describe("attributionFor", () => {
  const entry = recordEntry({ scene: 1058, path: LIVE_ROUTE, query: {} }, AT);

  test("the entry kind and scene, and a sharer id as it is", () => {
    expect(attributionFor(entry, "goods", "0123456789abcdef")).toEqual({
      src: "goods:article",
      scene: 1058,
      sharer: "0123456789abcdef",
    });
    expect(attributionFor(null, "goods")).toEqual({ src: "goods" });
    expect(attributionFor(entry, "goods", "bad sharer!")).toEqual({ src: "goods:article", scene: 1058 });
  });

  test("an openid never goes out as it is: it becomes its sharer id", () => {
    const out = attributionFor(entry, "goods", "o_abc-1");
    expect(out.sharer).toBe(sharerIdOf("o_abc-1"));
    expect(JSON.stringify(out)).not.toContain("o_abc-1");
  });
});
