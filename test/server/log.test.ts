import { Redactor } from "../../server/src/log";
import {
  GET_ROUTES,
  admin,
  emulator,
  fault,
  get,
  removeTempDirs,
  server,
  settle,
  TEST_SECRET,
} from "../../server/test-support/harness";

afterAll(removeTempDirs);

describe("secrets", () => {
  it("never appear in logs or answers, whatever goes wrong upstream", async () => {
    const emu = await emulator();
    const srv = await server(emu, { env: { LOG_LEVEL: "trace" } });
    const cold = await server(emu, { env: { LOG_LEVEL: "trace" } });
    const bodies: string[] = [];
    const fetchAll = async (): Promise<void> => {
      for (const path of GET_ROUTES) {
        bodies.push(JSON.stringify((await get(`${srv.url}${path}`)).body));
      }
    };
    try {
      await fetchAll();
      const tokens = (await admin<{ valid: string[] }>(emu, "tokens")).valid;
      expect(tokens).toHaveLength(1);
      const faults = [
        // WeChat echoing the token back in errmsg must not get it into a log line
        { errcode: 40001, times: 2, errmsg: `invalid credential, access_token is ${tokens[0]}` },
        { errcode: -1, errmsg: `system error for secret=${TEST_SECRET}` },
        { badJson: true },
        { reset: true },
        { status: 500 },
        { delayMs: 4000 },
      ];
      for (const f of faults) {
        await fault(emu, { api: "getliveinfo", ...f });
        srv.clock.advance(61);
        await fetchAll();
        await settle(srv);
      }
      await fault(emu, { api: "stable_token", errcode: 40125, errmsg: `invalid appsecret ${TEST_SECRET}` });
      bodies.push(JSON.stringify((await get(`${cold.url}/api/rooms`)).body));
      await admin(emu, "clock", { advanceSeconds: 7300 });
      srv.clock.advance(7300);
      await fetchAll();
      await settle(srv);
      const allTokens = [...tokens, ...(await admin<{ valid: string[] }>(emu, "tokens")).valid];
      const output = [srv.logs.text(), cold.logs.text(), ...bodies].join("\n");

      expect(srv.logs.lines.length).toBeGreaterThan(5);
      expect(srv.logs.text()).toContain("refresh failed");
      expect(srv.logs.text()).toContain("access_token is [REDACTED]");
      expect(srv.logs.text()).toContain("no answer within");
      expect(output).not.toContain(TEST_SECRET);
      for (const token of allTokens) expect(output).not.toContain(token);
      expect(output).not.toMatch(/access_token=(?!\[REDACTED\])/);
    } finally {
      await srv.close();
      await cold.close();
      await emu.close();
    }
  });

  it("partial and case-changed copies from WeChat never reach a log line", async () => {
    const emu = await emulator();
    const srv = await server(emu, { env: { LOG_LEVEL: "trace" } });
    try {
      await get(`${srv.url}/api/rooms`);
      const [token] = (await admin<{ valid: string[] }>(emu, "tokens")).valid;
      const echoes = [
        `credential ${token.slice(10, 22)} rejected`, // a 12-character slice of the token
        `bad appsecret ${TEST_SECRET.toUpperCase()}`,
        `secret tail ${TEST_SECRET.slice(-9)}`,
      ];
      for (const errmsg of echoes) {
        await fault(emu, { api: "getliveinfo", errcode: -1, errmsg });
        srv.clock.advance(61);
        await get(`${srv.url}/api/rooms`);
        await settle(srv);
      }
      const logs = srv.logs.text().toLowerCase();

      expect(srv.logs.text()).toContain("credential [REDACTED] rejected");
      expect(logs).not.toContain(token.slice(10, 22).toLowerCase());
      expect(logs).not.toContain(TEST_SECRET.slice(-9).toLowerCase());
      expect(logs).not.toContain(TEST_SECRET.slice(0, 12).toLowerCase());
    } finally {
      await srv.close();
      await emu.close();
    }
  });

  it("the redactor masks every 8+ character run of a secret, in any ASCII case, and nothing shorter", () => {
    const redactor = new Redactor();
    redactor.add("Secret-Value-0123456789");

    expect(redactor.scrub("full Secret-Value-0123456789 end")).toBe("full [REDACTED] end");
    expect(redactor.scrub("upper SECRET-VALUE-0123456789")).toBe("upper [REDACTED]");
    expect(redactor.scrub("slice x-value-0123y")).toBe("slice x[REDACTED]y");
    expect(redactor.scrub("two 01234567 and value-01")).toBe("two [REDACTED] and [REDACTED]");
    expect(redactor.scrub("seven 0123456 only")).toBe("seven 0123456 only");
    expect(redactor.scrub("Secret is a word")).toBe("Secret is a word");
  });

  it("keeps the recent rotating tokens and forgets the oldest", () => {
    const redactor = new Redactor();
    const tokens = Array.from({ length: 17 }, (_, i) => `token-${String(i).padStart(2, "0")}-abcdefgh`);
    for (const token of tokens) redactor.addRotating(token);

    expect(redactor.scrub(tokens[16])).toBe("[REDACTED]");
    expect(redactor.scrub(tokens[1])).toBe("[REDACTED]");
    expect(redactor.scrub(`${tokens[0].slice(0, 9)}`)).toBe("token-00-");
  });

  it("the redactor masks registered secrets and any access_token query value", () => {
    const redactor = new Redactor();
    redactor.add("s3cr3t-value-123");
    redactor.add("short"); // too short to mask safely

    const out = redactor.scrub("GET /x?access_token=ABC.def&a=1 s3cr3t-value-123 short");

    expect(out).toBe("GET /x?access_token=[REDACTED]&a=1 [REDACTED] short");
  });
});
