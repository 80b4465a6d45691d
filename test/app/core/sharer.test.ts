import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { sha256Hex, sharerIdOf, toSharerId } from "../../../miniprogram/core/sharer";
import { MP_ROOT } from "../../support/paths";

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

describe("js-sha256 as the mini-program gets it (miniprogram_npm)", () => {
  /** The built bundle, run the way the mini-program runs it: CommonJS, no process, window or Node modules. */
  function shippedSha256(): (text: string) => string {
    const bundle = fs.readFileSync(path.join(MP_ROOT, "miniprogram_npm/js-sha256/index.js"), "utf8");
    const loaded: string[] = [];
    const module = { exports: {} as unknown };
    vm.runInNewContext(bundle, {
      module,
      exports: module.exports,
      require: (name: string) => {
        loaded.push(name);
        throw new Error(`the mini-program has no module ${name}`);
      },
    });
    expect(loaded).toEqual([]);
    const exported = module.exports as { sha256?: (text: string) => string };
    if (typeof exported.sha256 !== "function") throw new Error("the bundle exports no sha256");
    return exported.sha256;
  }

  test.each([
    ["empty", ""],
    ["an openid", "oAbCdEfGhIjKlMnOpQrStUvWxYz0"],
    ["UTF-8 beyond ASCII", "直播间😀"],
    ["several blocks", "z".repeat(1000)],
  ])("%s: Node's digest, without Node", (_what, text) => {
    expect(shippedSha256()(text)).toBe(nodeSha256(text));
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
