/**
 * The mini-program runtime as the tests see it: in-memory wx storage, wx spies, getApp,
 * getCurrentPages with a settable page stack, a fake wx.request backend, the fake live plugin and
 * the fake 视频号 world (fake-channels.ts: GET /api/channels and WeChat's channels APIs).
 * `resetHarness()` runs before every test (after-env.ts), so no state leaks between tests.
 */
import { FakeChannels } from "./fake-channels";
import { FakeLivePlugin, HOST_APPID } from "./fake-live-plugin";

export interface PageLike {
  route: string;
  options: Record<string, string>;
}

export interface RequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  timeout?: number;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

export type BackendReply =
  { statusCode: number; data?: unknown; header?: Record<string, string> } | { fail: string } | "hold";

/** Our backend's error answer: the status and `{error:{code,message}}` (typings/api.d.ts ErrorBody). */
export function errorReply(statusCode: number, code: string, message: string): Exclude<BackendReply, "hold"> {
  return { statusCode, data: { error: { code, message } } };
}

export interface HeldRequest {
  options: RequestOptions;
  reply(response: Exclude<BackendReply, "hold">): void;
}

export type Backend = (url: URL, options: RequestOptions) => BackendReply;

interface EnterOptions {
  scene: number;
  path: string;
  query: Record<string, string>;
  shareTicket?: string;
}

type AppData = IAppOption;

export const harness = {
  storage: new Map<string, unknown>(),
  plugin: new FakeLivePlugin(),
  pageStack: [] as PageLike[],
  app: { globalData: { entry: null, shareParams: null } } as AppData,
  enterOptions: { scene: 1001, path: "pages/rooms/rooms", query: {} } as EnterOptions,
  envVersion: "develop" as "develop" | "trial" | "release",
  backend: ((): BackendReply => ({ fail: "request:fail the test set no backend" })) as Backend,
  requests: [] as RequestOptions[],
  held: [] as HeldRequest[],
  /** GET /api/channels and wx.*Channels*: its requests are not in `requests`, which is the rooms' API. */
  channels: new FakeChannels(),
  /** The base library version the device reports (setSdkVersion). */
  sdkVersion: "3.4.0",
};

function deliver(options: RequestOptions, reply: Exclude<BackendReply, "hold">): void {
  if ("fail" in reply) options.fail?.({ errMsg: reply.fail });
  else {
    const data =
      reply.data === undefined
        ? ""
        : typeof reply.data === "string"
          ? reply.data
          : JSON.stringify(reply.data);
    options.success?.({ statusCode: reply.statusCode, data, header: reply.header ?? {} });
  }
  options.complete?.();
}

/** Releases held requests in order (a test's way to let "the network" answer later). */
export function releaseHeld(reply: (options: RequestOptions) => Exclude<BackendReply, "hold">): void {
  const held = harness.held.splice(0);
  for (const h of held) h.reply(reply(h.options));
}

export function setPageStack(pages: Array<string | PageLike>): void {
  harness.pageStack = pages.map((p) => (typeof p === "string" ? { route: p, options: {} } : p));
}

/** What packageA's share-params service keeps for this entry (`globalData.shareParams`). */
export function setShareParams(params: {
  roomId: number | null;
  sharer?: string | null;
  customParams?: Record<string, unknown> | null;
}): void {
  harness.app.globalData.shareParams = {
    entry: "e",
    roomId: params.roomId,
    sharer: params.sharer ?? null,
    customParams: params.customParams ?? null,
  };
}

