/**
 * Goods by URL: the goods page asks for its goods with the URL it was opened with (the URL the shop
 * registered, plus what the live plugin appended), and the backend finds it by the goods key, whatever
 * the shop's own query keys are.
 */
import type { ErrorBody, GoodsResponse } from "../../../typings/api";
import { goodsLookupUrl } from "../../../miniprogram/core/goods-lookup";
import { SAMPLE_GOODS } from "../../../server/src/emulator/sample-data";
import { openedPage, shelfTapPath } from "../../../server/src/emulator/plugin";
import type { Emulator } from "../../../server/src/emulator/server";
import { MAX_GOODS_URL_LENGTH, goodsKey } from "../../../server/src/goods/goods-key";
import { emulator, get, goodsPath, removeTempDirs, server } from "../../../server/test-support/harness";
import type { TestServer } from "../../../server/test-support/harness";

const PAGE = "packageA/pages/goods/goods";
const CUSTOM = { src: "list", campaign: "双11" };

let emu: Emulator;
let srv: TestServer;

beforeAll(async () => {
  emu = await emulator();
  srv = await server(emu, { env: { ROOMS_PINNED: "19", ROOMS_HIDDEN: "16" } });
});

afterAll(async () => {
  await srv.close();
  await emu.close();
  removeTempDirs();
});

/** What the goods page requests after the plugin opened `path`: its route and query, as the page sees them. */
function lookupFor(path: string): string {
  const { route, query } = openedPage(path);
  const url = goodsLookupUrl(route, query);
  if (url === null) throw new Error(`no lookup for ${path}`);
  return goodsPath(url);
}

describe("goodsKey", () => {
  it("ignores the order of the shop's keys, a leading slash and a fragment", () => {
    const key = goodsKey(`${PAGE}?sku=A-12&color=red`);
    expect(key).toBe(`${PAGE}?color=red&sku=A-12`);
    expect(goodsKey(`/${PAGE}?color=red&sku=A-12#top`)).toBe(key);
  });

  it("leaves out every key the plugin appends", () => {
    expect(
      goodsKey(
        `${PAGE}?id=8812&room_id=7&custom_params=%257B%2522a%2522%253A1%257D&openid=o1&share_openid=o2&scene=1`,
      ),
    ).toBe(`${PAGE}?id=8812`);
  });

  it("decodes each value once, so an encoded and a decoded value are the same key", () => {
    const encoded = goodsKey(`${PAGE}?scent=%E6%9C%A8%E8%B4%A8%E8%B0%83`);
    expect(goodsKey(`${PAGE}?scent=木质调`)).toBe(encoded);
    expect(goodsKey(`${PAGE}?scent=%E6%9C%A8`)).not.toBe(encoded);
    // a value that is not valid %-encoding is compared as it stands
    expect(goodsKey(`${PAGE}?off=50%`)).toBe(`${PAGE}?off=50%25`);
    expect(goodsKey(`${PAGE}?off=50%25`)).toBe(`${PAGE}?off=50%25`);
  });

  it("keeps values apart that differ only in case or in a key", () => {
    expect(goodsKey(`${PAGE}?id=a`)).not.toBe(goodsKey(`${PAGE}?id=A`));
    expect(goodsKey(`${PAGE}?id=1`)).not.toBe(goodsKey(`${PAGE}?goods_id=1`));
  });

  it.each([
    ["empty", ""],
    ["only a query", "?id=1"],
    ["a scheme", "https://shop.example.com/goods?id=1"],
    ["a parent segment", "packageA/../pages/goods?id=1"],
    ["an empty segment", "packageA//goods?id=1"],
    ["white space", "packageA/pages/goods/goods?id=1 2"],
    ["a control character", "packageA/pages/goods/goods?id=1\u0000"],
    ["too long", `${PAGE}?id=${"9".repeat(MAX_GOODS_URL_LENGTH)}`],
  ])("is null for %s", (_what, url) => {
    expect(goodsKey(url)).toBeNull();
  });
});

