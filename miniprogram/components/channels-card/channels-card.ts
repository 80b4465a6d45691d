/**
 * One 视频号 in the list. It renders the list's compact view (core/channels-view ChannelCardView) and
 * sets no data of its own (components/card-behavior); the list owns the WeChat calls. A tap on
 * 去看直播/看回放 or 预约 is passed up synchronously (`open`, `reserve`), so the list calls
 * wx.openChannelsLive still inside the tap.
 * On base library 2.29.0+ a live or a replay is drawn by WeChat's own `<channel-live>`, which opens
 * the 视频号 on tap without a popup (docs/channels-live.md, "The APIs (base library versions)").
 */
import type { ChannelCardView } from "../../core/channels-view";
import { cardBehavior } from "../card-behavior";

Component({
  behaviors: [cardBehavior],
  methods: {
    onOpenTap() {
      if ((this.data.view as ChannelCardView | null)?.action) this.emitForView("open");
    },
    onReserveTap() {
      if ((this.data.view as ChannelCardView | null)?.notice?.button) this.emitForView("reserve");
    },
  },
});
