/**
 * The server's Prometheus metrics, kept by prom-client: Node's default process metrics (CPU, memory,
 * event loop lag, GC, handles) and the counters and gauges below, one registry per server. Names,
 * labels and meanings are those listed in server/README.md (HTTP API, `/metrics`).
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/** The counters of one cache (`rooms`, `replays`), their label sets made once, not per request. */
export interface CacheCounters {
  hit(): void;
  miss(): void;
  staleServe(): void;
  refreshFailed(reason: string): void;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly upstreamCalls: Counter<"api" | "errcode">;
  private readonly hits: Counter<"cache">;
  private readonly misses: Counter<"cache">;
  private readonly staleServes: Counter<"cache">;
  private readonly tokenRefreshes: Counter;
  private readonly refreshFailures: Counter<"cache" | "reason">;

  /** `processMetrics`: Node's default metrics too (the server; not a one-shot CLI such as `npm run links`). */
  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.upstreamCalls = new Counter({
      name: "wx_upstream_calls_total",
      help: "WeChat API calls by api and errcode (or transport failure)",
      labelNames: ["api", "errcode"],
      registers,
    });
    this.hits = new Counter({
      name: "cache_hits_total",
      help: "Requests answered from cache without waiting for WeChat",
      labelNames: ["cache"],
      registers,
    });
    this.misses = new Counter({
      name: "cache_misses_total",
      help: "Requests that had to wait for a fetch from WeChat",
      labelNames: ["cache"],
      registers,
    });
    this.staleServes = new Counter({
      name: "cache_stale_serves_total",
      help: "Answers served from the last good copy after an upstream fault",
      labelNames: ["cache"],
      registers,
    });
    this.tokenRefreshes = new Counter({
      name: "wx_token_refreshes_total",
      help: "access_token fetches from WeChat",
      registers,
    });
    this.refreshFailures = new Counter({
      name: "cache_refresh_failures_total",
      help: "Failed refreshes by cache and reason",
      labelNames: ["cache", "reason"],
      registers,
    });
  }

  /** A WeChat call and how it ended: its errcode, or a transport failure such as `timeout`. */
  upstreamCall(api: string, errcode: string): void {
    this.upstreamCalls.inc({ api, errcode });
  }

  tokenRefreshed(): void {
    this.tokenRefreshes.inc();
  }

  cache(cache: string): CacheCounters {
    const hits = this.hits.labels(cache);
    const misses = this.misses.labels(cache);
    const staleServes = this.staleServes.labels(cache);
    return {
      hit: () => hits.inc(),
      miss: () => misses.inc(),
      staleServe: () => staleServes.inc(),
      refreshFailed: (reason) => this.refreshFailures.inc({ cache, reason }),
    };
  }

  /** A gauge whose value is read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => Promise<number> | number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** A counter kept elsewhere as a plain number (no per-event cost here), read when /metrics is scraped. */
  counterOf(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