describe("GET /api/goods?url=", () => {
  it("finds every sample goods from the URL the plugin opens, with its visible rooms", async () => {
    const rooms = (
      await get<{ rooms: Array<{ roomId: number; goods: Array<{ goodsId: number }> }> }>(
        `${srv.url}/api/rooms?limit=100`,
      )
    ).body.rooms;
    const shelved = SAMPLE_GOODS.filter((g) =>
      rooms.some((r) => r.goods.some((x) => x.goodsId === g.goods_id)),
    );
    expect(shelved.length).toBeGreaterThanOrEqual(9);

    for (const goods of shelved) {
      const path = shelfTapPath(goods.url, { roomId: 22, customParams: CUSTOM });
      const res = await get<GoodsResponse>(`${srv.url}${lookupFor(path)}`);
      const expectedRooms = rooms.filter((r) => r.goods.some((x) => x.goodsId === goods.goods_id));

      expect(res.status).toBe(200);
      expect(res.body.goods).toMatchObject({ goodsId: goods.goods_id, name: goods.name, url: goods.url });
      expect(res.body.roomIds).toEqual(expectedRooms.map((r) => r.roomId));
    }
  });

  it("?id=8812&room_id=7&custom_params=… (registered as ?id=8812) is goods 101 in rooms 19, 22, 13", async () => {
    const path = shelfTapPath(`${PAGE}?id=8812`, { roomId: 7, customParams: CUSTOM });
    expect(path).toMatch(/^\/packageA\/pages\/goods\/goods\?id=8812&room_id=7&custom_params=%257B/);

    const res = await get<GoodsResponse>(`${srv.url}${lookupFor(path)}`);

    expect(res.status).toBe(200);
    expect(res.body.goods).toMatchObject({ goodsId: 101, name: "明前龙井 250g 礼盒装" });
    expect(res.body.roomIds).toEqual([19, 22, 13]); // 19 pinned first, then WeChat's order
  });

  it("two keys in either order, encoded or decoded values, and a shop that keys by goods_id", async () => {
    const answers = await Promise.all(
      [
        `${PAGE}?sku=A-12&color=red`,
        `${PAGE}?color=red&sku=A-12`,
        `${PAGE}?sku=C-220&scent=%E6%9C%A8%E8%B4%A8%E8%B0%83`,
        `${PAGE}?scent=木质调&sku=C-220`,
        `${PAGE}?goods_id=103`,
      ].map((url) => get<GoodsResponse>(`${srv.url}${lookupFor(shelfTapPath(url, { roomId: 21 }))}`)),
    );

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.goods.goodsId)).toEqual([102, 102, 105, 105, 103]);
  });

  it("404 for a URL no goods is registered with: WeChat's goodsId is not the shop's key", async () => {
    const byWechatId = await get<ErrorBody>(`${srv.url}${goodsPath(`${PAGE}?goods_id=101`)}`);
    const unknown = await get<ErrorBody>(`${srv.url}${goodsPath(`${PAGE}?id=9999`)}`);
    const partial = await get<ErrorBody>(`${srv.url}${goodsPath(`${PAGE}?sku=A-12`)}`);
    const onlyInHiddenRoom = await get<ErrorBody>(`${srv.url}${goodsPath(`${PAGE}?sku=TC-150`)}`);

    for (const res of [byWechatId, unknown, partial, onlyInHiddenRoom]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });

  const REQUIRED = '"url" is required: the goods page path and query';
  const NOT_A_PAGE = '"url" must be a page path such as pages/goods/goods?id=1';
  it.each([
    ["no url", "/api/goods", REQUIRED],
    ["an empty url", "/api/goods?url=", REQUIRED],
    ["url given twice", `${goodsPath(`${PAGE}?id=8812`)}&url=x`, '"url" must be given once'],
    ["an unknown parameter", `${goodsPath(`${PAGE}?id=8812`)}&room_id=7`, 'unknown parameter "room_id"'],
    ["only an unknown parameter", "/api/goods?x=1", 'unknown parameter "x"'],
    ["a url that is not a page", goodsPath("https://evil.example.com/?id=1"), NOT_A_PAGE],
    ["a parent segment", goodsPath("../../etc/passwd?id=1"), NOT_A_PAGE],
    [
      "an over-long url",
      goodsPath(`${PAGE}?id=${"9".repeat(MAX_GOODS_URL_LENGTH)}`),
      `"url" must be at most ${MAX_GOODS_URL_LENGTH} characters`,
    ],
  ])("400 for %s", async (_what, path, message) => {
    const res = await get<ErrorBody>(`${srv.url}${path}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "bad_request", message } });
  });
});
