import autocannon from "autocannon";
import { connect, type Socket } from "node:net";
import { cpuMeter, type CpuPerAnswer } from "./cpu.ts";

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  /** autocannon reports no p95; this is the nearest percentile above it. */
  p97_5: number;
  /** The exact 95th percentile of every answer's latency (ms), when the run was asked to keep them. */
  p95?: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server and load-generator CPU per answer in the timed run, where it could be read. */
  cpu?: CpuPerAnswer;
}

export interface LoadOptions {
  name: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Builds each request's body and headers, e.g. a fresh Idempotency-Key per request. */
  setup?: (i: number) => { body?: string; headers?: Record<string, string>; path?: string };
  /**
   * Requests built once and sent in turn, round and round: what reads and checks over many values
   * use. autocannon serialises each once, where `setup` runs JavaScript for every request in the
   * load generator, which shares the machine with the server.
   */
  variants?: { body?: string; headers?: Record<string, string>; path?: string }[];
  connections?: number;
  seconds?: number;
  /** Stop after this many requests instead of a duration (no warm-up then). */
  amount?: number;
  /**
   * Keep every answer's latency to give an exact p95. Off by default: the listener is JavaScript
   * per answer in the load generator, which shares the machine with the server.
   */
  p95?: boolean;
}

/** The nearest-rank percentile of latencies in milliseconds. */
export function percentile(latencies: number[], p: number): number {
  if (latencies.length === 0) return NaN;
  const sorted = Float64Array.from(latencies).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
      requests: o.variants
        ? o.variants.map((v) => ({
            method: o.method ?? "GET",
            ...(v.path ? { path: v.path } : {}),
            ...(v.body ? { body: v.body } : {}),
            headers: { ...o.headers, ...v.headers },
          }))
        : o.setup
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
  const meter = cpuMeter(o.url);
  const timed = run(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 5 });
  const latencies: number[] = [];
  if (o.p95) timed.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await timed;
  const cpu = meter(result.requests.total);
  return {
    name: o.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    ...(o.p95 ? { p95: percentile(latencies, 95) } : {}),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpu,
  };
}

/**
 * One connection per token, opened first; then every token's request (a POST unless told) written at once. In production
 * phones connect to the edge (Cloudflare, or a proxy before Node), which keeps connections open to
 * the origin, so what reaches the API is the requests arriving together, not 1,000 handshakes.
 * A bare socket client: `fetch` in this process, sharing two cores with the server, would cost
 * more than the server's work and be what the figure measured. `fire` resolves with each answer.
 */
export async function burst(url: string, tokens: string[], method = "POST"): Promise<() => Promise<{ status: number; body: any }[]>> {
  const { hostname, port, pathname } = new URL(url);
  const sockets = await Promise.all(
    tokens.map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const sock = connect(Number(port), hostname, () => resolve(sock));
          sock.once("error", reject);
        }),
    ),
  );
  return () =>
    Promise.all(
      sockets.map(
        (sock, i) =>
          new Promise<{ status: number; body: any }>((resolve, reject) => {
            let buf = Buffer.alloc(0);
            sock.on("data", (chunk: Buffer) => {
              buf = Buffer.concat([buf, chunk]);
              const end = buf.indexOf("\r\n\r\n");
              if (end < 0) return;
              const head = buf.subarray(0, end).toString("latin1");
              const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
              if (buf.length < end + 4 + length) return;
              sock.destroy();
              const text = buf.subarray(end + 4, end + 4 + length).toString("utf8");
              resolve({ status: Number(head.slice(9, 12)), body: text ? JSON.parse(text) : undefined });
            });
            sock.once("error", reject);
            sock.write(`${method} ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer ${tokens[i]}\r\ncontent-length: 0\r\n\r\n`);
          }),
      ),
    );
}
