/**
 * The console's pages and actions. Pages are GET and render a template with a view model built here;
 * actions are POST forms (CSRF-checked) that change something, write the audit log and redirect back
 * with a one-line result (post/redirect/get, so a reload never repeats an action).
 */
import fastifyCsrf from "@fastify/csrf-protection";
import { Type } from "@sinclair/typebox";
import type { TProperties } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NothingCachedError } from "../cache/shared-entry";
import { errorBody } from "../http/errors";
import type { Room } from "../api/contract";
import { roomLinks } from "../wechat/live-page";
import { CHANNEL_ACTIONS, ChoiceError, ROOM_ACTIONS } from "./choices";
import type { ChannelAction, RoomAction } from "./choices";
import { BASE, COOKIE_NAME, markCookieSecure, refuse, safeNext, sessionState } from "./access";
import type { ConsoleContext } from "./context";
import { verifyPassword } from "./password";
import { quotaChartSvg } from "./quota-chart";
import { sessionTag } from "./settings";
import type { Actor } from "./settings";
import { SignInBusyError } from "./sign-in-guard";
import { ago, auditInWords, beijingTime, duration, failureInWords, liveStatus } from "./words";
import { shanghaiHour } from "../quota/governor";

type Nav = "" | "overview" | "rooms" | "channels" | "audit";

const ROOM_ID = "^[1-9][0-9]{0,9}$";
/** The CSRF token travels in the form; @fastify/csrf-protection checks it, the schema only bounds it. */
const csrfField = { _csrf: Type.Optional(Type.String({ maxLength: 256 })) };
/** HTML pages stay out of the OpenAPI document. */
const hide = true;

/**
 * A form post's body. TypeBox, like the API's schemas, since the server's validator compiles TypeBox
 * (http/validation.ts); a form's other fields are let through, as browsers send what the page has.
 */
const formBody = (properties: TProperties) => Type.Object({ ...csrfField, ...properties });

const roomParams = Type.Object({ roomId: Type.String({ pattern: ROOM_ID }) });

function actor(request: FastifyRequest): Actor {
  return { address: request.ip, session: sessionTag(request.session.sessionId) };
}

function flash(request: FastifyRequest, kind: "ok" | "error", text: string): void {
  request.session.flash = { kind, text };
}

/** Renders a signed-in page: the layout's navigation, a fresh CSRF token, the pending flash message. */
function page(
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  title: string,
  nav: Nav,
  data: object,
) {
  const pending = request.session.flash;
  if (pending) request.session.flash = undefined;
  reply.header("cache-control", "no-store");
  return reply.view(view, {
    title,
    nav,
    csrf: reply.generateCsrf(),
    flash: pending,
    signedIn: true,
    ...data,
  });
}

const storeInWords: Record<"off" | "up" | "down", string> = {
  off: "内置存储（快照文件，单实例）",
  up: "Redis：正常（所有实例共用）",
  down: "Redis：连不上（各实例暂用自己的内存副本，控制台暂不能保存更改）",
};

interface RoomRow {
  id: number;
  name: string;
  anchor: string;
  status: { text: string; tone: string };
  start: string;
  goods: number;
  hidden: boolean;
  /** 1-based place among the pinned rooms, or 0. */
  pinned: number;
  first: boolean;
  last: boolean;
}

/** Rooms as shoppers get them (pinned first, then WeChat's order), hidden ones kept in their place. */
function roomRows(rooms: readonly Room[], hidden: readonly number[], pinned: readonly number[]): RoomRow[] {
  const byId = new Map(rooms.map((r) => [r.roomId, r]));
  const pinnedKnown = pinned.filter((id) => byId.has(id));
  const ordered = [
    ...pinnedKnown.map((id) => byId.get(id)).filter((r) => r !== undefined),
    ...rooms.filter((r) => !pinnedKnown.includes(r.roomId)),
  ];
  return ordered.map((room) => {
    const place = pinned.indexOf(room.roomId);
    return {
      id: room.roomId,
      name: room.name,
      anchor: room.anchorName,
      status: liveStatus(room.liveStatus),
      start: beijingTime(room.startTime * 1000),
      goods: room.goods.length,
      hidden: hidden.includes(room.roomId),
      pinned: place + 1,
      first: place === 0,
      last: place === pinned.length - 1,
    };
  });
}

/** The sign-in form's CSRF secret: a signed cookie for the sign-in page only (see consoleRoutes). */
const SIGN_IN_CSRF_COOKIE = "wxlive_console_csrf";

