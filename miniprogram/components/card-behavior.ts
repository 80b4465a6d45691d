/**
 * What every card component shares (the list's room card, the goods page's room card, a 视频号 card):
 * it renders one `view` that its page or list built with core/, sets no data of its own, and tells
 * the page about a tap or a moment by that view's id, so routing and WeChat calls stay with the page.
 */
export interface CardView {
  id: number | string;
}

export const cardBehavior = Behavior({
  properties: {
    /** What the card renders (core/room-list RoomCardView, packageA/core GoodsRoomView, …). */
    view: { type: Object, value: null as CardView | null },
  },
  methods: {
    /** Triggers `name` with the view's id; a card with nothing to show yet stays silent. */
    emitForView(name: string): void {
      const view = this.data.view as CardView | null;
      if (view) this.triggerEvent(name, { id: view.id });
    },
  },
});
