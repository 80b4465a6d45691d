/**
 * 返回直播间 (or 看回放 once the room has ended with a replay): a drop-in for any goods page, ours or a
 * shop's own product page, inside packageA or outside it (README, "The back-to-live component on your
 * own product page"). Give it the page's `room_id` and `custom_params` as they arrived; with an
 * invalid room it renders nothing.
 *
 * A tap goes back to the nearest live page of the room in one step when there is one in the stack;
 * otherwise it opens the live page anew through the packageA bridge (the plugin works only inside its
 * subpackage). The decision is core/back-to-live's; this component holds no plugin URL and loads no
 * module that builds one, so it can live in the main package.
 */
import type { LiveStatus } from "../../../typings/api";
import { decideBackToLive, liveButtonFor, type LiveButton } from "../../core/back-to-live";
import { liveCustomParams } from "../../core/custom-params";
import { instanceState } from "../../core/instance-state";
import { isLiveStatus } from "../../core/live-status";
import { parseCustomParams, parseRoomId } from "../../core/query";
import { SHOP_OPTIONS } from "../../core/shop-options";
import { currentAttribution } from "../../services/attribution";
import { currentStack, navigate } from "../../services/navigation";

/** A tap already on its way (core/instance-state.ts says why this is not in `data`). */
const busy = instanceState(() => ({ navigating: false }));

Component({
  externalClasses: ["custom-class"],
  properties: {
    /** The page's `room_id` query value as it arrived (a string, or a number). */
    roomId: { type: String, optionalTypes: [Number], value: "" },
    /** The page's `custom_params` query value as it arrived, in whatever encoding. */
    customParams: { type: String, value: "" },
    /** The room's status when the page knows it (101–107); 0 = unknown, which offers 返回直播间. */
    status: { type: Number, value: 0 },
    /** For an ended room (103): whether it has a replay to watch. */
    hasReplays: { type: Boolean, value: false },
    /** The page's name in the attribution's `src` ("goods" → "goods:share", …). */
    source: { type: String, value: "goods" },
    /** Float above the page's bottom-right corner (default); false to place it yourself. */
    fixed: { type: Boolean, value: true },
  },
  data: {
    button: "none" as LiveButton,
  },
  observers: {
    "roomId, status, hasReplays"() {
      this.update();
    },
  },
  lifetimes: {
    attached() {
      this.update();
    },
  },
  methods: {
    room(): number | null {
      return parseRoomId(this.properties.roomId);
    },

    update() {
      const status = this.properties.status;
      const known: LiveStatus | null = isLiveStatus(status) ? status : null;
      const button = this.room() === null ? "none" : liveButtonFor(known, this.properties.hasReplays);
      if (button !== this.data.button) this.setData({ button });
    },

    async onTap() {
      const roomId = this.room();
      const tap = busy.of(this);
      if (roomId === null || tap.navigating || this.data.button === "none") return;
      const action = decideBackToLive({
        stack: currentStack(),
        roomId,
        customParams: liveCustomParams(
          parseCustomParams(this.properties.customParams),
          currentAttribution(this.properties.source || "goods", roomId),
        ),
        button: this.data.button,
        inPageReplayPlayer: SHOP_OPTIONS.inPageReplayPlayer,
      });
      tap.navigating = true;
      await navigate(action);
      tap.navigating = false;
    },
  },
});
