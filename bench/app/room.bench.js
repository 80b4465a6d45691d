/** Live-room page poll tick setData figures (test/app/budgets/room-budget). */
const { expect, test } = require("@jest/globals");
const { measureRoomPollTick } = require("../../test/app/budgets/room-budget");
const { writeFigures } = require("./write-figures");

test("room page poll tick setData figures", async () => {
  const figures = await measureRoomPollTick();

  expect(figures.changed.calls).toBeGreaterThan(0);
  writeFigures("room", figures);
}, 120_000);
