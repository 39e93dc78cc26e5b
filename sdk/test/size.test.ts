import { describe, expect, it } from "vitest";
import { bundle, CORE_ENTRY, gzipSize } from "../scripts/build.ts";

const BUDGET_BYTES = 8 * 1024;

describe("bundle size", () => {
  it(`keeps the core (client, every namespace, errors, retries, pagination, fetch) within ${BUDGET_BYTES / 1024} kB min+gzip`, async () => {
    const core = await bundle(CORE_ENTRY);
    const size = gzipSize(core);
    expect(size, `core is ${size} bytes min+gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
    // What a kiosk, a webhook receiver or a mini-program adds stays out of everyone else's bundle.
    expect(core).not.toContain("webhook-signature");
    expect(core).not.toContain("indexedDB");
    expect(core).not.toContain("uploadFile");
  });

  it("bundles the whole SDK (queue, webhooks, wx) for a plain <script type=module>", async () => {
    const all = await bundle();
    expect(all).toContain("webhook-signature");
    expect(gzipSize(all)).toBeGreaterThan(gzipSize(await bundle(CORE_ENTRY)));
  });
});
