/**
 * The console's pure rules: what each button does to the choices, what the console says about
 * failures and times, the chart of the day, and the password hash format with its floor.
 */
import type { LiveStatus } from "../../../typings/api";
import { ChoiceError, applyChannelAction, applyRoomAction } from "../../../server/src/admin/choices";
import {
  PasswordHashError,
  demoPassword,
  hashPassword,
  parsePasswordHash,
  passwordProblem,
  verifyPassword,
} from "../../../server/src/admin/password";
import { chartSummary, quotaChartSvg } from "../../../server/src/admin/quota-chart";
import {
  ago,
  auditInWords,
  beijingTime,
  duration,
  failureInWords,
  liveStatus,
} from "../../../server/src/admin/words";
import {
  describeWechatFailure,
  QuotaExhaustedError,
  UpstreamError,
  WechatApiError,
} from "../../../server/src/wechat/errors";
import { ConfigError, loadConfig } from "../../../server/src/config";
import { T0 } from "../../../server/test-support/harness";

const known = new Set([13, 14, 15, 19, 22]);

describe("room actions", () => {
  const none = { hidden: [], pinned: [] };

  it("hide and show, pin and unpin, and a repeated click changes nothing (the same object)", () => {
    const hidden = applyRoomAction(none, "hide", 13, known);
    const pinned = applyRoomAction(hidden, "pin", 22, known);

    expect(hidden).toEqual({ hidden: [13], pinned: [] });
    expect(applyRoomAction(hidden, "hide", 13, known)).toBe(hidden);
    expect(pinned).toEqual({ hidden: [13], pinned: [22] });
    expect(applyRoomAction(pinned, "pin", 22, known)).toBe(pinned);
    expect(applyRoomAction(pinned, "show", 13, known)).toEqual({ hidden: [], pinned: [22] });
    expect(applyRoomAction(pinned, "unpin", 22, known)).toEqual({ hidden: [13], pinned: [] });
    expect(applyRoomAction(none, "show", 13, known)).toBe(none);
  });

  it("moves a pinned room one place, and not past either end", () => {
    const three = { hidden: [], pinned: [13, 14, 15] };

    expect(applyRoomAction(three, "up", 14, known).pinned).toEqual([14, 13, 15]);
    expect(applyRoomAction(three, "down", 14, known).pinned).toEqual([13, 15, 14]);
    expect(applyRoomAction(three, "up", 13, known)).toBe(three);
    expect(applyRoomAction(three, "down", 15, known)).toBe(three);
    expect(() => applyRoomAction(three, "up", 22, known)).toThrow(
      new ChoiceError("直播间 22 没有置顶，不能调整顺序"),
    );
  });

  it("hides or pins only rooms WeChat lists, but clears ids it no longer lists", () => {
    const stale = { hidden: [99], pinned: [98] };

    expect(() => applyRoomAction(none, "hide", 99, known)).toThrow("微信的直播间列表里没有 99，无法隐藏");
    expect(() => applyRoomAction(none, "pin", 99, known)).toThrow("微信的直播间列表里没有 99，无法置顶");
    expect(applyRoomAction(stale, "show", 99, known)).toEqual({ hidden: [], pinned: [98] });
    expect(applyRoomAction(stale, "unpin", 98, known)).toEqual({ hidden: [99], pinned: [] });
  });

  it("caps the pinned list", () => {
    const ids = Array.from({ length: 21 }, (_, i) => 1000 + i);
    const full = { hidden: [], pinned: ids.slice(0, 20) };

    expect(() => applyRoomAction(full, "pin", ids[20], new Set(ids))).toThrow("最多置顶 20 个直播间");
  });
});

