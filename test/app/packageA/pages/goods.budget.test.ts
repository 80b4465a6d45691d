import { reportFigures } from "../../../support/budget-figures";
import { measureGoodsPageLoad } from "../../budgets/goods-budget";

test("a goods page load costs two setData calls and under 1.5 KB", async () => {
  const budget = await measureGoodsPageLoad();
  reportFigures("goods", budget);
  expect(budget.calls).toBeLessThanOrEqual(2);
  expect(budget.bytes).toBeLessThan(1536);
  expect(budget.largest).toBeLessThanOrEqual(budget.bytes);
});
