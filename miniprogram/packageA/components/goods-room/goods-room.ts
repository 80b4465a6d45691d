/**
 * The room a goods belongs to: cover, name and status, with a "直播中" banner when it is live. A tap
 * asks the page to open it (the page knows the page stack and the attribution).
 */
interface GoodsRoomView {
  roomId: number;
  name: string;
  anchorName: string;
  coverImg: string;
  statusLabel: string;
  tone: string;
  isLive: boolean;
  /** One line telling the shopper what a tap does. */
  action: string;
}

Component({
  properties: {
    room: { type: Object, value: null as GoodsRoomView | null },
  },
  methods: {
    onTap() {
      const room = this.properties.room as GoodsRoomView | null;
      if (room) this.triggerEvent("open", { roomId: room.roomId });
    },
  },
});
