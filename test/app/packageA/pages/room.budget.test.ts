import { reportFigures } from "../../../support/budget-figures";
import { measureRoomPollTick } from "../../budgets/room-budget";

test("a poll tick costs no setData when unchanged, one small setData when changed", async () => {
  const budget = await measureRoomPollTick();
  reportFigures("room", budget);
  expect(budget.unchanged).toEqual({ calls: 0, bytes: 0 });
  expect(budget.changed.calls).toBe(1);
  expect(budget.changed.bytes).toBeGreaterThan(0);
  // The status keys only (code, label, hint, tone): no header, no lists.
  expect(budget.changed.bytes).toBeLessThan(256);
});
