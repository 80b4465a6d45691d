/**
 * Mounting pages and components with miniprogram-simulate, the official wcc compiler and the real
 * vant components from miniprogram_npm. Pages are built with Component(), so the harness plays the
 * page lifecycle itself: onLoad(query) and onShow() on open, onHide/onShow, onUnload on close.
 */
import * as fs from "fs";
import * as path from "path";
import * as simulate from "miniprogram-simulate";
import { harness } from "./harness";

export const MP_ROOT = path.resolve(__dirname, "../../miniprogram");
const VANT_ROOT = path.join(MP_ROOT, "miniprogram_npm/@vant/weapp");

let vantMap: Record<string, string> | null = null;

/** `van-button` → `/miniprogram_npm/@vant/weapp/button/index`, for every vant component. */
export function vantComponents(): Record<string, string> {
  if (vantMap) return vantMap;
  vantMap = {};
  for (const dir of fs.readdirSync(VANT_ROOT)) {
    if (fs.existsSync(path.join(VANT_ROOT, dir, "index.json"))) {
      vantMap[`van-${dir}`] = `/miniprogram_npm/@vant/weapp/${dir}/index`;
    }
  }
  return vantMap;
}

export interface SetDataCall {
  data: Record<string, unknown>;
  /** UTF-8 bytes of the JSON that would cross to the view layer. */
  bytes: number;
}

/** What a mounted page or component exposes to tests. */
export type Mounted = ReturnType<typeof simulate.render>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page methods are the page's own; tests call them by name
export type PageInstance = Record<string, any> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, cb?: () => void): void;
};

export interface MountedPage {
  comp: Mounted;
  instance: PageInstance;
  setDataCalls: SetDataCall[];
  show(): void;
  hide(): void;
  unload(): void;
  /** Text content of the first node matching a class/id selector, or null. */
  text(selector: string): string | null;
  exists(selector: string): boolean;
  /** Dispatches a tap on the first node matching the selector and lets handlers run. */
  tap(selector: string): Promise<void>;
  html(): string;
}

/** Loads a component or page by its path under miniprogram/ (no extension). */
export function load(relPath: string): string {
  // A module's Component() runs once per registry (tooling.md §2): reset so each load registers anew.
  jest.resetModules();
  return simulate.load(path.join(MP_ROOT, relPath), { rootPath: MP_ROOT, usingComponents: vantComponents() });
}

function trackSetData(instance: PageInstance): SetDataCall[] {
  const calls: SetDataCall[] = [];
  const original = instance.setData.bind(instance);
  instance.setData = (data: Record<string, unknown>, cb?: () => void) => {
    calls.push({ data, bytes: Buffer.byteLength(JSON.stringify(data), "utf8") });
    original(data, cb);
  };
  return calls;
}

export interface OpenOptions {
  query?: Record<string, string>;
  /** Open below these routes (the harness page stack). */
  below?: Array<string | { route: string; options: Record<string, string> }>;
  /** Skip onShow (to test onLoad alone). */
  noShow?: boolean;
}

/** Opens a page the way WeChat does: mount, push on the stack, onLoad(query), onShow(). */
export function openPage(route: string, options: OpenOptions = {}): MountedPage {
  const query = options.query ?? {};
  const id = load(route);
  const comp = simulate.render(id);
  const instance = comp.instance as unknown as PageInstance;
  const setDataCalls = trackSetData(instance);
  comp.attach(document.createElement("parent-wrapper"));
  const below = (options.below ?? []).map((p) => (typeof p === "string" ? { route: p, options: {} } : p));
  harness.pageStack = [...below, { route, options: query }];
  const call = (name: string, ...args: unknown[]) => {
    const fn = instance[name];
    if (typeof fn === "function") fn.apply(instance, args);
  };
  call("onLoad", query);
  if (!options.noShow) call("onShow");
  const first = (selector: string) => comp.querySelector(selector);
  return {
    comp,
    instance,
    setDataCalls,
    show: () => call("onShow"),
    hide: () => call("onHide"),
    unload: () => {
      call("onUnload");
      comp.detach();
      harness.pageStack = harness.pageStack.slice(0, -1);
    },
    text: (selector) => {
      const node = first(selector);
      return node ? (node.dom?.textContent ?? "").replace(/\s+/g, " ").trim() : null;
    },
    exists: (selector) => Boolean(first(selector)),
    tap: async (selector) => {
      const node = first(selector);
      if (!node) throw new Error(`nothing matches ${selector}`);
      node.dispatchEvent("tap");
      await flush();
    },
    html: () => comp.dom?.outerHTML ?? "",
  };
}

/** Lets pending promise callbacks run; works with real and fake timers. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