export function setEnterOptions(options: Partial<EnterOptions>): void {
  harness.enterOptions = { ...harness.enterOptions, ...options };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx is a large typed global; the harness patches a few members
type AnyFn = (...args: any[]) => any;
const wxGlobal = (): Record<string, AnyFn> => (globalThis as unknown as { wx: Record<string, AnyFn> }).wx;

function okCallback(name: string): AnyFn {
  return jest.fn((options?: { success?: AnyFn; complete?: AnyFn }) => {
    options?.success?.({ errMsg: `${name}:ok` });
    options?.complete?.({ errMsg: `${name}:ok` });
    return Promise.resolve({ errMsg: `${name}:ok` });
  });
}

export function resetHarness(): void {
  harness.storage = new Map();
  harness.plugin = new FakeLivePlugin();
  harness.pageStack = [];
  harness.app = { globalData: { entry: null, shareParams: null } };
  harness.enterOptions = { scene: 1001, path: "pages/rooms/rooms", query: {} };
  harness.envVersion = "develop";
  harness.backend = () => ({ fail: "request:fail the test set no backend" });
  harness.requests = [];
  harness.held = [];
  harness.channels = new FakeChannels();

  const wx = wxGlobal();
  wx.getStorageSync = jest.fn((key: string) => (harness.storage.has(key) ? harness.storage.get(key) : ""));
  wx.setStorageSync = jest.fn((key: string, value: unknown) => {
    // Real storage serialises; so do we, so tests see what a device would keep.
    harness.storage.set(key, JSON.parse(JSON.stringify(value)));
  });
  wx.removeStorageSync = jest.fn((key: string) => harness.storage.delete(key));
  wx.clearStorageSync = jest.fn(() => harness.storage.clear());
  wx.request = jest.fn((options: RequestOptions) => {
    const url = new URL(options.url);
    if (url.pathname === CHANNELS_PATH) {
      const listReply = harness.channels.serveList(options);
      if (listReply === "hold") harness.held.push({ options, reply: (r) => deliver(options, r) });
      else deliver(options, listReply);
      return { abort: jest.fn() };
    }
    harness.requests.push(options);
    const reply = harness.backend(url, options);
    if (reply === "hold") harness.held.push({ options, reply: (r) => deliver(options, r) });
    else deliver(options, reply);
    return { abort: jest.fn() };
  });
  for (const name of [
    "navigateTo",
    "redirectTo",
    "navigateBack",
    "switchTab",
    "reLaunch",
    "showToast",
    "hideToast",
    "showLoading",
    "hideLoading",
    "stopPullDownRefresh",
    "startPullDownRefresh",
    "showModal",
    "setClipboardData",
    "vibrateShort",
    "pageScrollTo",
    "setNavigationBarTitle",
    "showShareMenu",
  ]) {
    wx[name] = okCallback(name);
  }
  wx.getAccountInfoSync = jest.fn(() => ({
    miniProgram: { appId: HOST_APPID, envVersion: harness.envVersion, version: "" },
  }));
  wx.getEnterOptionsSync = jest.fn(() => ({ ...harness.enterOptions }));
  wx.getLaunchOptionsSync = jest.fn(() => ({ ...harness.enterOptions }));
  // A fixed iPhone-sized device so layout maths (safe area, nav bar) is deterministic.
  const windowInfo = {
    pixelRatio: 3,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 44,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    screenTop: 0,
  };
  wx.getWindowInfo = jest.fn(() => ({ ...windowInfo }));
  wx.getSystemInfoSync = jest.fn(() => ({
    ...windowInfo,
    platform: "ios",
    theme: "light",
    SDKVersion: harness.sdkVersion,
  }));
  setSdkVersion("3.4.0");
  for (const api of [
    "getChannelsLiveInfo",
    "getChannelsLiveNoticeInfo",
    "openChannelsLive",
    "reserveChannelsLive",
  ] as const) {
    wx[api] = jest.fn((options) => harness.channels[api](options));
  }
  wx.getMenuButtonBoundingClientRect = jest.fn(() => ({
    width: 87,
    height: 32,
    top: 48,
    right: 368,
    bottom: 80,
    left: 281,
  }));
}

const CHANNELS_PATH = "/api/channels";

/** wx.getAppBaseInfo exists from base library 2.25.3; older devices only have getSystemInfoSync. */
export function setSdkVersion(version: string): void {
  harness.sdkVersion = version;
  const wx = wxGlobal();
  const [major, minor, patch] = version.split(".").map(Number);
  const hasBaseInfo = major > 2 || (major === 2 && (minor > 25 || (minor === 25 && patch >= 3)));
  if (hasBaseInfo) wx.getAppBaseInfo = jest.fn(() => ({ SDKVersion: harness.sdkVersion, theme: "light" }));
  else delete wx.getAppBaseInfo;
}

interface ExparserEvents {
  Event: { dispatchEvent(target: unknown, event: { type?: string }): unknown };
}

/**
 * WeChat lets gesture-only APIs (openChannelsLive) through only while a tap is being handled. The
 * harness marks exactly that span: every tap simulate dispatches, and everything its handlers run
 * synchronously (custom events a component triggers from it included). Patched on the exparser
 * instance simulate renders with, before anything calls jest.resetModules.
 */
function markTaps(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- exparser ships without types; simulate holds this instance
  const exparser = require("miniprogram-exparser") as ExparserEvents;
  const dispatch = exparser.Event.dispatchEvent.bind(exparser.Event);
  exparser.Event.dispatchEvent = (target, event) => {
    if (event?.type !== "tap") return dispatch(target, event);
    const outer = harness.channels.inTap;
    harness.channels.inTap = true;
    try {
      return dispatch(target, event);
    } finally {
      harness.channels.inTap = outer;
    }
  };
}

export function installGlobals(): void {
  markTaps();
  const g = globalThis as unknown as Record<string, unknown>;
  g.getApp = () => harness.app;
  g.getCurrentPages = () => harness.pageStack;
  g.requirePlugin = (name: string) => {
    if (name !== "live-player-plugin") throw new Error(`plugin ${name} is not declared`);
    return harness.plugin;
  };
}
