import { describePrice, formatFen } from "../../../miniprogram/core/price";

describe("prices in fen", () => {
  test.each([
    [1100, "¥11.00"],
    [0, "¥0.00"],
    [5, "¥0.05"],
    [211200, "¥2112.00"],
    [1999, "¥19.99"],
  ])("formatFen(%i) → %s", (fen, text) => expect(formatFen(fen)).toBe(text));

  test("price_type 1: one price", () => {
    expect(describePrice({ priceType: 1, price: 1100 })).toEqual({ kind: "fixed", text: "¥11.00" });
  });

  test("price_type 2: a range from price to price2", () => {
    expect(describePrice({ priceType: 2, price: 1100, price2: 2000 })).toEqual({
      kind: "range",
      text: "¥11.00–¥20.00",
    });
  });

  test("price_type 3: price is the original (struck through), price2 the current", () => {
    expect(describePrice({ priceType: 3, price: 2000, price2: 1100 })).toEqual({
      kind: "discount",
      text: "¥11.00",
      original: "¥20.00",
    });
  });

  test("types 2 and 3 without price2 fall back to the one price", () => {
    expect(describePrice({ priceType: 2, price: 1100 })).toEqual({ kind: "fixed", text: "¥11.00" });
    expect(describePrice({ priceType: 3, price: 1100 })).toEqual({ kind: "fixed", text: "¥11.00" });
  });

  test("a broken price is never shown as NaN", () => {
    expect(describePrice({ priceType: 1, price: Number.NaN })).toEqual({ kind: "unknown", text: "价格待定" });
    expect(describePrice({ priceType: 1, price: -1 })).toEqual({ kind: "unknown", text: "价格待定" });
  });
});
