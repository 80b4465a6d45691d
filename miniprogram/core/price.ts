import type { Goods } from "../../typings/api";

export interface PriceView {
  kind: "fixed" | "range" | "discount" | "unknown";
  /** What the shopper pays (or the range). */
  text: string;
  /** For discounts: the original price, shown struck through. */
  original?: string;
}

function isFen(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** 1100 → "¥11.00". Integer arithmetic, so 0.1 + 0.2 style errors cannot appear. */
export function formatFen(fen: number): string {
  const rounded = Math.round(fen);
  const yuan = Math.floor(rounded / 100);
  const cents = String(rounded % 100).padStart(2, "0");
  return `¥${yuan}.${cents}`;
}

/** Price by WeChat's price_type: 1 fixed, 2 range price..price2, 3 discount price (original) → price2. */
export function describePrice(goods: Pick<Goods, "price" | "price2" | "priceType">): PriceView {
  const { price, price2, priceType } = goods;
  if (!isFen(price)) return { kind: "unknown", text: "价格待定" };
  if (priceType === 2 && isFen(price2)) {
    return { kind: "range", text: `${formatFen(price)}–${formatFen(price2)}` };
  }
  if (priceType === 3 && isFen(price2)) {
    return { kind: "discount", text: formatFen(price2), original: formatFen(price) };
  }
  return { kind: "fixed", text: formatFen(price) };
}
