/** The thin adapters over wx's 视频号 APIs: error codes, the base library version, stored records. */
import { harness, setSdkVersion } from "../../support/harness";
import {
  ChannelsCallError,
  getChannelsLiveInfo,
  readRecord,
  readReservations,
  sdkVersion,
  writeRecord,
} from "../../../miniprogram/services/channels";
import { EMPTY_RECORD } from "../../../miniprogram/core/channels-view";

const ID = "sphcqO59YEPCvoe";

describe("a failed call keeps WeChat's error code, whatever the field is called", () => {
  test.each([
    [{ errMsg: "getChannelsLiveInfo:fail", errCode: 1416104 }, 1416104],
    [{ errMsg: "getChannelsLiveInfo:fail", err_code: 100008 }, 100008],
    [{ errMsg: "getChannelsLiveInfo:fail", errno: 1416100 }, 1416100],
    [{ errMsg: "getChannelsLiveInfo:fail" }, -1],
    ["fail", -1],
  ])("%p → %i", async (failure, code) => {
    jest.spyOn(wx, "getChannelsLiveInfo").mockImplementation((o) => o.fail?.(failure as never));
    const err = await getChannelsLiveInfo(ID).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ChannelsCallError);
    expect((err as ChannelsCallError).errCode).toBe(code);
  });

  test("an answer without a usable status is an error, not a card", async () => {
    jest
      .spyOn(wx, "getChannelsLiveInfo")
      .mockImplementation((o) => o.success?.({ errMsg: "getChannelsLiveInfo:ok", status: 9 } as never));
    await expect(getChannelsLiveInfo(ID)).rejects.toBeInstanceOf(ChannelsCallError);
  });
});

describe("the base library version", () => {
  test("from getAppBaseInfo where it exists (2.25.3+)", () => {
    setSdkVersion("3.4.0");
    expect(sdkVersion()).toBe("3.4.0");
    expect(wx.getAppBaseInfo).toHaveBeenCalled();
  });

  test("from getSystemInfoSync on older base libraries", () => {
    setSdkVersion("2.16.1");
    expect("getAppBaseInfo" in wx).toBe(false);
    expect(sdkVersion()).toBe("2.16.1");
  });
});

describe("what the phone remembers", () => {
  test("a record round-trips through storage; garbage reads as nothing known", () => {
    const record = {
      infoAt: 1000,
      info: {
        feedId: "f",
        nonceId: "n",
        description: "d",
        status: 3 as const,
        headUrl: "",
        nickname: "店",
        replayStatus: 1 as const,
      },
      infoError: null,
      noticeAt: 2000,
      notice: null,
    };
    writeRecord(ID, record, 3000);
    expect(readRecord(ID)).toEqual(record);

    harness.storage.set(`live-cache:v1:channels:live:${ID}`, { value: { infoAt: "yesterday" }, savedAt: 1 });
    expect(readRecord(ID)).toEqual(EMPTY_RECORD);
  });

  test("reservations: expired and malformed entries are dropped", () => {
    harness.storage.set("live-cache:v1:channels:reserved", {
      value: { kept: 5000, expired: 10, broken: "soon" },
      savedAt: 1,
      etag: null,
    });
    expect(readReservations(1000)).toEqual({ kept: 5000 });
  });
});
