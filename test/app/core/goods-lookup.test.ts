import { goodsLookupUrl, MAX_LOOKUP_LENGTH } from "../../../miniprogram/core/goods-lookup";
import { GOODS as ROUTE } from "../../support/fixtures/routes";

describe("goodsLookupUrl", () => {
  test("the shop's keys, sorted, without room_id and custom_params", () => {
    expect(
      goodsLookupUrl(ROUTE, { sku: "A-12", color: "red", room_id: "7", custom_params: "%257B%257D" }),
    ).toBe(`${ROUTE}?color=red&sku=A-12`);
    expect(goodsLookupUrl(`/${ROUTE}`, { id: "8812" })).toBe(`${ROUTE}?id=8812`);
  });

  test("a value handed over encoded or decoded gives the same lookup, encoded once", () => {
    const encoded = goodsLookupUrl(ROUTE, { scent: "%E6%9C%A8%E8%B4%A8%E8%B0%83" });
    expect(encoded).toBe(`${ROUTE}?scent=%E6%9C%A8%E8%B4%A8%E8%B0%83`);
    expect(goodsLookupUrl(ROUTE, { scent: "木质调" })).toBe(encoded);
    expect(goodsLookupUrl(ROUTE, { q: "a&b=c" })).toBe(`${ROUTE}?q=a%26b%3Dc`);
    // not valid %-encoding: kept as it is, then encoded
    expect(goodsLookupUrl(ROUTE, { off: "50%" })).toBe(`${ROUTE}?off=50%25`);
  });

  test("null without a key of the shop's, or when too long", () => {
    expect(goodsLookupUrl(ROUTE, {})).toBeNull();
    expect(goodsLookupUrl(ROUTE, { room_id: "7", custom_params: "x" })).toBeNull();
    expect(goodsLookupUrl(ROUTE, { id: undefined })).toBeNull();
    expect(goodsLookupUrl(ROUTE, { id: "9".repeat(MAX_LOOKUP_LENGTH) })).toBeNull();
  });

  test("garbage values are still looked up (the backend answers 404), never thrown on", () => {
    expect(goodsLookupUrl(ROUTE, { goods_id: "%E0%A4%A" })).toBe(`${ROUTE}?goods_id=%25E0%25A4%25A`);
    expect(goodsLookupUrl(ROUTE, { goods_id: "{bad json" })).toBe(`${ROUTE}?goods_id=%7Bbad%20json`);
  });
});
