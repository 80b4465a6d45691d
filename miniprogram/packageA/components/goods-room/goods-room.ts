/**
 * The room a goods belongs to: cover, name and status, with a "直播中" banner when it is on air
 * (packageA/core/goods-page-view GoodsRoomView). A tap asks the page to open it (`open`): the page
 * knows the page stack and the attribution.
 */
import { cardBehavior } from "../../../components/card-behavior";

Component({
  behaviors: [cardBehavior],
  methods: {
    onTap() {
      this.emitForView("open");
    },
  },
});
