/**
 * Turns a page mounted by the test harness into a standalone HTML document a browser can screenshot:
 * the page's DOM (`wx-*` elements), the component styles simulate injected, app.wxss with its theme
 * variables, a small shim for the `wx-*` tags, the navigation bar WeChat would draw, and local images.
 * Runs inside jest's jsdom environment (the gallery jest run and test/app/gallery.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { localImage } from "./gallery-images";
import { openPage, type MountedPage, type OpenOptions } from "./mount";
import { MP_ROOT, REPO_ROOT } from "./paths";

const SHIM_CSS = path.join(REPO_ROOT, "test/gallery/wx-shim.css");

interface ExparserEvents {
  Event: {
    create(name: string, detail: object, options: object): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
}
// The instance simulate renders with: taken at import, before any jest.resetModules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- exparser ships without types
const exparser = require("miniprogram-exparser") as ExparserEvents;

/** The harness's device: a 375 × 812 phone with a 44 px status bar and a 44 px navigation bar. */
export const SCREEN = { width: 375, height: 812, statusBar: 44, navBar: 44 };

/** 1rpx is 1/750 of the screen width: 0.5 px on a 375 px wide phone. */
export function rpxToPx(css: string): string {
  return css.replace(
    /(-?\d*\.?\d+)rpx/gi,
    (_, n: string) => `${Number((Number(n) * (SCREEN.width / 750)).toFixed(3))}px`,
  );
}

interface Rewritable {
  transformRpx: (style: string, ...rest: unknown[]) => string;
}

let rpxInstalled = false;

/**
 * simulate turns `1rpx` into `1px` when it injects styles (and j-component does the same for inline
 * styles), which draws a page at twice its size. Both helpers are swapped for the real ratio. They are
 * the module instances simulate already holds, so this must run before anything calls jest.resetModules.
 */
export function useRealRpx(): void {
  if (rpxInstalled) return;
  rpxInstalled = true;
  const convert = (style: string): string => rpxToPx(style);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- simulate's internals ship without types
  (require("miniprogram-simulate/src/utils") as Rewritable).transformRpx = convert;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- j-component's internals ship without types
  (require("j-component/src/tool/utils") as Rewritable).transformRpx = convert;
}

/** Opens a page with only its own styles in the document (each mount's root is prefixed `main--`). */
export function openForGallery(route: string, options: OpenOptions = {}): MountedPage {
  useRealRpx();
  document.head.querySelectorAll("style").forEach((style) => style.remove());
  return openPage(route, options);
}

