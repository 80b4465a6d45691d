/**
 * Runs the mini-program setData budget measurements (test/app/budgets) and writes their figures to
 * .tmp/bench/app-budgets.json for bench/run.ts. It only measures: the budget tests assert.
 *
 * JavaScript on purpose: tsconfig.node.json covers bench/**\/*.ts without the mini-program typings, and
 * these modules need them; ts-jest still compiles the TypeScript we require, with tsconfig.test.json.
 */
const fs = require("fs");
const path = require("path");
const { expect, test } = require("@jest/globals");
const { measureGoodsPageLoad } = require("../../test/app/budgets/goods-budget");
const { measureRoomsBudgets } = require("../../test/app/budgets/rooms-budget");

const OUT = path.resolve(__dirname, "../../.tmp/bench/app-budgets.json");
const ROOM_BUDGET = path.resolve(__dirname, "../../test/app/budgets/room-budget.ts");

/** The room page budget module is optional: its argument-less measure* functions run when it exists. */
async function roomPageFigures() {
  if (!fs.existsSync(ROOM_BUDGET)) return null;
  const mod = require(ROOM_BUDGET);
  const figures = {};
  for (const [name, fn] of Object.entries(mod)) {
    if (name.startsWith("measure") && typeof fn === "function" && fn.length === 0) {
      figures[name] = await fn();
    }
  }
  return figures;
}

test("mini-program setData budgets", async () => {
  const rooms = await measureRoomsBudgets();
  const goods = await measureGoodsPageLoad();
  const room = await roomPageFigures();

  expect(rooms.coldLoad.calls).toBeGreaterThan(0);
  expect(goods.calls).toBeGreaterThan(0);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ rooms, goods, room }, null, 2));
}, 120_000);
