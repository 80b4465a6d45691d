/**
 * setData budget of the live-room page for one poll tick: how many setData calls and bytes cross to the
 * view when the status is unchanged (target 0) and when it changes. Runs inside jest (it mounts the
 * page with miniprogram-simulate over the harness), so a benchmark can call it and print the figures.
 */
import { harness, resetHarness } from "../../support/harness";
import { openPage, settle } from "../../support/mount";
import { MIN, ROOM_ROUTE, T0, room, serve } from "../../support/fixtures/room-page";

export interface TickCost {
  calls: number;
  bytes: number;
}

export interface RoomTickBudget {
  unchanged: TickCost;
  changed: TickCost;
}

/** Opens a live room, lets the first answer land, then measures one unchanged and one changed tick. */
export async function measureRoomPollTick(): Promise<RoomTickBudget> {
  resetHarness();
  jest.useFakeTimers({ now: T0 });
  try {
    serve({ room: room({ liveStatus: 101 }) });
    harness.plugin.setStatus(12, 101);
    const page = openPage(ROOM_ROUTE, { query: { room_id: "12" } });
    await settle();
    const cost = async (): Promise<TickCost> => {
      const from = page.setDataCalls.length;
      const before = harness.plugin.statusCalls(12).length;
      await jest.advanceTimersByTimeAsync(MIN);
      if (harness.plugin.statusCalls(12).length !== before + 1) throw new Error("the tick did not poll");
      const sent = page.setDataCalls.slice(from);
      return { calls: sent.length, bytes: sent.reduce((sum, c) => sum + c.bytes, 0) };
    };
    const unchanged = await cost();
    harness.plugin.setStatus(12, 105);
    const changed = await cost();
    page.unload();
    return { unchanged, changed };
  } finally {
    jest.useRealTimers();
  }
}