interface PageJson {
  navigationBarTitleText?: string;
  navigationStyle?: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The title WeChat's own bar shows, or null for pages that draw their own (navigationStyle custom). */
export function navigationTitle(route: string): string | null {
  const json = readJson<PageJson>(path.join(MP_ROOT, `${route}.json`));
  if (json.navigationStyle === "custom") return null;
  const calls = (wx.setNavigationBarTitle as unknown as jest.Mock | undefined)?.mock?.calls ?? [];
  const last = calls.length > 0 ? (calls[calls.length - 1][0] as { title?: string }).title : undefined;
  if (last) return last;
  if (json.navigationBarTitleText) return json.navigationBarTitleText;
  return readJson<{ window?: PageJson }>(path.join(MP_ROOT, "app.json")).window?.navigationBarTitleText ?? "";
}

/** app.wxss with `page` (the page root) mapped onto the gallery's wrapper. */
function appStyles(): string {
  const wxss = fs.readFileSync(path.join(MP_ROOT, "app.wxss"), "utf8");
  return rpxToPx(wxss.replace(/(^|[\s,}])page(?=\s*[{,])/g, "$1.wx-page"));
}

type VirtualAttrs = Array<{ name: string; value: unknown }>;

/** What the template said about a node: simulate keeps built-in tags' properties off the DOM. */
function templateAttrs(el: Element): Map<string, unknown> {
  const node = (el as unknown as { __wxElement?: { _vt?: { attrs?: VirtualAttrs } } }).__wxElement;
  return new Map((node?._vt?.attrs ?? []).map((a) => [a.name.toLowerCase(), a.value]));
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function addStyle(el: Element, style: string): void {
  const current = el.getAttribute("style") ?? "";
  el.setAttribute(
    "style",
    current && !current.trim().endsWith(";") ? `${current};${style}` : `${current}${style}`,
  );
}

const px = (value: unknown): string | null => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? `${n}px` : null;
};

/**
 * Gives the serialised DOM what the browser needs: image sources (made local), image modes, and a
 * labelled box of the right size for what simulate cannot render (the plugin's subscribe, video).
 */
function annotate(root: Element): void {
  for (const el of Array.from(root.querySelectorAll("wx-image"))) {
    const attrs = templateAttrs(el);
    const src = typeof attrs.get("src") === "string" ? (attrs.get("src") as string) : "";
    el.setAttribute("data-mode", String(attrs.get("mode") ?? "scaleToFill"));
    if (src) addStyle(el, `background-image:url("${localImage(src)}")`);
  }
  for (const el of Array.from(root.querySelectorAll("wx-video"))) {
    const title = templateAttrs(el).get("title");
    el.setAttribute(
      "data-gallery-label",
      `视频播放器${typeof title === "string" && title ? ` · ${title}` : ""}`,
    );
  }
  for (const el of Array.from(root.querySelectorAll("wx-channel-live"))) {
    // WeChat draws the 视频号 live's cover and status here (base library 2.29.0+)
    el.setAttribute("data-gallery-label", "视频号直播封面 · channel-live 组件");
  }
  for (const el of Array.from(root.querySelectorAll("subscribe"))) {
    const a = templateAttrs(el);
    // The plugin's button: the size the page asks for, in px (the plugin's own unit).
    const width = px(a.get("width")) ?? "100px";
    const height = px(a.get("height")) ?? "30px";
    addStyle(el, `width:${width};height:${height}`);
    el.setAttribute("data-gallery-label", "订阅 · 直播插件组件");
  }
}

/** WeChat's own status and navigation bars, themed like app.json (theme.json: navBg, navText). */
function navigationChrome(title: string): string {
  return (
    `<div class="wx-chrome"><div class="wx-chrome__status"><span>19:00</span></div>` +
    `<div class="wx-chrome__bar"><span class="wx-chrome__title">${escapeHtml(title)}</span>` +
    `<span class="wx-chrome__capsule"><i></i><b></b><i class="wx-chrome__ring"></i></span></div></div>`
  );
}

/**
 * On a phone every <image> fires `load`; in simulate none does, so vant's van-image would keep its
 * loading placeholder over the cover forever. Fire it, as the device would.
 */
export async function loadImages(page: MountedPage): Promise<void> {
  const dom = page.comp.dom;
  if (!dom) return;
  for (const el of Array.from(dom.querySelectorAll("wx-image"))) {
    const node = (el as unknown as { __wxElement?: unknown }).__wxElement;
    if (node)
      exparser.Event.dispatchEvent(node, exparser.Event.create("load", { width: 300, height: 400 }, {}));
  }
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

export interface RenderedPage {
  html: string;
  /** Viewport height that leaves a phone screen (812 px) below WeChat's bars. */
  viewportHeight: number;
}

/** Serialises a mounted page, with its injected styles, as a standalone document. */
export function renderPage(page: MountedPage, route: string): RenderedPage {
  const dom = page.comp.dom;
  if (!dom) throw new Error(`${route} has no DOM to render`);
  annotate(dom);
  const title = navigationTitle(route);
  const chrome = title === null ? `<div class="wx-status">19:00</div>` : navigationChrome(title);
  const injected = Array.from(document.head.querySelectorAll("style"))
    .map((style) => style.textContent ?? "")
    .join("\n");
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=${SCREEN.width}"><title>${escapeHtml(route)}</title>` +
    `<style>${fs.readFileSync(SHIM_CSS, "utf8")}</style><style>${appStyles()}</style>` +
    `<style>${injected}</style></head><body>${chrome}<div class="wx-page">${dom.outerHTML}</div></body></html>`;
  const chromeHeight = title === null ? 0 : SCREEN.statusBar + SCREEN.navBar;
  return { html, viewportHeight: SCREEN.height - chromeHeight };
}

export interface ShotMeta {
  /** File name without extension, e.g. `rooms-list`. */
  name: string;
  page: "rooms" | "channels" | "room" | "goods";
  /** Which build shows this state (scripts/lib/live-source.ts), or both; the plugin build when absent. */
  build?: "plugin" | "channels" | "both";
  /** One line for the index: what state this is. */
  caption: string;
  viewportHeight: number;
  /** Order of writing within its file (jest runs a file's tests in order). */
  seq: number;
}

let written = 0;

/** Where gallery runs leave their documents for scripts/gallery.ts. */
export function galleryOutDir(): string {
  return process.env.GALLERY_OUT ?? path.join(REPO_ROOT, ".tmp/gallery");
}

/** Writes `<name>.html` and `<name>.json` (the metadata scripts/gallery.ts reads). */
export function writeShot(meta: Omit<ShotMeta, "viewportHeight" | "seq">, rendered: RenderedPage): void {
  const dir = galleryOutDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${meta.name}.html`), rendered.html);
  written += 1;
  const full: ShotMeta = { ...meta, viewportHeight: rendered.viewportHeight, seq: written };
  fs.writeFileSync(path.join(dir, `${meta.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
}
