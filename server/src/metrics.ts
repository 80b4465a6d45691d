/**
 * The server's Prometheus metrics, kept by prom-client: Node's default process metrics (CPU, memory,
 * event loop lag, GC, handles) and the counters and gauges below, one registry per server. Names,
 * labels and meanings are those listed in server/README.md (HTTP API, `/metrics`).
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The counters of one cache (`rooms`, `replays`). A hit is counted on every request, so hits, misses
 * and stale serves are plain numbers per cache label, handed to prom-client when /metrics is scraped;
 * no label set is built or hashed per request.
 */
export interface CacheCounters {
  hit(): void;
  miss(): void;
  staleServe(): void;
  refreshFailed(reason: string): void;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly upstreamCalls: Counter<"api" | "errcode">;
  private readonly cacheCounts = new Map<string, { hits: number; misses: number; staleServes: number }>();
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
    const counts = this.cacheCounts;
    const perCache = (name: string, help: string, field: "hits" | "misses" | "staleServes"): void => {
      new Counter({
        name,
        help,
        labelNames: ["cache"],
        registers,
        collect() {
          this.reset();
          for (const [cache, count] of counts) if (count[field] > 0) this.inc({ cache }, count[field]);
        },
      });
    };
    perCache("cache_hits_total", "Requests answered from cache without waiting for WeChat", "hits");
    perCache("cache_misses_total", "Requests that had to wait for a fetch from WeChat", "misses");
    perCache(
      "cache_stale_serves_total",
      "Answers served from the last good copy after an upstream fault",
      "staleServes",
    );
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
    let count = this.cacheCounts.get(cache);
    if (!count) this.cacheCounts.set(cache, (count = { hits: 0, misses: 0, staleServes: 0 }));
    const counted = count;
    return {
      hit: () => void (counted.hits += 1),
      miss: () => void (counted.misses += 1),
      staleServe: () => void (counted.staleServes += 1),
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
