/**
 * `GET /api/rooms`, the hot path of the API: every shopper's list page asks for it, and it is answered
 * from the cache. Two paths serve it and share every decision:
 *
 * - before Fastify's routing (`serveEarly`, called by the Node server's request listener), for the
 *   common case: exactly `GET /api/rooms` with a valid query while the list is cached and the server
 *   is not stopping;
 * - the Fastify route, for everything else (a bad query is Fastify's 400, nothing cached waits for
 *   WeChat or answers 503).
 *
 * Both parse the query with the same parser, check it with the same compiled route schema, key the
 * rate limit on the same client address, and take their answer from `decide` and write it with
 * `writeAnswer`. Nothing else runs in either path for these answers: the Fastify route writes them
 * itself, past Fastify's reply hooks. Why a separate path at all: issue 17's profiles, where nothing
 * that stayed inside Fastify's request lifecycle served this answer at more than ~0.78× of a bare
 * node:http server's CPU efficiency.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RoomListResponse } from "../api/contract";
import { LIST_PAGING, RoomListQuery } from "../api/endpoints";
import type { Answer } from "../http/answer";
import { errorAnswer, matchesEtag, writeAnswer } from "../http/answer";
import { clientAddress } from "../http/client-address";
import type { TrustFunction } from "../http/client-address";
import { EncodingChoice } from "../http/encoding";
import type { Encoding } from "../http/encoding";
import { CACHE_CONTROL, JSON_TYPE, STALE_HEADER, encodedAs } from "../http/prepared";
import type { Prepared, PreparedAnswers } from "../http/prepared";
import { parseQuery } from "../http/query";
import { validatorCompiler } from "../http/validation";
import type { WindowLimiter } from "../http/window-limiter";
import type { RoomsService, VisibleRooms } from "./rooms-service";

export const ROOM_LIST_PATH = "/api/rooms";
const MAX_CHECKED_QUERIES = 256;

/** What decides a list answer: the checked query, the client's headers, the client. */
export interface ListRequest {
  query: RoomListQuery;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
  client: string;
}

export interface RoomListEndpointOptions {
  rooms: RoomsService;
  answers: PreparedAnswers;
  limiter: WindowLimiter;
  trust: TrustFunction | undefined;
  /** True while the server is stopping: the early path steps aside so Fastify says `Connection: close`. */
  closing: () => boolean;
}

type QueryCheck = (data: unknown) => { value?: unknown; error?: Error };

export class RoomListEndpoint {
  /** The route schema's query check, compiled by the same compiler Fastify uses for the route. */
  private readonly checkQuery = validatorCompiler({
    schema: RoomListQuery,
    httpPart: "querystring",
    method: "GET",
    url: ROOM_LIST_PATH,
  }) as QueryCheck;

  /** How many requests the early path answered (`/metrics`: api_rooms_early_answers_total). */
  servedEarly = 0;
  private readonly pageAnswers = new WeakMap<Prepared, { ok: Answer; notModified: Answer }>();
  private readonly encodings = new EncodingChoice();
  private pagesFor?: VisibleRooms;
  private pagesByQuery = new WeakMap<RoomListQuery, Prepared>();
  /** Queries the early path has seen pass the check, by their text: checked once, not per request. */
  private readonly checkedQueries = new Map<string, RoomListQuery>();

  constructor(private readonly o: RoomListEndpointOptions) {}

  /** The answer to a valid list request, given the list as it is cached now. */
  decide(request: ListRequest, visible: VisibleRooms): Answer {
    const retryIn = this.o.limiter.take(request.client);
    if (retryIn > 0) {
      return errorAnswer(429, "rate_limited", `too many requests, retry in ${retryIn} seconds`, {
        "retry-after": String(retryIn),
      });
    }
    const page = this.pageOf(request.query, visible);
    const encoding = this.encodings.choose(request.acceptEncoding);
    const sent = encoding ? encodedAs(page, encoding) : page;
    const answers = this.answersOf(sent, visible.stale, encoding);
    return matchesEtag(request.ifNoneMatch, sent.etag) ? answers.notModified : answers.ok;
  }

