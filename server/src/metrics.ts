/** A small Prometheus text registry: labelled counters and gauges read at scrape time. */

type Labels = Record<string, string>;

interface Family {
  help: string;
  type: "counter" | "gauge";
  values: Map<string, number>;
}

function labelKey(labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly gauges = new Map<string, { help: string; read: () => Promise<number> | number }>();

  constructor() {
    this.counter("wx_upstream_calls_total", "WeChat API calls by api and errcode (or transport failure)");
    this.counter("cache_hits_total", "Requests answered from cache without waiting for WeChat");
    this.counter("cache_misses_total", "Requests that had to wait for a fetch from WeChat");
    this.counter(
      "cache_stale_serves_total",
      "Answers served from the last good copy after an upstream fault",
    );
    this.counter("wx_token_refreshes_total", "access_token fetches from WeChat");
    this.counter("cache_refresh_failures_total", "Failed refreshes by cache and reason");
  }

  private counter(name: string, help: string): void {
    this.families.set(name, { help, type: "counter", values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const family = this.families.get(name);
    if (!family) throw new Error(`unknown metric ${name}`);
    const key = labelKey(labels);
    family.values.set(key, (family.values.get(key) ?? 0) + by);
  }

  /** Registers a gauge whose value is read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => Promise<number> | number): void {
    this.gauges.set(name, { help, read });
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const [key, value] of family.values) lines.push(`${name}${key} ${value}`);
    }
    for (const [name, gauge] of this.gauges) {
      lines.push(`# HELP ${name} ${gauge.help}`, `# TYPE ${name} gauge`, `${name} ${await gauge.read()}`);
    }
    return lines.join("\n") + "\n";
  }
}
