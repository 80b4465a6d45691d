/**
 * How a goods page returns the shopper to the live room, and how it goes home, decided from the page
 * stack alone (live-plugin.md §4). Pure: pages pass `getCurrentPages()` routes and call the wx API named
 * by the answer.
 *
 * WeChat's rules behind the decisions: `switchTab` to a tab page froze the page through the live
 * window, and `reLaunch` closes the live window and leaves nothing to go back to, so back-to-live never
 * uses either. A page stack holds at most 10 pages, where `navigateTo` fails.
 */
import type { LiveStatus } from "../../typings/api";
import {
  CUSTOM_PARAMS_MAX_LENGTH,
  buildLivePageUrl,
  isLivePageRoute,
  type CustomParams,
} from "./plugin-urls";
import { LIST_ROUTE, listDeltaBelow } from "./room-view";

/** WeChat's page stack limit: navigateTo fails once this many pages are open. */
export const MAX_PAGE_STACK = 10;
/** Our room list, the home of the app (a main-package page, not a tab page). */
export const HOME_URL = `/${LIST_ROUTE}`;

export type BackToLiveAction =
  | { kind: "navigateBack"; delta: number }
  | { kind: "navigateTo"; url: string }
  | { kind: "redirectTo"; url: string };

export type OpenAction = { kind: "navigateTo"; url: string } | { kind: "redirectTo"; url: string };

export type HomeAction = { kind: "navigateBack"; delta: number } | { kind: "reLaunch"; url: string };

export interface BackToLiveInput {
  /** `getCurrentPages().map(p => p.route)`, the current page last. */
  routes: readonly string[];
  roomId: number;
  /** What goes into the live page's custom_params (see `liveCustomParams`). */
  customParams?: CustomParams | null;
}

/**
 * The plugin's live page right below → go back to it (the live window keeps playing); otherwise open
 * the live page anew, replacing the current page when the stack is full.
 */
export function decideBackToLive(input: BackToLiveInput): BackToLiveAction {
  const { routes } = input;
  if (routes.length >= 2 && isLivePageRoute(routes[routes.length - 2])) {
    return { kind: "navigateBack", delta: 1 };
  }
  return decideOpen(routes, buildLivePageUrl({ roomId: input.roomId, customParams: input.customParams }));
}

/** Opens a page on top, or in place of the current page when the stack is full. */
export function decideOpen(routes: readonly string[], url: string): OpenAction {
  return routes.length >= MAX_PAGE_STACK ? { kind: "redirectTo", url } : { kind: "navigateTo", url };
}

/** What the floating button offers: back to the live room, its replays, or nothing (room over). */
export type LiveButton = "live" | "replay" | "none";

/**
 * Unknown status (not loaded yet, or the backend is down) keeps 返回直播间: the shopper usually just
 * came from the live room. Only a room known to be over changes it.
 */
export function liveButtonFor(status: LiveStatus | null | undefined, hasReplays: boolean): LiveButton {
  if (status === 103) return hasReplays ? "replay" : "none";
  if (status === 104 || status === 107) return "none";
  return "live";
}

/**
 * Home: back to our room list when it is in the stack (the pages between are closed, nothing is
 * relaunched); otherwise a fresh start at the list, which only an explicit tap may trigger.
 */
export function decideHome(routes: readonly string[]): HomeAction {
  const delta = listDeltaBelow(routes);
  return delta === null ? { kind: "reLaunch", url: HOME_URL } : { kind: "navigateBack", delta };
}

function encodedLength(params: CustomParams): number {
  return encodeURIComponent(JSON.stringify(params)).length;
}

/**
 * The custom_params to send to the live page: the ones the shopper arrived with (the shop's own keys,
 * which win on a clash, so a first-touch `src` survives) plus our attribution. Never over the plugin's
 * 600 characters: the shop's keys are kept before ours, and a value that cannot fit is dropped rather
 * than sent for the plugin to truncate into broken JSON.
 */
export function liveCustomParams(
  incoming: CustomParams | null | undefined,
  attribution: CustomParams | null | undefined,
): CustomParams | null {
  const candidates: CustomParams[] = [];
  if (incoming && attribution) candidates.push({ ...attribution, ...incoming });
  if (incoming) candidates.push(incoming);
  if (attribution) candidates.push(attribution);
  for (const candidate of candidates) {
    if (Object.keys(candidate).length > 0 && encodedLength(candidate) <= CUSTOM_PARAMS_MAX_LENGTH) {
      return candidate;
    }
  }
  return null;
}
