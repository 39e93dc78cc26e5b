// autocannon ships no types; the bench uses only this much of it.
declare module "autocannon" {
  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      connections?: number;
      duration?: number;
      amount?: number;
      requests?: unknown[];
    }
    interface Stats {
      average: number;
      p50: number;
      p97_5: number;
      p99: number;
    }
    interface Result {
      /** `total`: requests completed in the run. */
      requests: Stats & { total: number };
      latency: Stats;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  /** The run, awaitable; it also emits each answer's latency in milliseconds. */
  interface Instance extends Promise<autocannon.Result> {
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
  }
  function autocannon(opts: autocannon.Options): Instance;
  export default autocannon;
}
