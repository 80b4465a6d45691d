import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeFailure, readReleaseOptions, ReleaseError } from "../../scripts/lib/release";

const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "release-")), "private.key");
fs.writeFileSync(keyFile, "not a real key");
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as {
  version: string;
};
const env = { WX_APPID: "wx1234567890abcdef", WX_PRIVATE_KEY_PATH: keyFile };

describe("preview/upload options", () => {
  test("version and description default to package.json", () => {
    expect(readReleaseOptions([], env)).toMatchObject({
      appid: "wx1234567890abcdef",
      privateKeyPath: keyFile,
      version: pkg.version,
      desc: `v${pkg.version}`,
      robot: 1,
    });
  });

  test("flags win", () => {
    const o = readReleaseOptions(["--version", "2.0.1", "--desc", "双十二", "--robot", "3"], env);
    expect(o).toMatchObject({ version: "2.0.1", desc: "双十二", robot: 3 });
  });

  test.each([
    [{ ...env, WX_APPID: "" }, /WX_APPID is missing/],
    [{ ...env, WX_APPID: "wxnothex" }, /not an appid/],
    [{ ...env, WX_PRIVATE_KEY_PATH: "" }, /WX_PRIVATE_KEY_PATH is not set/],
    [{ ...env, WX_PRIVATE_KEY_PATH: "/nowhere/key" }, /private key not found at \/nowhere\/key/],
  ])("refuses %p with one clear line", (badEnv, message) => {
    expect(() => readReleaseOptions([], badEnv)).toThrow(ReleaseError);
    expect(() => readReleaseOptions([], badEnv)).toThrow(message);
  });

  test("a bad robot number is refused", () => {
    expect(() => readReleaseOptions(["--robot", "31"], env)).toThrow("--robot must be 1..30");
  });

  test("network failures become one line naming the cause, not a stack", () => {
    const err = new Error(
      "Error: getaddrinfo ENOTFOUND servicewechat.com\n    at GetAddrInfoReqWrap.onlookup",
    );
    expect(describeFailure(err)).toBe(
      "cannot reach WeChat's servers (servicewechat.com): check the network or proxy",
    );
    expect(describeFailure(new Error("first line\nsecond line"))).toBe("first line");
  });
});
