/**
 * One room in the list: it renders the page's compact view (core/room-list RoomCardView). A tap on the
 * card reaches the page's bind:tap on the host; when an upcoming room's countdown ends it tells the
 * page (`due`), which flips that one card.
 */
import { cardBehavior } from "../card-behavior";

Component({
  behaviors: [cardBehavior],
  methods: {
    onCountdownFinish() {
      this.emitForView("due");
    },
  },
});
