/**
 * The back-to-live component as a shop drops it onto its own product page, outside packageA: it goes
 * back to the nearest live page of the room, or through the packageA bridge; it carries the page's
 * custom_params and our attribution; and nothing it loads contains a plugin URL.
 */
import * as fs from "fs";
import * as path from "path";
import * as simulate from "miniprogram-simulate";
import { setPageStack, setShareParams } from "../../support/harness";
import { componentClosure } from "../../support/closure";
import { flush, load, MP_ROOT } from "../../support/mount";
import { sharerIdOf } from "../../../miniprogram/core/sharer";
import {
  BRIDGE_URL as BRIDGE,
  LIVE_PAGE as LIVE_ROUTE,
  SHOP_PAGE,
  customParamsOf,
} from "../../support/fixtures/routes";

const COMPONENT = "components/back-to-live/back-to-live";

const navigateTo = () => wx.navigateTo as jest.Mock;
const navigateBack = () => wx.navigateBack as jest.Mock;
const redirectTo = () => wx.redirectTo as jest.Mock;

function mount(props: Record<string, unknown>) {
  const comp = simulate.render(load(COMPONENT), props);
  comp.attach(document.createElement("parent-wrapper"));
  return comp;
}

function button(comp: ReturnType<typeof mount>): string | null {
  if (comp.querySelector("#btl-live")) return comp.querySelector("#btl-live")?.dom?.textContent?.trim() ?? "";
  return comp.querySelector("#btl-replay")?.dom?.textContent?.trim() ?? null;
}

async function tap(comp: ReturnType<typeof mount>): Promise<void> {
  const node = comp.querySelector("#btl-live") ?? comp.querySelector("#btl-replay");
  if (!node) throw new Error("no button");
  node.dispatchEvent("tap");
  await flush();
}

describe("on a shop's own product page outside packageA", () => {
  test("above the live page: one navigateBack to it", async () => {
    setPageStack(["pages/index/index", LIVE_ROUTE, SHOP_PAGE, SHOP_PAGE]);
    const comp = mount({ roomId: "12", customParams: "" });
    expect(button(comp)).toBe("返回直播间");
    await tap(comp);
    expect(navigateBack()).toHaveBeenCalledWith(expect.objectContaining({ delta: 2 }));
    expect(navigateTo()).not.toHaveBeenCalled();
  });

  test("a live page of another room is not the way back", async () => {
    setPageStack([{ route: LIVE_ROUTE, options: { room_id: "15" } }, SHOP_PAGE]);
    const comp = mount({ roomId: 12 });
    await tap(comp);
    expect(navigateBack()).not.toHaveBeenCalled();
    expect((navigateTo().mock.calls[0][0] as { url: string }).url).toMatch(`${BRIDGE}?room_id=12`);
  });

  test("no live page: the packageA bridge, with the page's custom_params and our attribution", async () => {
    setPageStack([SHOP_PAGE]);
    setShareParams({ roomId: 12, sharer: sharerIdOf("o_s") });
    const comp = mount({ roomId: "12", customParams: encodeURIComponent('{"shop":"a"}'), source: "shop" });
    await tap(comp);
    const url = (navigateTo().mock.calls[0][0] as { url: string }).url;
    expect(url.startsWith(`${BRIDGE}?room_id=12&custom_params=`)).toBe(true);
    expect(customParamsOf(url)).toEqual({ src: "shop", sharer: sharerIdOf("o_s"), shop: "a" });
  });

  test("a full stack: the bridge replaces the page", async () => {
    setPageStack(Array.from({ length: 10 }, () => SHOP_PAGE));
    const comp = mount({ roomId: "12" });
    await tap(comp);
    expect(redirectTo()).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${BRIDGE}?room_id=12&custom_params=${encodeURIComponent('{"src":"goods"}')}`,
      }),
    );
  });

  test.each([
    ["missing", undefined],
    ["empty", ""],
    ["letters", "abc"],
    ["negative", "-1"],
    ["zero", 0],
  ])("a room_id that is %s: nothing to show, nothing to tap", (_what, roomId) => {
    const comp = mount(roomId === undefined ? {} : { roomId });
    expect(button(comp)).toBeNull();
  });

  test("a known status changes the button: 看回放 for a replay, nothing for a closed room", () => {
    expect(button(mount({ roomId: "12", status: 101 }))).toBe("返回直播间");
    expect(button(mount({ roomId: "12", status: 103, hasReplays: true }))).toBe("看回放");
    expect(button(mount({ roomId: "12", status: 103, hasReplays: false }))).toBeNull();
    expect(button(mount({ roomId: "12", status: 104 }))).toBeNull();
    expect(button(mount({ roomId: "12", status: 999 }))).toBe("返回直播间");
  });

  test("a failed navigation tells the shopper and the button works again", async () => {
    setPageStack([SHOP_PAGE]);
    navigateTo().mockImplementation((o: { fail?: (e: unknown) => void }) =>
      o.fail?.({ errMsg: "navigateTo:fail" }),
    );
    const comp = mount({ roomId: "12" });
    await tap(comp);
    await tap(comp);
    expect(navigateTo()).toHaveBeenCalledTimes(2);
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: "页面打开失败，请稍后重试" }));
  });
});

describe("a main-package component", () => {
  test("loads no module that holds a plugin URL or calls requirePlugin", () => {
    const files = componentClosure(COMPONENT);
    expect(files.map((f) => path.relative(MP_ROOT, f))).toEqual(
      expect.arrayContaining([
        `${COMPONENT}.ts`,
        `${COMPONENT}.wxml`,
        "core/back-to-live.ts",
        "core/navigation.ts",
        "services/navigation.ts",
      ]),
    );
    for (const file of [...files, path.join(MP_ROOT, `${COMPONENT}.wxss`)]) {
      const text = fs.readFileSync(file, "utf8");
      expect({ file, plugin: /plugin-private:|requirePlugin/.test(text) }).toEqual({ file, plugin: false });
    }
    expect(files.every((f) => !f.includes(`${path.sep}packageA${path.sep}`))).toBe(true);
  });
});
