/**
 * Mounting pages and components with miniprogram-simulate, the official wcc compiler and the real
 * vant components from miniprogram_npm. Pages are built with Component(), so the harness plays the
 * page lifecycle itself: onLoad(query) and onShow() on open, onHide/onShow, onUnload on close.
 */
import * as fs from "fs";
import * as path from "path";
import * as simulate from "miniprogram-simulate";
import { harness } from "./harness";

import { MP_ROOT } from "./paths";

export { MP_ROOT };
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

/** Reading and tapping the rendered tree, the same for pages and components. */
export interface MountedView {
  comp: Mounted;
  instance: PageInstance;
  setDataCalls: SetDataCall[];
  /** Text content of the first node matching a class/id selector (whitespace folded), or null. */
  text(selector: string): string | null;
  exists(selector: string): boolean;
  /** Dispatches a tap on the first node matching the selector and lets promise callbacks run. */
  tap(selector: string): Promise<void>;
  /**
   * Taps a vant component by its selector (vant listens on its inner node, not on the host), then
   * settles: promise callbacks and zero-delay timers run.
   */
  tapVant(selector: string, inner?: string): Promise<void>;
  html(): string;
}

export interface MountedPage extends MountedView {
  show(): void;
  hide(): void;
  unload(): void;
}

export interface MountedComponent extends MountedView {
  /** The events the component triggered, in order. */
  events: Array<{ name: string; detail: unknown }>;
  /** The page lifetime the component's page goes through (`pageLifetimes`). */
  pageLifetime(name: "show" | "hide"): void;
  detach(): void;
  /** The whole rendered text, whitespace folded. */
  allText(): string;
}

/** Loads a component or page by its path under miniprogram/ (no extension). */
export function load(relPath: string): string {
  // A module's Component() runs once per registry (docs/tooling.md, "Testing pages without
  // WeChat"): reset, so each load registers anew.
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

const folded = (text: string | undefined): string => (text ?? "").replace(/\s+/g, " ").trim();

function view(comp: Mounted): MountedView {
  const instance = comp.instance as unknown as PageInstance;
  const setDataCalls = trackSetData(instance);
  const first = (selector: string) => comp.querySelector(selector);
  const tapNode = (node: Mounted | undefined, what: string): void => {
    if (!node) throw new Error(`nothing matches ${what}`);
    node.dispatchEvent("tap");
  };
  return {
    comp,
    instance,
    setDataCalls,
    text: (selector) => {
      const node = first(selector);
      return node ? folded(node.dom?.textContent) : null;
    },
    exists: (selector) => Boolean(first(selector)),
    tap: async (selector) => {
      tapNode(first(selector), selector);
      await flush();
    },
    tapVant: async (selector, inner = ".van-button") => {
      tapNode(first(selector)?.querySelector(inner), `${selector} ${inner}`);
      await settle();
    },
    html: () => comp.dom?.outerHTML ?? "",
  };
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
  const comp = simulate.render(load(route));
  const page = view(comp);
  comp.attach(document.createElement("parent-wrapper"));
  const below = (options.below ?? []).map((p) => (typeof p === "string" ? { route: p, options: {} } : p));
  harness.pageStack = [...below, { route, options: query }];
  const call = (name: string, ...args: unknown[]) => {
    const fn = page.instance[name];
    if (typeof fn === "function") fn.apply(page.instance, args);
  };
  call("onLoad", query);
  if (!options.noShow) call("onShow");
  return {
    ...page,
    show: () => call("onShow"),
    hide: () => call("onHide"),
    unload: () => {
      call("onUnload");
      comp.detach();
      harness.pageStack = harness.pageStack.slice(0, -1);
    },
  };
}

/** Exists at runtime in j-component, missing from its typings. */
interface Lifetimes {
  triggerPageLifeTime(name: string): void;
  detach(): void;
}

/** Mounts a component with these properties, attached, with its events and setData recorded. */
export function mountComponent(relPath: string, properties: Record<string, unknown> = {}): MountedComponent {
  const comp = simulate.render(load(relPath), properties);
  const mounted = view(comp);
  const events: MountedComponent["events"] = [];
  const instance = comp.instance as unknown as { triggerEvent(name: string, detail?: unknown): void };
  const trigger = instance.triggerEvent.bind(instance);
  instance.triggerEvent = (name, detail) => {
    events.push({ name, detail });
    trigger(name, detail);
  };
  comp.attach(document.createElement("parent-wrapper"));
  const lifetimes = comp as unknown as Lifetimes;
  return {
    ...mounted,
    events,
    pageLifetime: (name) => lifetimes.triggerPageLifeTime(name),
    detach: () => lifetimes.detach(),
    allText: () => folded(comp.dom?.textContent),
  };
}

/** Whether jest's fake timers are installed: their setTimeout carries the fake clock. */
function fakeTimers(): boolean {
  return (setTimeout as unknown as { clock?: unknown }).clock !== undefined;
}

/** Lets pending promise callbacks run; works with real and fake timers. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}

/**
 * Lets promise callbacks and zero-delay timers run. Under jest fake timers (the tests of anything that
 * ticks) it advances them by 0 ms; with real timers it only flushes promises.
 */
export async function settle(rounds = 5): Promise<void> {
  if (fakeTimers()) await jest.advanceTimersByTimeAsync(0);
  await flush(rounds);
}
