/**
 * One room in the list. It renders the page's compact view (core/room-list RoomCardView) and sets no data
 * of its own; the page owns routing (a tap on the card reaches the page's bind:tap on the host).
 * When an upcoming room's countdown ends it tells the page (`due`), which flips that one card.
 */
import type { RoomCardView } from "../../core/room-list";

Component({
  properties: {
    room: { type: Object, value: null as RoomCardView | null },
  },
  methods: {
    onCountdownFinish() {
      const room = this.data.room as RoomCardView | null;
      if (room) this.triggerEvent("due", { id: room.id });
    },
  },
});
