/**
 * The setData cost of loading the goods page (calls and bytes that cross to the view layer), for a
 * typical shelf visit: goods with a discount price, opened from a live room that is on air. Tests hold
 * it under a budget; a benchmark can print it.
 */
import { harness, setPageStack } from "../../support/harness";
import { flush, openPage } from "../../support/mount";
import { LIVE_PAGE_ROUTE_MARK } from "../../../miniprogram/core/plugin-urls";
import { fakeBackend, goodsFixture, roomFixture } from "../../support/fixtures/goods";

export interface SetDataBudget {
  calls: number;
  bytes: number;
  /** Bytes of the largest single call. */
  largest: number;
}

/** Runs inside the "app" jest project (it needs the harness and miniprogram-simulate). */
export async function measureGoodsPageLoad(): Promise<SetDataBudget> {
  harness.backend = fakeBackend({
    goods: goodsFixture({ priceType: 3, price: 29900, price2: 19900 }),
    roomIds: [12],
    rooms: [roomFixture(12, 101)],
  });
  setPageStack([]);
  const page = openPage("packageA/pages/goods/goods", {
    query: { id: "8812", room_id: "12", custom_params: encodeURIComponent('{"shop":"a"}') },
    below: ["pages/rooms/rooms", `__plugin__/${LIVE_PAGE_ROUTE_MARK}`],
  });
  await flush(20);
  const calls = page.setDataCalls;
  const result = {
    calls: calls.length,
    bytes: calls.reduce((sum, c) => sum + c.bytes, 0),
    largest: calls.reduce((max, c) => Math.max(max, c.bytes), 0),
  };
  page.unload();
  return result;
}
