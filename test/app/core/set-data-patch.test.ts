import { changedFields, patchItem, patchList } from "../../../miniprogram/core/set-data-patch";

describe("patchList", () => {
  test("an append sets only the new paths", () => {
    expect(patchList("rooms", [1, 2], [1, 2, 3, 4])).toEqual({ "rooms[2]": 3, "rooms[3]": 4 });
  });

  test("a changed item is set by its path", () => {
    expect(patchList("rooms", [{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 9 }])).toEqual({ "rooms[1]": { a: 9 } });
  });

  test("an insertion re-sends from the insertion point only", () => {
    expect(patchList("rooms", [1, 2, 3], [1, 9, 2, 3])).toEqual({
      "rooms[1]": 9,
      "rooms[2]": 2,
      "rooms[3]": 3,
    });
  });

  test("a shorter list is sent whole (paths cannot remove items)", () => {
    expect(patchList("rooms", [1, 2, 3], [1, 2])).toEqual({ rooms: [1, 2] });
  });

  test("nothing changed: null, so no setData is made", () => {
    expect(patchList("rooms", [{ a: 1 }], [{ a: 1 }])).toBeNull();
    expect(patchList("rooms", [], [])).toBeNull();
  });
});

describe("patchItem", () => {
  test("sets only the changed fields of one item", () => {
    expect(patchItem("rooms", 4, { a: 1, b: "x", c: [1] }, { a: 1, b: "y", c: [1] })).toEqual({
      "rooms[4].b": "y",
    });
    expect(patchItem("rooms", 0, { a: 1 }, { a: 1 })).toBeNull();
  });
});

describe("changedFields", () => {
  test("keeps only keys whose value changed", () => {
    expect(changedFields({ a: 1, b: "x", c: true }, { a: 1, b: "y", c: true })).toEqual({ b: "y" });
  });
  test("nothing changed gives an empty object", () => {
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({});
  });
  test("keys missing from the current data count as changed", () => {
    expect(changedFields({}, { a: 0 })).toEqual({ a: 0 });
  });
});
