/**
 * Who the client is: the socket's address, or with TRUST_PROXY the address the trusted proxies saw
 * (@fastify/proxy-addr, the library Fastify itself uses for `request.ip`). One trust function serves
 * Fastify and the list's pre-routing path, so both key the rate limit on the same address.
 */
import proxyAddr from "@fastify/proxy-addr";
import type { IncomingMessage } from "node:http";
import type { Config } from "../config";

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * A hop count becomes "trust the nearest N addresses" (Fastify itself now treats a bare number as
 * trusting nobody; docs/deploy.md); addresses and CIDRs are compiled by proxy-addr.
 */
export function trustFunction(trust: Config["trustProxy"]): TrustFunction | undefined {
  if (trust === false) return undefined;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** The client's address, as Fastify's `request.ip` gives it under the same trust function. */
export function clientAddress(req: IncomingMessage, trust: TrustFunction | undefined): string {
  return (trust ? proxyAddr(req, trust) : req.socket.remoteAddress) ?? "";
}
