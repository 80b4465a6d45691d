/**
 * The room a goods belongs to: cover, name and status, with a "直播中" banner when it is live. A tap
 * asks the page to open it (the page knows the page stack and the attribution).
 */
import type { RoomView } from "../../pages/goods/goods-view";
Component({
  properties: {
    room: { type: Object, value: null as RoomView | null },
  },
  methods: {
    onTap() {
      const room = this.properties.room as RoomView | null;
      if (room) this.triggerEvent("open", { roomId: room.roomId });
    },
  },
});
