/**
 * The console's entry paths (server/src/wechat/live-page.ts) are the mini-program's own
 * (miniprogram/core/plugin-urls.ts): WeChat compiles only miniprogram/, so the rule lives twice and this
 * holds the two equal.
 */
import { buildLivePageUrl, encodeCustomParams } from "../../../miniprogram/core/plugin-urls";
import type { LiveEntryKind } from "../../../server/src/wechat/live-page";
import { LIVE_PAGE_PATH, livePagePath, roomLinks } from "../../../server/src/wechat/live-page";

const entries: LiveEntryKind[] = ["plain", "qrcode", "article"];
const params = [null, { src: "poster" }, { src: "文章", campaign: "双11", n: 3 }];

it.each([1, 22, 2_147_483_647])(
  "room %d: the same path as the mini-program's for every entry and custom_params",
  (roomId) => {
    for (const entry of entries) {
      for (const customParams of params) {
        const encoded = customParams ? encodeCustomParams(customParams) : "";
        expect(livePagePath(roomId, entry, encoded)).toBe(buildLivePageUrl({ roomId, entry, customParams }));
      }
    }
  },
);

it("gives a room's three paths, type=9 for codes and type=10 for article cards", () => {
  expect(roomLinks(22)).toEqual({
    roomId: 22,
    qrcode: `${LIVE_PAGE_PATH}?room_id=22&type=9`,
    article: `${LIVE_PAGE_PATH}?room_id=22&type=10`,
    plain: `${LIVE_PAGE_PATH}?room_id=22`,
  });
  expect(LIVE_PAGE_PATH).toBe("plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin");
});

it.each([0, -3, 1.5, Number.NaN])("refuses room id %p, as the mini-program does", (roomId) => {
  expect(() => livePagePath(roomId)).toThrow(RangeError);
  expect(() => buildLivePageUrl({ roomId })).toThrow(RangeError);
});
