import * as fs from "fs";
import * as path from "path";
import { MP_ROOT } from "../../support/paths";
import {
  buildLivePageUrl,
  CustomParamsTooLongError,
  encodeCustomParams,
  isLivePageRoute,
  LIVE_PAGE_PATH,
  LIVE_PLUGIN_APPID,
  SUBSCRIBE_COMPONENT_PATH,
} from "../../../miniprogram/core/plugin-urls";
import { LIVE_PAGE_URL as BASE } from "../../support/fixtures/routes";

describe("live page URLs", () => {
  test("plain", () => {
    expect(LIVE_PAGE_PATH).toBe(BASE);
    expect(buildLivePageUrl({ roomId: 42 })).toBe(`${BASE}?room_id=42`);
  });

  test("with custom_params, encoded once as the plugin expects", () => {
    const url = buildLivePageUrl({ roomId: 42, customParams: { src: "list", n: 1 } });
    expect(url).toBe(`${BASE}?room_id=42&custom_params=${encodeURIComponent('{"src":"list","n":1}')}`);
    const raw = new URLSearchParams(url.split("?")[1]).get("custom_params");
    expect(JSON.parse(raw ?? "")).toEqual({ src: "list", n: 1 });
  });

  test("QR code entry is type=9, article card entry is type=10", () => {
    expect(buildLivePageUrl({ roomId: 7, entry: "qrcode" })).toBe(`${BASE}?room_id=7&type=9`);
    expect(buildLivePageUrl({ roomId: 7, entry: "article" })).toBe(`${BASE}?room_id=7&type=10`);
    expect(buildLivePageUrl({ roomId: 7, entry: "plain" })).toBe(`${BASE}?room_id=7`);
  });

  test("all options combine in a stable order", () => {
    expect(
      buildLivePageUrl({
        roomId: 7,
        entry: "article",
        customParams: { a: "b" },
        closePictureInPicture: true,
      }),
    ).toBe(
      `${BASE}?room_id=7&custom_params=${encodeURIComponent('{"a":"b"}')}&type=10&close_picture_in_picture_mode=1`,
    );
  });

  test("an empty custom_params object adds nothing", () => {
    expect(buildLivePageUrl({ roomId: 7, customParams: {} })).toBe(`${BASE}?room_id=7`);
  });

  test("exactly 600 encoded characters pass; 601 is refused with the length named", () => {
    // {"k":"xxx…"} encodes to 20 characters of overhead around the payload.
    const overhead = encodeURIComponent(JSON.stringify({ k: "" })).length;
    const fits = { k: "x".repeat(600 - overhead) };
    expect(encodeCustomParams(fits)).toHaveLength(600);
    const over = { k: "x".repeat(601 - overhead) };
    expect(() => encodeCustomParams(over)).toThrow(CustomParamsTooLongError);
    expect(() => buildLivePageUrl({ roomId: 1, customParams: over })).toThrow(/601 characters.*limit is 600/);
  });

  test("Chinese text counts by its encoded length", () => {
    const params = { t: "直".repeat(70) }; // each 直 is 9 encoded characters: 630 + overhead
    expect(() => encodeCustomParams(params)).toThrow(CustomParamsTooLongError);
    const thrown = (() => {
      try {
        encodeCustomParams(params);
        return null;
      } catch (err) {
        return err as CustomParamsTooLongError;
      }
    })();
    expect(thrown?.length).toBe(encodeURIComponent(JSON.stringify(params)).length);
  });

  test.each([0, -1, 1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 2])("room id %p is refused", (roomId) => {
    expect(() => buildLivePageUrl({ roomId })).toThrow(RangeError);
  });

  test("recognises the plugin page in a page stack route", () => {
    expect(isLivePageRoute("__plugin__/wx2b03c6e691cd7370/pages/live-player-plugin")).toBe(true);
    expect(isLivePageRoute("plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin")).toBe(true);
    expect(isLivePageRoute("packageA/pages/goods/goods")).toBe(false);
    expect(isLivePageRoute(undefined)).toBe(false);
  });
});

describe("declarations that must agree with these URLs", () => {
  const read = (p: string) => JSON.parse(fs.readFileSync(path.join(MP_ROOT, p), "utf8"));

  test("the room page uses the plugin's subscribe component by its documented path", () => {
    expect(read("packageA/pages/room/room.json").usingComponents.subscribe).toBe(SUBSCRIBE_COMPONENT_PATH);
  });

  test("the plugin is declared only in packageA, by the appid the URLs use", () => {
    const app = read("app.json");
    expect(app.plugins).toBeUndefined();
    const [sub] = app.subpackages;
    expect(sub.root).toBe("packageA");
    expect(sub.plugins["live-player-plugin"].provider).toBe(LIVE_PLUGIN_APPID);
    expect(sub.plugins["live-player-plugin"].version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
