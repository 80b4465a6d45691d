/** Room list setData figures (test/app/budgets/rooms-budget): measured here, asserted by the budget test. */
const { expect, test } = require("@jest/globals");
const { measureRoomsBudgets } = require("../../test/app/budgets/rooms-budget");
const { writeFigures } = require("./write-figures");

test("room list setData figures", async () => {
  const figures = await measureRoomsBudgets();

  expect(figures.coldLoad.calls).toBeGreaterThan(0);
  writeFigures("rooms", figures);
}, 120_000);
