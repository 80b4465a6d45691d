import { Redactor } from "../../server/src/log";
import {
  GOODS_101,
  admin,
  emulator,
  fault,
  get,
  removeTempDirs,
  server,
  settle,
  TEST_SECRET,
} from "./support/harness";

afterAll(removeTempDirs);

describe("secrets", () => {
  it("never appear in logs or answers, whatever goes wrong upstream", async () => {
    const emu = await emulator();
    const srv = await server(emu, { env: { LOG_LEVEL: "trace" } });
    const cold = await server(emu, { env: { LOG_LEVEL: "trace" } });
    const bodies: string[] = [];
    const fetchAll = async (): Promise<void> => {
      for (const path of [
        "/api/rooms",
        "/api/rooms/19",
        "/api/rooms/19/replays",
        GOODS_101,
        "/healthz",
        "/metrics",
      ]) {
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

  it("the redactor masks registered secrets and any access_token query value", () => {
    const redactor = new Redactor();
    redactor.add("s3cr3t-value-123");
    redactor.add("short"); // too short to mask safely

    const out = redactor.scrub("GET /x?access_token=ABC.def&a=1 s3cr3t-value-123 short");

    expect(out).toBe("GET /x?access_token=[REDACTED]&a=1 [REDACTED] short");
  });
});
