export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  hit(key: string, limit: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows in process memory: exact on a single Node server, per isolate on
 * Workers (where the Cloudflare binding below is preferred). Old windows are swept lazily so
 * memory stays bounded by the number of active callers.
 */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    async hit(key, limit) {
      const t = now();
      const start = t - (t % WINDOW_MS);
      if (t - lastSweep > WINDOW_MS) {
        for (const [k, w] of windows) if (w.start < start) windows.delete(k);
        lastSweep = t;
      }
      let w = windows.get(key);
      if (!w || w.start !== start) {
        w = { start, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      const resetSeconds = Math.ceil((start + WINDOW_MS - t) / 1000);
      return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetSeconds };
    },
  };
}

/** The shape of Cloudflare's Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
export interface CloudflareRateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * Workers: the binding counts across every isolate of a location; its own limit is configured in
 * wrangler.toml, so `limit` here is only reported in headers. It does not say how many remain,
 * so `remaining` is an estimate from this isolate's own count.
 */
export function bindingRateLimiter(binding: CloudflareRateLimitBinding, now: () => number = Date.now): RateLimiter {
  const local = memoryRateLimiter(now);
  return {
    async hit(key, limit) {
      const [{ success }, estimate] = await Promise.all([binding.limit({ key }), local.hit(key, limit)]);
      return { ...estimate, allowed: success, remaining: success ? estimate.remaining : 0 };
    },
  };
}
