import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_DAILY_QUOTA, DEMO_APPID, DEMO_APPSECRET } from "../config";
import { placeholderPng } from "./png";
import { EMU_APIS, ERRMSG, EmulatorState } from "./state";
import type { EmuApi, Fault } from "./state";

export interface EmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  appId?: string;
  appSecret?: string;
  /** getliveinfo calls per day (list and replay together); WeChat's figure today is 100000. */
  dailyQuota?: number;
  tokenTtlSeconds?: number;
  /** false: every live API answers 48001 (an appid without the live feature). Default true. */
  livePermission?: boolean;
  /** Start with this many generated rooms instead of the sample set. */
  rooms?: number;
  /** The base clock (ms); the admin API adds an offset to it. */
  now?: () => number;
}

export interface Emulator {
  url: string;
  port: number;
  appId: string;
  appSecret: string;
  state: EmulatorState;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

const wxError = (errcode: number, extra: Json = {}): Json => ({
  errcode,
  errmsg: `${ERRMSG[errcode] ?? "error"} rid: emulator`,
  ...extra,
});

const int = (v: unknown, fallback: number): number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : fallback;

/** Starts the WeChat emulator (official API shapes, fault injection, admin API) on loopback. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(
    {
      appId: options.appId ?? DEMO_APPID,
      appSecret: options.appSecret ?? DEMO_APPSECRET,
      dailyQuota: options.dailyQuota ?? DEFAULT_DAILY_QUOTA,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
      livePermission: options.livePermission ?? true,
    },
    options.now ?? Date.now,
    options.rooms,
  );
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  const delay = (ms: number, req: IncomingMessage): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(!req.socket.destroyed);
      }, ms);
      timers.add(timer);
    });

  /** Applies an injected fault; true when it already answered (or dropped) the call. */
  async function applyFault(api: EmuApi, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const fault = state.takeFault(api);
    if (!fault) return false;
    if (fault.delayMs && !(await delay(fault.delayMs, req))) return true;
    if (fault.reset) {
      state.answered(api, "reset");
      req.socket.destroy();
      return true;
    }
    if (fault.status) {
      state.answered(api, `http_${fault.status}`);
      res.writeHead(fault.status, { "content-type": "text/plain" });
      res.end("Internal Server Error");
      return true;
    }
    if (fault.badJson) {
      state.answered(api, "bad_json");
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"errcode":0,"errmsg":"ok","room_info":[{"name":"');
      return true;
    }
    if (fault.errcode !== undefined) {
      state.answered(api, fault.errcode);
      send(res, 200, {
        ...wxError(fault.errcode),
        ...(fault.errmsg ? { errmsg: fault.errmsg } : {}),
        room_info: [],
        live_replay: [],
      });
      return true;
    }
    return false; // a pure delay: answer normally
  }

  function answer(res: ServerResponse, api: EmuApi, body: Json): void {
    state.answered(api, typeof body.errcode === "number" ? body.errcode : 0);
    send(res, 200, body);
  }

  function credentialsError(appid: unknown, secret: unknown): number {
    if (!appid) return 41002;
    if (!secret) return 41004;
    if (appid !== state.config.appId) return 40013;
    return secret === state.config.appSecret ? 0 : 40125;
  }

  async function wechat(
    api: EmuApi,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: string,
  ): Promise<void> {
    state.count(api);
    if (await applyFault(api, req, res)) return;
    if (api === "token") {
      const code = credentialsError(url.searchParams.get("appid"), url.searchParams.get("secret"));
      return answer(res, api, code ? wxError(code) : state.classicToken());
    }
    if (api === "stable_token") {
      const json = parseJson(body);
      if (!json || json.grant_type !== "client_credential") return answer(res, api, wxError(47001));
      const code = credentialsError(json.appid, json.secret);
      return answer(res, api, code ? wxError(code) : state.stableTokenFor(json.force_refresh === true));
    }
    const tokenCode = state.checkToken(url.searchParams.get("access_token"));
    if (tokenCode) return answer(res, api, wxError(tokenCode, { room_info: [], live_replay: [] }));
    // checked after the token, before the quota: WeChat refuses the call without counting it
    if (!state.config.livePermission) return answer(res, api, wxError(48001));
    if (api === "getsharedcode") {
      const roomId = Number(url.searchParams.get("roomId"));
      if (!state.rooms.some((r) => r.roomid === roomId)) return answer(res, api, wxError(300022));
      const params = url.searchParams.get("params") ?? "";
      return answer(res, api, {
        errcode: 0,
        cdnUrl: `${baseUrl}/__static/sharedcode/${roomId}.png?w=430&h=430`,
        pagePath: `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=${roomId}${
          params ? `&custom_params=${encodeURIComponent(params)}` : ""
        }`,
        posterUrl: `${baseUrl}/__static/poster/${roomId}.png?w=750&h=1334`,
      });
    }
    return getLiveInfo(api, parseJson(body), res);
  }

  function getLiveInfo(api: EmuApi, json: Json | undefined, res: ServerResponse): void {
    if (!json) return answer(res, api, wxError(47001, { room_info: [], live_replay: [] }));
    if (!state.spendQuota()) return answer(res, api, wxError(45009, { room_info: [], live_replay: [] }));
    const start = int(json.start, 0);
    const limit = Math.min(int(json.limit, 10) || 10, 100); // WeChat serves at most 100 per page
    if (api === "get_replay") {
      const room = state.rooms.find((r) => r.roomid === json.room_id);
      if (!room) return answer(res, api, wxError(300022, { room_info: [], live_replay: [] }));
      const replays = state.replaysOf(room);
      return answer(res, api, {
        errcode: 0,
        errmsg: "ok",
        live_replay: replays.slice(start, start + limit),
        total: replays.length,
      });
    }
    if (start === 0) state.listPasses += 1;
    const rooms = state.roomInfo(baseUrl);
    if (start >= rooms.length) return answer(res, api, wxError(9410000, { room_info: [], live_replay: [] }));
    answer(res, api, {
      errcode: 0,
      errmsg: "ok",
      room_info: rooms.slice(start, start + limit),
      live_replay: [],
      total: rooms.length,
    });
  }

  function stats(): Json {
    return {
      calls: Object.fromEntries(EMU_APIS.map((api) => [api, state.calls.get(api) ?? 0])),
      answers: Object.fromEntries(state.answers),
      listPasses: state.listPasses,
      tokensIssued: state.tokensIssued,
      quota: state.quota(),
      now: state.nowSeconds(),
      faults: state.faults,
    };
  }

  function toFault(raw: unknown): Fault | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const f = raw as Json;
    const api = f.api ?? "*";
    if (api !== "*" && !EMU_APIS.includes(api as EmuApi)) return undefined;
    const times = f.times === "always" ? "always" : int(f.times, 1) || 1;
    return {
      api: api as Fault["api"],
      times,
      delayMs: typeof f.delayMs === "number" ? f.delayMs : undefined,
      status: typeof f.status === "number" ? f.status : undefined,
      badJson: f.badJson === true,
      reset: f.reset === true,
      errcode: typeof f.errcode === "number" ? f.errcode : undefined,
      errmsg: typeof f.errmsg === "string" ? f.errmsg : undefined,
    };
  }

  function admin(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const json = parseJson(body) ?? {};
    const route = `${req.method} ${path}`;
    switch (route) {
      case "GET /__admin/stats":
        return send(res, 200, stats());
      case "POST /__admin/reset":
        state.reset();
        return send(res, 200, stats());
      case "GET /__admin/faults":
        return send(res, 200, { faults: state.faults });
      case "POST /__admin/faults": {
        const list = Array.isArray(json.faults) ? json.faults : [json];
        const faults = list.map(toFault);
        if (faults.some((f) => f === undefined)) return send(res, 400, { error: "bad fault", api: EMU_APIS });
        state.faults.push(...(faults as Fault[]));
        return send(res, 200, { faults: state.faults });
      }
      case "DELETE /__admin/faults":
        state.faults = [];
        return send(res, 200, { faults: [] });
      case "GET /__admin/clock":
        return send(res, 200, { now: state.nowSeconds(), offsetSeconds: state.offsetMs / 1000 });
      case "POST /__admin/clock":
        if (typeof json.advanceSeconds === "number") state.offsetMs += json.advanceSeconds * 1000;
        if (typeof json.set === "number") state.offsetMs += json.set * 1000 - state.nowMs();
        return send(res, 200, { now: state.nowSeconds(), offsetSeconds: state.offsetMs / 1000 });
      case "GET /__admin/rooms":
        return send(res, 200, { t0: state.t0, rooms: state.roomInfo(baseUrl) });
      case "POST /__admin/rooms":
        if (typeof json.count === "number") state.useGeneratedRooms(json.count);
        else state.useSampleRooms();
        return send(res, 200, { t0: state.t0, total: state.rooms.length });
      case "POST /__admin/config":
        if (typeof json.dailyQuota === "number") state.config.dailyQuota = json.dailyQuota;
        if (typeof json.tokenTtlSeconds === "number") state.config.tokenTtlSeconds = json.tokenTtlSeconds;
        if (typeof json.livePermission === "boolean") state.config.livePermission = json.livePermission;
        return send(res, 200, {
          dailyQuota: state.config.dailyQuota,
          tokenTtlSeconds: state.config.tokenTtlSeconds,
          livePermission: state.config.livePermission,
        });
      case "GET /__admin/tokens":
        return send(res, 200, { valid: state.validTokens() });
      default:
        return send(res, 404, { error: `unknown admin route ${route}` });
    }
  }

  function image(res: ServerResponse, url: URL): void {
    const size = (name: string, fallback: number): number =>
      Math.min(Math.max(Number(url.searchParams.get(name)) || fallback, 1), 1334);
    const png = placeholderPng(url.pathname, size("w", 240), size("h", 240));
    res.writeHead(200, {
      "content-type": "image/png",
      "content-length": png.length,
      "cache-control": "max-age=3600",
    });
    res.end(png);
  }

  const routes: Record<string, EmuApi> = {
    "GET /cgi-bin/token": "token",
    "POST /cgi-bin/stable_token": "stable_token",
    "GET /wxaapi/broadcast/room/getsharedcode": "getsharedcode",
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const route = `${req.method} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      const body = req.method === "POST" ? await readBody(req) : "";
      if (route === "POST /wxa/business/getliveinfo") {
        const api: EmuApi = parseJson(body)?.action === "get_replay" ? "get_replay" : "getliveinfo";
        return wechat(api, req, res, url, body);
      }
      if (routes[route]) return wechat(routes[route], req, res, url, body);
      if (url.pathname.startsWith("/__admin/")) return admin(req, res, url.pathname, body);
      if (req.method === "GET" && url.pathname.startsWith("/__static/") && url.pathname.endsWith(".png")) {
        return image(res, url);
      }
      send(res, 404, { errcode: 404, errmsg: "not found" });
    };
    handle().catch(() => {
      if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: "system error" });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url: baseUrl,
    port,
    appId: state.config.appId,
    appSecret: state.config.appSecret,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
