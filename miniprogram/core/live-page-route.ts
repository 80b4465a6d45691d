/**
 * How the live plugin's page shows up in the page stack and in the enter options. Kept apart from
 * plugin-urls.ts on purpose: main-package code (the back-to-live component, app.ts) needs to recognise
 * the live page, but must never load a module that builds the plugin's own URLs, since the plugin
 * is declared in packageA only (docs/wechat-live.md, "The plugin lives in packageA"). Pure: no `wx`.
 */

export const LIVE_PLUGIN_APPID = "wx2b03c6e691cd7370";
/** How the live page shows up in `getCurrentPages()[i].route` and `wx.getEnterOptionsSync().path`. */
export const LIVE_PAGE_ROUTE_MARK = `${LIVE_PLUGIN_APPID}/pages/live-player-plugin`;

/** True for the plugin's live page, whatever prefix the runtime puts before it (`__plugin__/…`). */
export function isLivePageRoute(route: string | undefined | null): boolean {
  return typeof route === "string" && route.includes(LIVE_PAGE_ROUTE_MARK);
}
