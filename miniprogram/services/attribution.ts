/**
 * Attribution for the live pages we open (core/entry attributionFor): how the shopper entered this
 * launch (app.ts records it) and who shared it with them (share params read in packageA), from
 * getApp().globalData. Read when needed, never at import time.
 */
import { attributionFor, type Attribution } from "../core/entry";

function globalData(): IAppOption["globalData"] | null {
  try {
    return getApp<IAppOption>()?.globalData ?? null;
  } catch {
    return null;
  }
}

/**
 * `from` names our page ("goods", "room", …). The sharer is the one of the share params when they are
 * for `roomId` (or for no room in particular); a sharer the page got from its own link wins.
 */
export function currentAttribution(from: string, roomId: number, linkSharer?: string | null): Attribution {
  const data = globalData();
  const shared = data?.shareParams;
  const sharedFor = shared && (shared.roomId === null || shared.roomId === roomId) ? shared.sharer : null;
  return attributionFor(data?.entry, from, linkSharer ?? sharedFor);
}

/** The share params of this entry when they belong to `roomId`, for the custom_params they carried. */
export function sharedCustomParams(roomId: number): Record<string, unknown> | null {
  const shared = globalData()?.shareParams;
  return shared && shared.roomId === roomId ? shared.customParams : null;
}
