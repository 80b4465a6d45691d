import { createHash } from "crypto";
import { sha256Hex, sharerIdOf, toSharerId } from "../../../miniprogram/core/sharer";

const nodeSha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  test("the FIPS 180-4 example", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test.each([
    ["empty", ""],
    ["an openid", "oAbCdEfGhIjKlMnOpQrStUvWxYz0"],
    ["55 bytes (one block with the length)", "x".repeat(55)],
    ["56 bytes (the length spills into a second block)", "x".repeat(56)],
    ["64 bytes", "y".repeat(64)],
    ["several blocks", "z".repeat(1000)],
    ["UTF-8 beyond ASCII", "直播间😀"],
  ])("%s: the same digest as Node's crypto", (_what, text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });
});

describe("sharer ids", () => {
  const openid = "o_viewer_openid";

  test("the first 16 hex digits of the openid's SHA-256: what a shop's backend computes", () => {
    expect(sharerIdOf(openid)).toBe(nodeSha256(openid).slice(0, 16));
    expect(sharerIdOf(openid)).toMatch(/^[0-9a-f]{16}$/);
  });

  test("stable, and different for different openids", () => {
    expect(sharerIdOf(openid)).toBe(sharerIdOf(openid));
    expect(sharerIdOf(openid)).not.toBe(sharerIdOf("o_other_openid"));
  });

  test("a sharer id is kept; an openid (older links, the plugin) becomes its id", () => {
    const id = sharerIdOf(openid) ?? "";
    expect(toSharerId(id)).toBe(id);
    expect(toSharerId(openid)).toBe(id);
  });

  test.each(["", "x".repeat(65), "o abc", "o&x=1", "<script>", undefined, null, 12])("%p → null", (raw) => {
    expect(toSharerId(raw)).toBeNull();
    expect(sharerIdOf(raw)).toBeNull();
  });
});
