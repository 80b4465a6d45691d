import { harness } from "../support/harness";
import { flush, openPage } from "../support/mount";
import { fakeBackend, goodsFixture, roomFixture } from "../support/fixtures/goods";
import { LIVE_PAGE as LIVE_ROUTE, customParamsOf } from "../support/fixtures/routes";

type LaunchOptions = { scene: number; path: string; query: Record<string, string>; shareTicket?: string };
interface AppConfig {
  globalData: IAppOption["globalData"];
  onLaunch(this: IAppOption, options: LaunchOptions): void;
  onShow(this: IAppOption, options: LaunchOptions): void;
}

/** Loads app.ts and returns what it passed to App(), bound to the harness's app object. */
function loadApp(): { launch(o: LaunchOptions): void; show(o: LaunchOptions): void } {
  let config: AppConfig | null = null;
  (globalThis as unknown as { App: (c: AppConfig) => void }).App = (c) => {
    config = c;
  };
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- app.ts registers itself through App() when evaluated
    require("../../miniprogram/app");
  });
  const app = config as AppConfig | null;
  if (!app) throw new Error("app.ts did not call App()");
  harness.app.globalData = { ...app.globalData };
  return {
    launch: (o) => app.onLaunch.call(harness.app, o),
    show: (o) => app.onShow.call(harness.app, o),
  };
}

function expectNoNavigation(): void {
  for (const name of ["navigateTo", "redirectTo", "navigateBack", "switchTab", "reLaunch"] as const) {
    expect(wx[name]).not.toHaveBeenCalled();
  }
}

describe("app.ts records the entry and never redirects", () => {
  test("a room's QR code opens the live page directly; the entry is recorded, the shopper stays", () => {
    jest.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
    const app = loadApp();
    const options = { scene: 1047, path: LIVE_ROUTE, query: { room_id: "12", type: "9" } };
    app.launch(options);
    app.show(options);
    expect(harness.app.globalData.entry).toMatchObject({
      scene: 1047,
      kind: "qrcode",
      livePage: true,
      roomId: 12,
      entryType: 9,
      at: 1_700_000_000_000,
    });
    expectNoNavigation();
  });

  test("an article card (scene 1058, type=10)", () => {
    const app = loadApp();
    app.launch({ scene: 1058, path: LIVE_ROUTE, query: { room_id: "34", type: "10" } });
    expect(harness.app.globalData.entry).toMatchObject({ kind: "article", roomId: 34, entryType: 10 });
    expectNoNavigation();
  });

  test("a share card from the background is a new entry; the first onShow repeat is not", () => {
    const now = jest.spyOn(Date, "now").mockReturnValue(1000);
    const app = loadApp();
    const launch = { scene: 1001, path: "pages/rooms/rooms", query: {} };
    app.launch(launch);
    now.mockReturnValue(2000);
    app.show(launch);
    expect(harness.app.globalData.entry).toMatchObject({ scene: 1001, at: 1000 });

    now.mockReturnValue(3000);
    app.show({ scene: 1044, path: LIVE_ROUTE, query: { room_id: "12" }, shareTicket: "tk_9" });
    expect(harness.app.globalData.entry).toMatchObject({
      scene: 1044,
      kind: "share",
      shareTicket: "tk_9",
      roomId: 12,
      at: 3000,
    });
    expectNoNavigation();
  });

  test("an unknown scene is recorded as-is", () => {
    const app = loadApp();
    app.launch({ scene: 1234, path: "pages/rooms/rooms", query: {} });
    expect(harness.app.globalData.entry).toMatchObject({ scene: 1234, kind: "other" });
  });

  test("the recorded entry reaches the live page as attribution when the goods page opens it", async () => {
    const app = loadApp();
    app.launch({ scene: 1058, path: "packageA/pages/goods/goods", query: { id: "8812", room_id: "12" } });
    harness.backend = fakeBackend({ goods: goodsFixture(), roomIds: [12], rooms: [roomFixture(12, 101)] });
    const page = openPage("packageA/pages/goods/goods", { query: { id: "8812", room_id: "12" } });
    await flush(20);
    const button = page.comp.querySelector("#back-to-live")?.querySelector("#btl-live");
    button?.dispatchEvent("tap");
    await flush();
    const url = (wx.navigateTo as jest.Mock).mock.calls[0][0].url as string;
    expect(customParamsOf(url)).toEqual({ src: "goods:article", scene: 1058 });
  });
});
