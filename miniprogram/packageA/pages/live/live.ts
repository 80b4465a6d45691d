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
import { decideBack, decideOpen } from "../../../core/navigation";
import { buildLivePageUrl } from "../../../core/plugin-urls";
import { parseCustomParams, parseRoomId } from "../../../core/query";
import { currentAttribution } from "../../../services/attribution";
import { currentStack, navigate } from "../../../services/navigation";
import { ensureShareParams } from "../../services/share-params";

/** How long the bridge waits for the plugin's share params before it opens the live page anyway. */
export const SHARE_PARAMS_WAIT_MS = 800;

type BridgeState = "opening" | "invalid" | "failed";

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
  options: { pureDataPattern: /^_/ },
  data: {
    state: "opening" as BridgeState,
    _roomId: 0,
    _customParams: null as CustomParams | null,
    /** The live page was opened on top of this page (not in its place): come back through here. */
    _onTop: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const roomId = parseRoomId(query.room_id);
      if (roomId === null) {
        this.setData({ state: "invalid" });
        return;
      }
      this.setData({ _roomId: roomId, _customParams: parseCustomParams(query.custom_params) });
      void this.open();
    },

    onShow() {
      // back from a live page that had to be opened on top: return to the page the shopper came from
      if (!this.data._onTop) return;
      this.setData({ _onTop: false });
      void navigate(decideBack(currentStack()), { toast: false });
    },

    async open(): Promise<void> {
      const roomId = this.data._roomId;
      await waitAtMost(ensureShareParams(), SHARE_PARAMS_WAIT_MS);
      // what arrived wins on a clash; our attribution fills in what is missing (a sharer, the entry)
      const params = liveCustomParams(this.data._customParams, currentAttribution("live", roomId));
      const url = buildLivePageUrl({ roomId, customParams: params });
      if (await navigate({ kind: "redirectTo", url }, { toast: false })) return;
      // a client that refuses redirectTo into a plugin page still opens it on top
      const onTop = decideOpen(currentStack(), url);
      if (onTop.kind === "navigateTo" && (await navigate(onTop, { toast: false }))) {
        this.setData({ _onTop: true });
        return;
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
