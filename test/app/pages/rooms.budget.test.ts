import { reportFigures } from "../../support/budget-figures";
import { measureRoomsBudgets, type RoomsBudgets } from "../budgets/rooms-budget";

describe("room list setData budgets", () => {
  let budgets: RoomsBudgets;

  // Four pages are compiled and mounted; that takes seconds when other suites share the CPU.
  beforeAll(async () => {
    budgets = await measureRoomsBudgets();
    reportFigures("rooms", budgets);
  }, 60_000);

  test("a cached load shows rooms in its very first setData", () => {
    expect(budgets.cachedLoad.firstCallHasRooms).toBe(true);
    // The 304 revalidation changes at most the notice: one more small call, never the list again.
    expect(budgets.cachedLoad.calls).toBeLessThanOrEqual(2);
  });

  test("a cold load renders the first page in one setData", () => {
    expect(budgets.coldLoad.calls).toBe(1);
    expect(budgets.coldLoad.bytes).toBeGreaterThan(0);
  });

  test("the page-2 append costs at most 1.2 x the JSON of the 20 new rooms", () => {
    const { bytes, newRoomsJsonBytes } = budgets.page2Append;
    expect(newRoomsJsonBytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(1.2 * newRoomsJsonBytes);
  });

  test("one countdown second sends under 200 bytes", () => {
    expect(budgets.countdownSecond.calls).toBeGreaterThanOrEqual(1);
    expect(budgets.countdownSecond.bytes).toBeLessThan(200);
  });
});
