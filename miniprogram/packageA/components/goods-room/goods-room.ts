/**
 * The room a goods belongs to: cover, name and status, with a "直播中" banner when it is on air
 * (packageA/core/goods-page-view GoodsRoomView). A tap asks the page to open it (the page knows the page stack
 * and the attribution).
 */
import type { GoodsRoomView } from "../../core/goods-page-view";

Component({
  properties: {
    room: { type: Object, value: null as GoodsRoomView | null },
  },
  methods: {
    onTap() {
      const room = this.properties.room as GoodsRoomView | null;
      if (room) this.triggerEvent("open", { id: room.id });
    },
  },
});
