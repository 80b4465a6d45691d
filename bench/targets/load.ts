/**
 * The bench's load generator, in a process of its own: autocannon (its programmatic API) against one
 * URL for a number of seconds, then one JSON line of figures on stdout. Its argument is a JSON
 * `LoadSpec`.
 *
 * Latency is taken from autocannon's per-response event, which carries the response time as a
 * fraction of a millisecond, into Node's own histogram in microseconds: autocannon's summary keeps
 * whole milliseconds, and at 3–4 ms a p99 in whole milliseconds cannot tell 1.0× from 1.3×.
 * Requests per second are all answers over the run's measured length.
 */
import autocannon from "autocannon";
import { createHistogram } from "node:perf_hooks";

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
}

export interface LoadOutput {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "") as LoadSpec;
  const latency = createHistogram();
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = {
      url: spec.url,
      connections: spec.connections,
      duration: spec.seconds,
      headers: spec.headers,
    };
    const run = autocannon(options, (err: Error | null, done: autocannon.Result) =>
      err ? reject(err) : resolve(done),
    );
    run.on("response", (_client, statusCode, _bytes, responseTime) => {
      latency.record(Math.max(1, Math.round(responseTime * 1000)));
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  const output: LoadOutput = {
    requestsPerSecond: Math.round(requests / Math.max(0.001, result.duration)),
    requests,
    p50Ms: latency.percentile(50) / 1000,
    p99Ms: latency.percentile(99) / 1000,
    statuses,
    errors: result.errors + result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((err: Error) => {
  console.error(`bench load: ${err.message}`);
  process.exit(1);
});
