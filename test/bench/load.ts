import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  /** autocannon reports no p95; this is the nearest percentile above it. */
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Builds each request's body and headers, e.g. a fresh Idempotency-Key per request. */
  setup?: (i: number) => { body?: string; headers?: Record<string, string>; path?: string };
  connections?: number;
  seconds?: number;
  /** Stop after this many requests instead of a duration (no warm-up then). */
  amount?: number;
}

/**
 * One bounded autocannon run against loopback, after one uncounted second of warm-up so the JIT
 * has compiled the hot path; resolves with throughput and latency percentiles.
 */
export async function load(o: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: o.url,
      method: o.method ?? "GET",
      headers: o.headers,
      connections: o.connections ?? 16,
      ...limit,
      requests: o.setup
        ? [
            {
              setupRequest: (req: Record<string, any>) => {
                const s = o.setup!(i++);
                return { ...req, ...(s.path ? { path: s.path } : {}), ...(s.body ? { body: s.body } : {}), headers: { ...req.headers, ...s.headers } };
              },
            },
          ]
        : undefined,
    });
  if (!o.amount) await run({ duration: 1 });
  const result = await run(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 5 });
  return {
    name: o.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