export async function consoleRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  await app.register(async (login) => signInRoutes(login, ctx));
  await app.register(async (secure) => signedInRoutes(secure, ctx));
}

/**
 * The sign-in page and form, the only ones served without a session. Their CSRF secret is a signed
 * cookie (double submit) rather than a session, so nothing is stored for a visitor who has not signed in.
 */
async function signInRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  const { settings, guard, admin, now } = ctx;
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: SIGN_IN_CSRF_COOKIE,
    cookieOpts: { path: `${BASE}/login`, httpOnly: true, sameSite: "strict", signed: true },
  });
  const token = (request: FastifyRequest, reply: FastifyReply): string =>
    reply.generateCsrf({ secure: request.protocol === "https" });

  app.get<{ Querystring: { next?: string; expired?: string; out?: string } }>(
    "/login",
    {
      schema: {
        hide,
        querystring: Type.Object({
          next: Type.Optional(Type.String({ maxLength: 200 })),
          expired: Type.Optional(Type.Literal("1")),
          out: Type.Optional(Type.Literal("1")),
        }),
      },
    },
    async (request, reply) => {
      if (sessionState(request, ctx) === "signed_in")
        return reply.code(303).redirect(safeNext(request.query.next));
      reply.header("cache-control", "no-store");
      const notice = request.query.expired
        ? "登录已过期，请重新登录。"
        : request.query.out
          ? "已退出登录。"
          : undefined;
      return reply.view("login", {
        title: "登录",
        nav: "",
        csrf: token(request, reply),
        next: safeNext(request.query.next),
        notice,
      });
    },
  );

  app.post<{ Body: { password: string; next?: string } }>(
    "/login",
    {
      schema: {
        hide,
        body: formBody({
          password: Type.String({ maxLength: 1024 }),
          next: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const address = request.ip;
      const next = safeNext(request.body.next);
      const again = (status: number, error: string) =>
        reply
          .code(status)
          .header("cache-control", "no-store")
          .view("login", { title: "登录", nav: "", csrf: token(request, reply), next, error });
      let outcome: { ok: true } | { ok: false; status: number; error: string; retryAfterS?: number };
      try {
        outcome = await guard.serially(async () => {
          const verdict = await guard.check(address);
          if (!verdict.allowed) {
            const who = verdict.scope === "everyone" ? "所有人的登录都已暂停" : "这台设备已被暂停登录";
            return {
              ok: false,
              status: 429,
              retryAfterS: Math.ceil(verdict.retryAfterMs / 1000),
              error: `密码错误次数过多，${who}：请 ${duration(verdict.retryAfterMs)}后再试。`,
            };
          }
          if (await verifyPassword(request.body.password, admin.passwordHash)) {
            await guard.succeeded(address);
            return { ok: true };
          }
          const left = await guard.failed(address);
          const tail = left > 0 ? `还可以再试 ${left} 次。` : "这台设备的登录已暂停。";
          return { ok: false, status: 401, error: `密码不正确，${tail}` };
        });
      } catch (err) {
        if (!(err instanceof SignInBusyError)) throw err;
        outcome = { ok: false, status: 503, retryAfterS: 5, error: "同时登录的请求太多，请稍后再试。" };
      }
      if (!outcome.ok) {
        if (outcome.retryAfterS !== undefined) reply.header("retry-after", String(outcome.retryAfterS));
        return again(outcome.status, outcome.error);
      }
      // a new session id at sign-in: an id planted before it (session fixation) is worth nothing
      await request.session.regenerate();
      markCookieSecure(request);
      const at = now();
      request.session.signedInAt = at;
      request.session.seenAt = at;
      await settings.note(actor(request), "sign_in");
      return reply.code(303).header("cache-control", "no-store").redirect(next);
    },
  );
}

/** Everything else: only for a signed-in session (anything not found here answers the same way). */
async function signedInRoutes(secure: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  const { rooms, settings, governor, shareCodes, admin, now, config } = ctx;
  await secure.register(fastifyCsrf, { sessionPlugin: "@fastify/session" });
  secure.addHook("onRequest", async (request, reply) => {
    const state = sessionState(request, ctx);
    if (state !== "signed_in") return refuse(request, reply, state);
  });
  const csrf = { preHandler: secure.csrfProtection };

  // unknown console paths answer like pages: sign-in first (the hook above), then "nothing here"
  secure.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    return page(request, reply, "not-found", "没有这个页面", "", {});
  });

  secure.post("/logout", { schema: { hide, body: formBody({}) }, ...csrf }, async (request, reply) => {
    await settings.note(actor(request), "sign_out");
    await request.session.destroy();
    reply.clearCookie(COOKIE_NAME, { path: BASE });
    return reply.code(303).header("cache-control", "no-store").redirect(`${BASE}/login?out=1`);
  });

  secure.get("/", { schema: { hide } }, async (request, reply) => {
    await governor.load();
    // reads the list as a shopper request would (from the store after a restart), so its state is known
    await rooms.everyRoom().catch((err: unknown) => {
      if (!(err instanceof NothingCachedError)) throw err;
    });
    const at = now();
    const list = rooms.listStatus();
    const used = governor.usedToday();
    const { daily, replayReserve } = governor.budget();
    const hourly = await governor.hourlyToday();
    const recent = (await settings.auditLog()).slice(0, 5);
    return page(request, reply, "overview", "概览", "overview", {
      livePlugin: config.livePlugin,
      list: {
        cached: list.cached,
        updated:
          list.updatedAt === undefined ? "" : `${ago(list.updatedAt, at)}（${beijingTime(list.updatedAt)}）`,
        stale: list.stale === true,
        failure: list.failure === undefined ? undefined : failureInWords(list.failure),
      },
      store: storeInWords[ctx.store.status()],
      quota: {
        used,
        daily,
        listBudget: daily - replayReserve,
        replayReserve,
        left: Math.max(0, daily - used),
        percent: Math.min(100, Math.round((used / daily) * 100)),
      },
      canRefresh: config.livePlugin && used < daily - replayReserve,
      chart: quotaChartSvg(hourly, shanghaiHour(at)),
      shareCodes: { used: await shareCodes.usedToday(), limit: admin.shareCodeDailyQuota },
      recent: recent.map((e) => ({
        when: beijingTime(e.at),
        what: auditInWords(e),
        who: `${e.address} · ${e.session}`,
      })),
    });
  });

  secure.post("/refresh", { schema: { hide, body: formBody({}) }, ...csrf }, async (request, reply) => {
    const result = await rooms.refreshNow();
    if (result === "off")
      flash(request, "error", "此后端没有小程序直播（LIVE_PLUGIN=off），不调用 getliveinfo。");
    else if (result === "no_quota")
      flash(request, "error", "今天剩下的额度不够再刷新一次列表；北京时间零点后恢复。");
    else {
      await settings.note(actor(request), "refresh");
      const status = rooms.listStatus();
      if (status.failure !== undefined)
        flash(request, "error", `刷新失败：${failureInWords(status.failure)}`);
      else flash(request, "ok", "已从微信刷新直播间列表。");
    }
    return reply.code(303).redirect(BASE);
  });

  secure.get("/rooms", { schema: { hide } }, async (request, reply) => {
    const choices = settings.rooms.current();
    let list: Room[] = [];
    let error: string | undefined;
    let updated = "";
    let stale = false;
    try {
      const view = await rooms.everyRoom();
      list = view?.value.rooms ?? [];
      updated = view ? ago(view.updatedAt, now()) : "";
      stale = view?.stale === true;
    } catch (err) {
      if (!(err instanceof NothingCachedError)) throw err;
      const failure = rooms.listStatus().failure;
      error = `还没有从微信取到直播间列表。${failure ? failureInWords(failure) : ""}`;
    }
    const known = new Set(list.map((r) => r.roomId));
    const orphans = [...new Set([...choices.pinned, ...choices.hidden])]
      .filter((id) => !known.has(id))
      .map((id) => ({ id, hidden: choices.hidden.includes(id), pinned: choices.pinned.includes(id) }));
    return page(request, reply, "rooms", "直播间", "rooms", {
      livePlugin: config.livePlugin,
      rows: roomRows(list, choices.hidden, choices.pinned),
      orphans,
      error,
      updated,
      stale,
      fromConfig: settings.savedAt().rooms === 0,
    });
  });

  secure.post<{ Params: { roomId: string }; Body: { action: RoomAction } }>(
    "/rooms/:roomId",
    {
      schema: {
        hide,
        params: roomParams,
        body: formBody({ action: Type.Union(ROOM_ACTIONS.map((a) => Type.Literal(a))) }),
      },
      ...csrf,
    },
    async (request, reply) => {
      const roomId = Number(request.params.roomId);
      const { action } = request.body;
      let known = new Set<number>();
      try {
        known = new Set((await rooms.everyRoom())?.value.rooms.map((r) => r.roomId) ?? []);
      } catch (err) {
        if (!(err instanceof NothingCachedError)) throw err;
      }
      try {
        const changed = await settings.changeRooms(actor(request), action, roomId, known);
        const words = {
          hide: "已隐藏",
          show: "已显示",
          pin: "已置顶",
          unpin: "已取消置顶",
          up: "已上移",
          down: "已下移",
        };
        flash(
          request,
          "ok",
          changed ? `${words[action]}直播间 ${roomId}，顾客马上就能看到变化。` : "没有变化。",
        );
      } catch (err) {
        if (!(err instanceof ChoiceError)) throw err;
        flash(request, "error", err.message);
      }
      return reply.code(303).redirect(`${BASE}/rooms#room-${roomId}`);
    },
  );

  secure.get<{ Params: { roomId: string } }>(
    "/rooms/:roomId",
    { schema: { hide, params: roomParams } },
    async (request, reply) => {
      const roomId = Number(request.params.roomId);
      let room: Room | undefined;
      try {
        room = (await rooms.everyRoom())?.value.rooms.find((r) => r.roomId === roomId);
      } catch (err) {
        if (!(err instanceof NothingCachedError)) throw err;
      }
      if (!room) {
        reply.code(404);
        return page(request, reply, "not-found", "没有这个直播间", "rooms", {
          message: `微信的直播间列表里没有 ${roomId}。`,
        });
      }
      const code = await shareCodes.code(roomId);
      const choices = settings.rooms.current();
      return page(request, reply, "room", room.name, "rooms", {
        room: {
          id: room.roomId,
          name: room.name,
          anchor: room.anchorName,
          status: liveStatus(room.liveStatus),
          start: beijingTime(room.startTime * 1000),
          hidden: choices.hidden.includes(roomId),
        },
        links: roomLinks(roomId),
        code: code.ok
          ? {
              ok: true,
              src: `${BASE}/rooms/${roomId}/code.png`,
              pagePath: code.code.pagePath,
              fetched: beijingTime(code.fetchedAt),
            }
          : { ok: false, reason: code.reason },
      });
    },
  );

  secure.get<{ Params: { roomId: string } }>(
    "/rooms/:roomId/code.png",
    { schema: { hide, params: roomParams } },
    async (request, reply) => {
      const image = await shareCodes.image(Number(request.params.roomId));
      if (!image) {
        reply.code(404).header("cache-control", "no-store");
        return reply.send(errorBody("not_found", "这个直播间的小程序码还没有取到：请先打开直播间页面"));
      }
      reply.header("cache-control", "private, max-age=86400").type(image.type);
      return reply.send(image.bytes);
    },
  );

  secure.get("/channels", { schema: { hide } }, async (request, reply) => {
    const ids = await settings.channels.read();
    return page(request, reply, "channels", "视频号", "channels", {
      ids: ids.map((id, i) => ({ id, first: i === 0, last: i === ids.length - 1 })),
      livePlugin: config.livePlugin,
      fromConfig: settings.savedAt().channels === 0,
    });
  });

  secure.post<{ Body: { action: ChannelAction; finderId: string } }>(
    "/channels",
    {
      schema: {
        hide,
        body: formBody({
          action: Type.Union(CHANNEL_ACTIONS.map((a) => Type.Literal(a))),
          finderId: Type.String({ maxLength: 100 }),
        }),
      },
      ...csrf,
    },
    async (request, reply) => {
      const { action, finderId } = request.body;
      try {
        const changed = await settings.changeChannels(actor(request), action, finderId);
        const words = { add: "已添加", remove: "已移除", up: "已上移", down: "已下移" };
        flash(request, "ok", changed ? `${words[action]}视频号 ${finderId.trim()}。` : "没有变化。");
      } catch (err) {
        if (!(err instanceof ChoiceError)) throw err;
        flash(request, "error", err.message);
      }
      return reply.code(303).redirect(`${BASE}/channels`);
    },
  );

  secure.get("/audit", { schema: { hide } }, async (request, reply) => {
    const entries = await settings.auditLog();
    return page(request, reply, "audit", "操作记录", "audit", {
      entries: entries.map((e) => ({
        when: beijingTime(e.at),
        what: auditInWords(e),
        address: e.address,
        session: e.session,
      })),
    });
  });
}
