import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { METRICS } from "../api/endpoints";
import type { Metrics } from "../metrics";
import { HttpError } from "./errors";

export interface MetricsAccess {
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (what a dual-stack socket reports). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Who may read /metrics: with a token, whoever sends it (compared in constant time); without one,
 * loopback clients only (the client address after TRUST_PROXY, so a local reverse proxy does not
 * make every shopper local).
 */
function refusal(request: FastifyRequest, access: MetricsAccess): HttpError | undefined {
  if (access.token !== undefined) {
    const sent = request.headers.authorization ?? "";
    if (timingSafeEqual(digest(sent), digest(`Bearer ${access.token}`))) return undefined;
    return new HttpError(401, "unauthorized", "send Authorization: Bearer <METRICS_TOKEN>");
  }
  if (isLoopbackAddress(request.ip)) return undefined;
  return new HttpError(
    403,
    "forbidden",
    "metrics are served to loopback clients only (or set METRICS_TOKEN)",
  );
}

export function metricsRoute(app: FastifyInstance, metrics: Metrics, access: MetricsAccess): void {
  app.get("/metrics", { schema: METRICS }, async (request, reply) => {
    const refused = refusal(request, access);
    if (refused) {
      if (refused.statusCode === 401) reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw refused;
    }
    const { text, contentType } = await metrics.render();
    reply.header("cache-control", "no-store").type(contentType);
    return text;
  });
}
