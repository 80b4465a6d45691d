/** Goods page load setData figures (test/app/budgets/goods-budget). */
const { expect, test } = require("@jest/globals");
const { measureGoodsPageLoad } = require("../../test/app/budgets/goods-budget");
const { writeFigures } = require("./write-figures");

test("goods page load setData figures", async () => {
  const figures = await measureGoodsPageLoad();

  expect(figures.calls).toBeGreaterThan(0);
  writeFigures("goods", figures);
}, 120_000);
