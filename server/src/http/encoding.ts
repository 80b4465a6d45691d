/**
 * Content coding by Accept-Encoding (@fastify/accept-negotiator): brotli or gzip when the client takes
 * it (WeChat's client sends Accept-Encoding), else the bytes as they are. Large list pages shrink
 * ~10× and cost the server less to send than to compress once per version (README, Performance).
 */
import { Negotiator } from "@fastify/accept-negotiator";

export type Encoding = "br" | "gzip";

/** How many distinct Accept-Encoding values are remembered with their choice; others are negotiated each time. */
const REMEMBERED = 256;

class BoundedMap extends Map<string, string> {
  override set(key: string, value: string): this {
    if (this.size < REMEMBERED || this.has(key)) super.set(key, value);
    return this;
  }
}

export class EncodingChoice {
  private readonly negotiator = new Negotiator<Encoding>({
    supportedValues: ["br", "gzip"],
    cache: new BoundedMap(),
  });

  /** The coding to send for this Accept-Encoding, or undefined for the bytes as they are. */
  choose(acceptEncoding: string | undefined): Encoding | undefined {
    return acceptEncoding ? (this.negotiator.negotiate(acceptEncoding) ?? undefined) : undefined;
  }
}
