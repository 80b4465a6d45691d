/**
 * Back to the live room from a goods page, ours or a shop's own (the back-to-live component), and
 * what the floating button offers. Pure: callers pass the page stack and call services/navigation
 * with the answer. No plugin URL is built here: from outside packageA the way into the live page
 * goes through the bridge page (docs/wechat-live.md, "The plugin lives in packageA").
 */
import type { LiveStatus } from "../../typings/api";
import type { CustomParams } from "./custom-params";
import { describeLiveStatus } from "./live-status";
import {
  decideOpen,
  liveBridgeUrl,
  liveDeltaBelow,
  roomPageUrl,
  type NavAction,
  type StackPage,
} from "./navigation";

/** What the floating button offers: back to the live room, its replays, or nothing (room over). */
export type LiveButton = "live" | "replay" | "none";

/**
 * Unknown status (not loaded yet, or the backend is down) keeps 返回直播间: the shopper usually just
 * came from the live room. Only a room known to be over changes it.
 */
export function liveButtonFor(status: LiveStatus | null | undefined, hasReplays: boolean): LiveButton {
  if (status === null || status === undefined) return "live";
  const info = describeLiveStatus(status);
  if (info.canHaveReplays) return hasReplays ? "replay" : "none";
  return info.isClosed ? "none" : "live";
}

export interface BackToLiveInput {
  /** The page stack, the current page last (`getCurrentPages()`, with `options` when available). */
  stack: readonly StackPage[];
  roomId: number;
  /** What a live page opened anew gets as custom_params (see custom-params.ts liveCustomParams). */
  customParams?: CustomParams | null;
  /** The button tapped; 看回放 opens our room page instead when the in-page player is on. */
  button?: LiveButton;
  /** SHOP_OPTIONS.inPageReplayPlayer. */
  inPageReplayPlayer?: boolean;
}

/**
 * The nearest live page of the room below → go back to it in one step, however many pages lie between
 * (the 小窗 keeps playing). Otherwise the live page is opened anew through the bridge, replacing the
 * current page when the stack is full. WeChat's replay is the live page of the ended room, so 看回放
 * takes the same way unless the shop plays replays in its own page.
 */
export function decideBackToLive(input: BackToLiveInput): NavAction {
  const { stack, roomId } = input;
  if (input.button === "replay" && input.inPageReplayPlayer) return decideOpen(stack, roomPageUrl(roomId));
  const delta = liveDeltaBelow(stack, roomId);
  if (delta !== null) return { kind: "navigateBack", delta };
  return decideOpen(stack, liveBridgeUrl(roomId, input.customParams ?? null));
}
