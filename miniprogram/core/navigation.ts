/**
 * Where the shopper goes next, decided in one place for every page and component; `services/
 * navigation.ts` carries the decision out. Pure: pages pass the page stack (`getCurrentPages()`, the
 * current page last) and get an action back.
 *
 * The rules (docs/wechat-live.md, "Navigation and the 小窗"): an action is only ever navigateBack,
 * navigateTo or redirectTo. `reLaunch` closes the live 小窗 (picture-in-picture) and leaves nothing to
 * go back to, and `switchTab` froze pages seen through the 小窗, so neither exists here. A stack holds
 * at most 10 pages; navigateTo fails beyond, so a full stack replaces the current page instead.
 */
import { encodeCustomParams, type CustomParams } from "./custom-params";
import { isLivePageRoute } from "./live-page-route";

/** Our room list, the home of the app (a main-package page, not a tab page). */
export const LIST_ROUTE = "pages/rooms/rooms";
/** A room's page: header, status, subscribe, the way into the live page. */
export const ROOM_ROUTE = "packageA/pages/room/room";
/** Our goods page, the one the sample goods are registered with. */
export const GOODS_ROUTE = "packageA/pages/goods/goods";
/** The bridge into the plugin's live page, for pages outside packageA (and the back-to-live component). */
export const LIVE_BRIDGE_ROUTE = "packageA/pages/live/live";
export const HOME_URL = `/${LIST_ROUTE}`;
/** WeChat's page stack limit: navigateTo fails once this many pages are open. */
export const MAX_PAGE_STACK = 10;

export type NavAction =
  | { kind: "navigateBack"; delta: number }
  | { kind: "navigateTo"; url: string }
  | { kind: "redirectTo"; url: string };

/** A page of the stack: its route, and its query when the caller has it (`page.options`). */
export type StackPage = string | { route: string; options?: Record<string, unknown> };

function routeOf(page: StackPage): string {
  const route = typeof page === "string" ? page : page.route;
  return route.replace(/^\//, "").split("?")[0];
}

function optionsOf(page: StackPage): Record<string, unknown> {
  return typeof page === "string" ? {} : (page.options ?? {});
}

/** How many pages to go back to reach the nearest page below the current one that matches. */
function deltaBelow(stack: readonly StackPage[], matches: (page: StackPage) => boolean): number | null {
  const current = stack.length - 1;
  for (let i = current - 1; i >= 0; i -= 1) {
    if (matches(stack[i])) return current - i;
  }
  return null;
}

/** The delta back to our room list, or null when it is not below the current page. */
export function listDeltaBelow(stack: readonly StackPage[]): number | null {
  return deltaBelow(stack, (page) => routeOf(page) === LIST_ROUTE);
}

/**
 * The delta back to the nearest live page of `roomId` (a live page whose room is not known counts),
 * or null when there is none below the current page.
 */
export function liveDeltaBelow(stack: readonly StackPage[], roomId: number): number | null {
  return deltaBelow(stack, (page) => {
    if (!isLivePageRoute(routeOf(page))) return false;
    const room = Number(optionsOf(page).room_id);
    return !Number.isSafeInteger(room) || room <= 0 || room === roomId;
  });
}

/** Opens a page on top, or in place of the current page when the stack is full. */
export function decideOpen(stack: readonly StackPage[], url: string): NavAction {
  return stack.length >= MAX_PAGE_STACK ? { kind: "redirectTo", url } : { kind: "navigateTo", url };
}

/**
 * The bridge page's way into the live page, in order of preference: in the bridge's own place
 * (redirectTo), else on top of it when the stack has room. The bridge tries each until one works.
 */
export function decideBridgeOpen(stack: readonly StackPage[], url: string): NavAction[] {
  const onTop = decideOpen(stack, url);
  return onTop.kind === "navigateTo" ? [{ kind: "redirectTo", url }, onTop] : [{ kind: "redirectTo", url }];
}

/**
 * Home: back to our list when it is in the stack (whatever lies between is closed, the 小窗 keeps
 * playing); otherwise the list is opened on top.
 */
export function decideHome(stack: readonly StackPage[]): NavAction {
  const delta = listDeltaBelow(stack);
  return delta === null ? decideOpen(stack, HOME_URL) : { kind: "navigateBack", delta };
}

/** Back: the previous page, or home when this page was opened cold. */
export function decideBack(stack: readonly StackPage[]): NavAction {
  return stack.length > 1 ? { kind: "navigateBack", delta: 1 } : decideHome(stack);
}

/** A room's page; with the sharer id of whoever shares it, when a share carries it. */
export function roomPageUrl(roomId: number, sharerId: string | null = null): string {
  return `/${ROOM_ROUTE}?room_id=${roomId}${sharerId ? `&sharer=${sharerId}` : ""}`;
}

/** The bridge page that opens the plugin's live page of `roomId` with these custom_params. */
export function liveBridgeUrl(roomId: number, customParams: CustomParams | null): string {
  const params = customParams && Object.keys(customParams).length > 0 ? customParams : null;
  const query = params ? `&custom_params=${encodeCustomParams(params)}` : "";
  return `/${LIVE_BRIDGE_ROUTE}?room_id=${roomId}${query}`;
}