describe("视频号 actions", () => {
  it("adds a trimmed id at the end, moves and removes ids", () => {
    const ids = applyChannelAction(["sphcqO59YEPCvoe"], "add", "  sphMb29U7R4wCHH\u3000");

    expect(ids).toEqual(["sphcqO59YEPCvoe", "sphMb29U7R4wCHH"]);
    expect(applyChannelAction(ids, "up", "sphMb29U7R4wCHH")).toEqual(["sphMb29U7R4wCHH", "sphcqO59YEPCvoe"]);
    expect(applyChannelAction(ids, "up", "sphcqO59YEPCvoe")).toBe(ids);
    expect(applyChannelAction(ids, "remove", "sphcqO59YEPCvoe")).toEqual(["sphMb29U7R4wCHH"]);
    expect(applyChannelAction(ids, "remove", "sphNotThere00")).toBe(ids);
  });

  it.each([
    ["", "请填写视频号 ID"],
    ["sph cqO59YEPCvoe", "第 4 个字符是空格：请从视频号助手重新复制视频号 ID"],
    ["sphcqO59\u200bYEPCvoe", "第 9 个字符是看不见的字符（U+200B）：请从视频号助手重新复制视频号 ID"],
    ["gh_1234567890ab", "这不是视频号 ID：应以 sph 开头，后面是字母和数字，例如 sphcqO59YEPCvoe"],
    ["sphcqO59YEPCvoe", "sphcqO59YEPCvoe 已在列表中"],
  ])("refuses to add %j, saying why", (typed, message) => {
    expect(() => applyChannelAction(["sphcqO59YEPCvoe"], "add", typed)).toThrow(new ChoiceError(message));
  });

  it("keeps at most 20 and moves only ids on the list", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `sphShop${String(i).padStart(4, "0")}`);

    expect(() => applyChannelAction(twenty, "add", "sphOneMore0000")).toThrow("最多 20 个视频号");
    expect(() => applyChannelAction(twenty, "down", "sphOneMore0000")).toThrow("列表里没有 sphOneMore0000");
  });
});

describe("words", () => {
  it("says each refresh failure the way an operator understands it", () => {
    const said = (err: unknown): string => failureInWords(describeWechatFailure(err).reason);

    expect(said(new WechatApiError("getliveinfo", 48001, "api unauthorized"))).toMatch(
      /^没有直播权限：微信对直播接口回答 48001/,
    );
    expect(said(new QuotaExhaustedError("getliveinfo"))).toMatch(/^今日调用额度已用完/);
    expect(said(new WechatApiError("stable_token", 40164, "invalid ip"))).toMatch(
      /^微信拒绝发放 access_token（错误码 40164）：请检查 WX_APPID、WX_APPSECRET，以及小程序后台的 IP 白名单/,
    );
    expect(said(new WechatApiError("getliveinfo", 40001, "invalid credential"))).toMatch(
      /^微信拒绝了 access_token（错误码 40001）/,
    );
    expect(said(new UpstreamError("getliveinfo", "timeout", "no answer"))).toMatch(
      /^连不上微信：微信没有在规定时间内应答/,
    );
    expect(said(new UpstreamError("stable_token", "network", "connection failed"))).toMatch(
      /^连不上微信：连不上微信的服务器/,
    );
    expect(said(new UpstreamError("getliveinfo", "http_503", "HTTP 503"))).toMatch(
      /^连不上微信：微信的服务器回答了 HTTP 503/,
    );
    expect(said(new UpstreamError("getliveinfo", "bad_json", "not JSON"))).toMatch(
      /^连不上微信：微信的应答无法解析/,
    );
    expect(said(new WechatApiError("getliveinfo", 300001, "whatever"))).toBe(
      "微信返回了错误码 300001（getliveinfo）。",
    );
    expect(said(new Error("bug"))).toBe("服务器内部错误，详见服务器日志。");
  });

  it("tells times in Beijing time, ages and waits in minutes and hours", () => {
    expect(beijingTime(T0)).toBe("2025-06-01 10:00");
    expect(beijingTime(Date.UTC(2025, 5, 1, 16, 30))).toBe("2025-06-02 00:30");
    expect(ago(T0 - 30_000, T0)).toBe("刚刚");
    expect(ago(T0 + 60_000, T0)).toBe("刚刚");
    expect(ago(T0 - 5 * 60_000, T0)).toBe("5 分钟前");
    expect(ago(T0 - 3 * 3_600_000, T0)).toBe("3 小时前");
    expect(ago(T0 - 49 * 3_600_000, T0)).toBe("2 天前");
    expect(duration(1)).toBe("1 分钟");
    expect(duration(14 * 60_000 + 1)).toBe("15 分钟");
    expect(duration(65 * 60_000)).toBe("1 小时 5 分钟");
    expect(duration(120 * 60_000)).toBe("2 小时");
  });

  it("names every live status and every audit action", () => {
    const statuses: LiveStatus[] = [101, 102, 103, 104, 105, 106, 107];

    expect(statuses.map((s) => liveStatus(s).text)).toEqual([
      "直播中",
      "未开始",
      "已结束",
      "禁播",
      "暂停",
      "异常",
      "已过期",
    ]);
    expect(auditInWords({ action: "room_pin", target: "22" })).toBe("置顶直播间 22");
    expect(auditInWords({ action: "channel_remove", target: "sphcqO59YEPCvoe" })).toBe(
      "移除视频号 sphcqO59YEPCvoe",
    );
    expect(auditInWords({ action: "sign_in" })).toBe("登录");
    expect(auditInWords({ action: "refresh" })).toBe("立即刷新直播间列表");
  });
});

