/**
 * No page of packageA can reach wx.reLaunch or wx.switchTab: reLaunch closes the live 小窗 and leaves
 * nothing to go back to, switchTab froze pages seen through it (docs/wechat-live.md, "Navigation and
 * the 小窗"). Proved twice: by reading every file a packageA page loads, and by driving every way out
 * of every packageA page, in every kind of page stack, with wx spied on.
 */
import * as fs from "fs";
import * as path from "path";
import { harness } from "../../support/harness";
import { componentClosure } from "../../support/closure";
import { MP_ROOT, openPage, settle, type MountedPage } from "../../support/mount";
import { fakeBackend, goodsFixture, roomFixture } from "../../support/fixtures/goods";
import { LIST, LIVE_PAGE as LIVE_ROUTE, SHOP_PAGE } from "../../support/fixtures/routes";

const PACKAGE_A_PAGES = [
  "packageA/pages/room/room",
  "packageA/pages/goods/goods",
  "packageA/pages/live/live",
];

/** A call of reLaunch/switchTab in code, a navigator to them, or an action of that kind. */
const FORBIDDEN =
  /wx\s*\.\s*(reLaunch|switchTab)\b|\[\s*["'](reLaunch|switchTab)["']\s*\]|open-type\s*=\s*["'](reLaunch|switchTab)["']|kind:\s*["'](reLaunch|switchTab)["']/;

describe("reading the code", () => {
  test.each(PACKAGE_A_PAGES)("%s loads nothing that calls reLaunch or switchTab", (page) => {
    const files = componentClosure(page);
    const relative = files.map((f) => path.relative(MP_ROOT, f));
    // the walk really covers the page, our services and the vant components it uses
    expect(relative).toEqual(
      expect.arrayContaining([`${page}.ts`, `${page}.wxml`, "services/navigation.ts", "core/navigation.ts"]),
    );
    expect(relative.some((f) => f.startsWith("miniprogram_npm/@vant/weapp/button/"))).toBe(true);
    const offending = files.filter((f) => FORBIDDEN.test(fs.readFileSync(f, "utf8")));
    expect(offending.map((f) => path.relative(MP_ROOT, f))).toEqual([]);
  });

  test("the pattern would catch each way of writing it", () => {
    for (const text of [
      "wx.reLaunch({ url })",
      "wx .switchTab({url})",
      'wx["reLaunch"](o)',
      '<navigator open-type="switchTab" url="/x" />',
      '{ kind: "reLaunch", url }',
    ]) {
      expect(FORBIDDEN.test(text)).toBe(true);
    }
    expect(FORBIDDEN.test("// `reLaunch` closes the 小窗")).toBe(false);
  });
});

describe("driving every way out, wx spied on", () => {
  const stacks: Array<[string, string[]]> = [
    ["opened cold", []],
    ["above the live page", [LIVE_ROUTE]],
    ["list, live page, goods", [LIST, LIVE_ROUTE, "packageA/pages/goods/goods"]],
    ["a shop's page", [SHOP_PAGE]],
    ["a full stack without the list", [LIVE_ROUTE, ...Array.from({ length: 8 }, () => SHOP_PAGE)]],
  ];
  const navigations = (): number =>
    ["navigateTo", "redirectTo", "navigateBack"].reduce(
      (sum, name) => sum + (wx[name as "navigateTo"] as jest.Mock).mock.calls.length,
      0,
    );

  beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-25T10:00:00+08:00") }));
  afterEach(() => {
    expect(wx.reLaunch).not.toHaveBeenCalled();
    expect(wx.switchTab).not.toHaveBeenCalled();
    jest.useRealTimers();
  });

  async function drive(route: string, query: Record<string, string>, below: string[], handlers: string[]) {
    const page: MountedPage = openPage(route, { query, below });
    await settle();
    for (const handler of handlers) {
      (page.instance[handler] as (e?: unknown) => void)({ detail: { id: 12 } });
      await settle();
    }
    page.unload();
  }

  const replays = { 12: [{ mediaUrl: "https://m.example.com/r.mp4", createTime: "", expireTime: "" }] };
  const withStatus = (statuses: number[]): Array<[string, string[], number]> =>
    stacks.flatMap(([name, below]) =>
      statuses.map((status): [string, string[], number] => [name, below, status]),
    );

  test.each(withStatus([101, 103, 104]))("the room page (%s, status %i)", async (_name, below, status) => {
    harness.backend = fakeBackend({ rooms: [roomFixture(12, status as 101)], replays });
    harness.plugin.setStatus(12, status);
    await drive("packageA/pages/room/room", { room_id: "12" }, below, [
      "onEnterLive",
      "onWatchReplay",
      "onBackToList",
    ]);
    expect(navigations()).toBeGreaterThan(0);
  });

  test.each(stacks)("the room page with a bad link (%s)", async (_name, below) => {
    await drive("packageA/pages/room/room", { room_id: "bad" }, below, ["onBackToList"]);
    expect(navigations()).toBeGreaterThan(0);
  });

  test.each(withStatus([101, 103, 104]))("the goods page (%s, status %i)", async (_name, below, status) => {
    harness.backend = fakeBackend({
      goods: goodsFixture(),
      roomIds: [12],
      rooms: [roomFixture(12, status as 101)],
      replays,
    });
    const handlers = ["onHome", "onNavBack", "backToLive", "onOpenRoom"];
    await drive("packageA/pages/goods/goods", { id: "8812", room_id: "12" }, below, handlers);
    await drive("packageA/pages/goods/goods", { id: "8812" }, below, handlers);
    expect(navigations()).toBeGreaterThan(0);
  });

  test.each(stacks)("the live bridge (%s)", async (_name, below) => {
    await drive("packageA/pages/live/live", { room_id: "12" }, below, ["onBack", "onRetry"]);
    await drive("packageA/pages/live/live", { room_id: "x" }, below, ["onBack"]);
    expect(navigations()).toBeGreaterThan(0);
  });
});
