import { parseCustomParams, parseEntryType, parseRoomId, safeDecode } from "../../../miniprogram/core/query";

const LONG = "9".repeat(700);

describe("parseRoomId", () => {
  test.each([
    ["12", 12],
    [" 12 ", 12],
    [12, 12],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("%p → %p", (raw, expected) => {
    expect(parseRoomId(raw)).toBe(expected);
  });

  test.each([
    "",
    "abc",
    "-1",
    "1.5",
    "0",
    "012",
    "1e3",
    "12abc",
    "%E0%A4%A",
    "{bad json",
    LONG,
    "9007199254740993",
    undefined,
    null,
    1.5,
    -3,
    NaN,
    ["12"],
    { id: 12 },
  ])("%p → null", (raw) => {
    expect(parseRoomId(raw)).toBeNull();
  });
});

describe("parseCustomParams", () => {
  const obj = { src: "share", sharer: "o_abc", n: 1 };
  const once = encodeURIComponent(JSON.stringify(obj));
  const twice = encodeURIComponent(once);

  test("raw JSON", () => expect(parseCustomParams(JSON.stringify(obj))).toEqual(obj));
  test("encoded once", () => expect(parseCustomParams(once)).toEqual(obj));
  test("encoded twice", () => expect(parseCustomParams(twice)).toEqual(obj));
  test("already parsed (getShareParams)", () => expect(parseCustomParams(obj)).toBe(obj));
  test("Chinese values survive", () => {
    expect(parseCustomParams(encodeURIComponent(JSON.stringify({ t: "双十一" })))).toEqual({ t: "双十一" });
  });

  test.each([
    "",
    "   ",
    "abc",
    "-1",
    "1.5",
    "%E0%A4%A",
    "{bad json",
    "%7Bbad",
    "[1,2]",
    '"text"',
    "null",
    "x".repeat(700),
    `{"k":"${"x".repeat(5000)}"}`,
    undefined,
    null,
    42,
    [1],
  ])("%p → null", (raw) => {
    expect(parseCustomParams(raw)).toBeNull();
  });

  test("a valid 700-character value is still read (the limit applies when we build URLs)", () => {
    const big = { k: "y".repeat(690) };
    expect(JSON.stringify(big).length).toBeGreaterThanOrEqual(698);
    expect(parseCustomParams(JSON.stringify(big))).toEqual(big);
  });
});

describe("parseEntryType and safeDecode", () => {
  test.each([
    ["9", 9],
    ["10", 10],
    [9, 9],
    [10, 10],
  ])("%p → %p", (raw, expected) => expect(parseEntryType(raw)).toBe(expected));

  test.each(["", "abc", "11", "9.0", "-9", undefined, null])("%p → null", (raw) => {
    expect(parseEntryType(raw)).toBeNull();
  });

  test("safeDecode returns null instead of throwing", () => {
    expect(safeDecode("%E0%A4%A")).toBeNull();
    expect(safeDecode("%E7%9B%B4")).toBe("直");
  });
});
