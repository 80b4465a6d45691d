/**
 * How the live-player-plugin's live page shows up as a route (live-plugin.md §3). Kept apart from
 * core/plugin-urls.ts on purpose: the main package imports this (app.ts records entries through
 * core/entry.ts), and it must never import a module that holds a `plugin-private://` URL, or the build
 * without the plugin would carry one (docs/channels-live.md, "Building without the plugin").
 */

export const LIVE_PLUGIN_APPID = "wx2b03c6e691cd7370";
/** How the live page shows up in `getCurrentPages()[i].route`. */
export const LIVE_PAGE_ROUTE_MARK = `${LIVE_PLUGIN_APPID}/pages/live-player-plugin`;

/** True for the plugin's live page, whatever prefix the runtime puts before it. */
export function isLivePageRoute(route: string | undefined | null): boolean {
  return typeof route === "string" && route.includes(LIVE_PAGE_ROUTE_MARK);
}
