/**
 * The bridge into the plugin's live page. The plugin is declared in packageA, and a jump from outside
 * the subpackage straight to its page has failed on devices, so pages outside packageA (the
 * back-to-live component, shops' own product pages) open this page with `room_id` and `custom_params`;
 * it opens the live page in its own place, so going back from the live page returns to where the
 * shopper was (docs/wechat-live.md, "The plugin lives in packageA").
 *
 * It also reads the plugin's share params for this entry (once), so a sharer reaches the new live page
 * even when no other packageA page has run yet.
 */
import { liveCustomParams, type CustomParams } from "../../../core/custom-params";
import { instanceState } from "../../../core/instance-state";
import { decideBack, decideBridgeOpen } from "../../../core/navigation";
import { buildLivePageUrl } from "../../../core/plugin-urls";
import { parseCustomParams, parseRoomId } from "../../../core/query";
import { currentAttribution } from "../../../services/attribution";
import { currentStack, navigate } from "../../../services/navigation";
import { ensureShareParams } from "../../services/share-params";

/** How long the bridge waits for the plugin's share params before it opens the live page anyway. */
export const SHARE_PARAMS_WAIT_MS = 800;

type BridgeState = "opening" | "invalid" | "failed";

/** What the bridge knows but never renders (core/instance-state.ts says why it is not in `data`). */
interface Bridge {
  roomId: number;
  customParams: CustomParams | null;
  /** The live page was opened on top of this page (not in its place): come back through here. */
  onTop: boolean;
}

const bridges = instanceState<Bridge>();

function waitAtMost(answer: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void answer.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

Component({
  data: {
    state: "opening" as BridgeState,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const roomId = parseRoomId(query.room_id);
      if (roomId === null) {
        this.setData({ state: "invalid" });
        return;
      }
      bridges.set(this, { roomId, customParams: parseCustomParams(query.custom_params), onTop: false });
      void this.open();
    },

    onShow() {
      // back from a live page that had to be opened on top: return to the page the shopper came from
      const bridge = bridges.peek(this);
      if (!bridge?.onTop) return;
      bridge.onTop = false;
      void navigate(decideBack(currentStack()), { toast: false });
    },

    async open(): Promise<void> {
      const bridge = bridges.peek(this);
      if (!bridge) return;
      await waitAtMost(ensureShareParams(), SHARE_PARAMS_WAIT_MS);
      // what arrived wins on a clash; our attribution fills in what is missing (a sharer, the entry)
      const params = liveCustomParams(bridge.customParams, currentAttribution("live", bridge.roomId));
      const url = buildLivePageUrl({ roomId: bridge.roomId, customParams: params });
      // in this page's place, so going back from the live page returns to where the shopper was; a
      // client that refuses that for a plugin page still opens it on top
      for (const action of decideBridgeOpen(currentStack(), url)) {
        if (await navigate(action, { toast: false })) {
          bridge.onTop = action.kind === "navigateTo";
          return;
        }
      }
      this.setData({ state: "failed" });
    },

    onRetry() {
      this.setData({ state: "opening" });
      void this.open();
    },

    onBack() {
      void navigate(decideBack(currentStack()));
    },
  },
});