describe("the chart of the day", () => {
  it("draws a bar per hour with calls, marks the current hour, and says it in words", () => {
    const hourly = Array<number>(24).fill(0);
    hourly[8] = 4;
    hourly[10] = 2;

    const svg = quotaChartSvg(hourly, 10);

    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toMatch(/<rect class="bar" [^>]*height="88"><title>8 点：4 次<\/title>/);
    expect(svg).toMatch(/<rect class="bar now" [^>]*height="44"><title>10 点：2 次<\/title>/);
    expect(svg).toContain('aria-label="今天共调用 6 次；最多的是 8 点（4 次）；当前 10 点已调用 2 次"');
    expect(svg).not.toContain("style");
    expect(chartSummary(Array<number>(24).fill(0), 3)).toBe("今天还没有调用 getliveinfo");
  });
});

describe("the password hash", () => {
  it("verifies the password it was made from, and nothing else", async () => {
    const hash = parsePasswordHash(await hashPassword("a long operator password", { logN: 14, r: 8, p: 5 }));

    expect(await verifyPassword("a long operator password", hash)).toBe(true);
    expect(await verifyPassword("a long operator passworD", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("is made with N = 2^17, r = 8, p = 1 and a random salt by default", async () => {
    const [one, two] = await Promise.all([
      hashPassword("same password here"),
      hashPassword("same password here"),
    ]);

    expect(one).toMatch(/^scrypt:ln=17,r=8,p=1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    expect(one).not.toBe(two);
  });

  it.each([
    ["hunter2hunter2", "is not a hash made by `npm run admin:hash`"],
    ["$scrypt$ln=17,r=8,p=1$c2FsdA$a2V5", "is not a hash made by `npm run admin:hash`"],
    ["scrypt:N=16384:AAAAAAAAAAAAAAAAAAAAAA:" + "A".repeat(43), "has unreadable parameters"],
    ["scrypt:ln=12,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA:" + "A".repeat(43), "is too cheap to compute (ln=12, p=1)"],
    [
      "scrypt:ln=19,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA:" + "A".repeat(43),
      "would need more than 256 MiB per sign-in",
    ],
    ["scrypt:ln=17,r=8,p=1:AAAA:" + "A".repeat(43), "needs a salt of 16+ bytes and a key of 32+ bytes"],
    ["scrypt:ln=17,r=8,p=1:AAAAAAAAAAAAAAAAAAAAAA:not+base64", "its key is not base64url"],
  ])("refuses %j", (value, reason) => {
    expect(() => parsePasswordHash(value)).toThrow(PasswordHashError);
    expect(() => parsePasswordHash(value)).toThrow(reason);
  });

  it("turns the console on only with a good ADMIN_PASSWORD_HASH, refusing a bad one in one line", async () => {
    const base = { WX_APPID: "wxid", WX_APPSECRET: "secret" };
    const hash = await hashPassword("a long operator password", { logN: 14, r: 8, p: 5 });

    expect(loadConfig(base).admin).toBeUndefined();
    expect(loadConfig({ ...base, ADMIN_PASSWORD_HASH: "  " }).admin).toBeUndefined();
    expect(loadConfig({ ...base, ADMIN_PASSWORD_HASH: hash }).admin).toMatchObject({
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      shareCodeDailyQuota: 10_000,
    });
    expect(() => loadConfig({ ...base, ADMIN_PASSWORD_HASH: "correct horse battery" })).toThrow(
      new ConfigError(
        "ADMIN_PASSWORD_HASH is not a hash made by `npm run admin:hash` (scrypt:ln=…); a plain password is never accepted",
      ),
    );
    expect(() => loadConfig({ ...base, ADMIN_PASSWORD_HASH: hash, ADMIN_SESSION_IDLE_MINUTES: "0" })).toThrow(
      "ADMIN_SESSION_IDLE_MINUTES must be between 1 and 1440, got 0",
    );
  });

  it("admin:hash refuses weak passwords; demo passwords are long and unambiguous", () => {
    expect(passwordProblem("short")).toBe("use at least 12 characters");
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toBe("use more than a few different characters");
    expect(passwordProblem("12345678901234")).toBe("use letters too, not only digits");
    expect(passwordProblem("运营后台的密码要足够长才行")).toBeUndefined();
    const demo = new Set(Array.from({ length: 50 }, demoPassword));
    expect(demo.size).toBe(50);
    for (const password of demo) {
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(passwordProblem(password)).toBeUndefined();
    }
  });
});