  /**
   * The prepared page for a query. The early path's queries are the same objects while their text is
   * (see `checked`), so the page is found by the query object itself for the list as cached now; any
   * other query object builds the page's key.
   */
  private pageOf(query: RoomListQuery, visible: VisibleRooms): Prepared {
    if (this.pagesFor !== visible) {
      this.pagesFor = visible;
      this.pagesByQuery = new WeakMap();
    }
    const known = this.pagesByQuery.get(query);
    if (known) return known;
    const { start = LIST_PAGING.start.default, limit = LIST_PAGING.limit.default } = query;
    const key = `list:${start}:${limit}:${visible.updatedAt}:${visible.stale}`;
    const page = this.o.answers.get(visible.rooms, key, (): RoomListResponse => ({
      rooms: visible.rooms.slice(start, start + limit),
      total: visible.rooms.length,
      updatedAt: visible.updatedAt,
      stale: visible.stale,
    }));
    this.pagesByQuery.set(query, page);
    return page;
  }

  /**
   * A page's 200 and 304 answers in one coding, made once per prepared page and coding (the page's key
   * includes staleness).
   */
  private answersOf(
    page: Prepared,
    stale: boolean,
    encoding: Encoding | undefined,
  ): { ok: Answer; notModified: Answer } {
    let answers = this.pageAnswers.get(page);
    if (!answers) {
      const headers: Record<string, string> = {
        etag: page.etag,
        "cache-control": CACHE_CONTROL.list,
        vary: "accept-encoding",
      };
      if (stale) headers[STALE_HEADER] = "1";
      const okHeaders: Record<string, string> = {
        ...headers,
        "content-type": JSON_TYPE,
        "content-length": String(page.body.length),
      };
      if (encoding) okHeaders["content-encoding"] = encoding;
      answers = {
        ok: { status: 200, headers: okHeaders, body: page.body },
        notModified: { status: 304, headers },
      };
      this.pageAnswers.set(page, answers);
    }
    return answers;
  }

  /** The Fastify route's handler: the same decision, written the same way, past Fastify's reply hooks. */
  async serve(request: FastifyRequest<{ Querystring: RoomListQuery }>, reply: FastifyReply): Promise<void> {
    // nothing cached and WeChat failing throws here: Fastify's error handler answers 503
    const visible = await this.o.rooms.visible();
    const answer = this.decide(this.requestOf(request.raw, request.query), visible);
    reply.hijack();
    writeAnswer(reply.raw, answer, this.o.closing());
  }

  private requestOf(req: IncomingMessage, query: RoomListQuery): ListRequest {
    return {
      query,
      ifNoneMatch: req.headers["if-none-match"],
      acceptEncoding: req.headers["accept-encoding"],
      client: clientAddress(req, this.o.trust),
    };
  }

  /** The query as the route schema decodes it, or undefined when the schema refuses it. */
  private checked(query: string): RoomListQuery | undefined {
    const known = this.checkedQueries.get(query);
    if (known) return known;
    const result = this.checkQuery(parseQuery(query));
    if (result.error) return undefined;
    const value = result.value as RoomListQuery;
    // a few shapes cover the app's requests; odd ones are checked each time, not kept
    if (this.checkedQueries.size < MAX_CHECKED_QUERIES) this.checkedQueries.set(query, value);
    return value;
  }

  /**
   * Answers the common list request before Fastify sees it; false leaves the request to Fastify (any
   * other request, a query the schema refuses, nothing cached yet, the server stopping).
   */
  serveEarly(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "GET" || this.o.closing()) return false;
    const url = req.url ?? "";
    if (!url.startsWith(ROOM_LIST_PATH)) return false;
    let query = "";
    if (url.length > ROOM_LIST_PATH.length) {
      // exactly the path, then `?` and a query without a fragment: anything else is Fastify's to route
      if (url.charCodeAt(ROOM_LIST_PATH.length) !== 63 || url.includes("#")) return false;
      query = url.slice(ROOM_LIST_PATH.length + 1);
    }
    const checked = this.checked(query);
    if (!checked) return false;
    const visible = this.o.rooms.visibleNow();
    if (!visible) return false;
    writeAnswer(res, this.decide(this.requestOf(req, checked), visible));
    this.servedEarly += 1;
    return true;
  }
}
