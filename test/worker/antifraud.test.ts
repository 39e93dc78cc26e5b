import { call } from "./call.ts";
import { describe, expect, inject, it } from "vitest";

/**
 * The anti-fraud paths that lean on the runtime — Intl time zones for CAP times, WHATWG URL's
 * punycode, WebCrypto HMAC, multi-statement batches over libSQL HTTP — inside workerd.
 */
const admin = () => ({ authorization: `Bearer ${inject("adminKey")}`, "content-type": "application/json" });

describe("anti-fraud in workerd", () => {
  it("publishes an alert and serves it as CAP 1.2 in the jurisdiction's local time", async () => {
    const draft = await call("/v1/alerts", {
      method: "POST",
      headers: admin(),
      body: JSON.stringify({ kind: "fraud_warning", severity: "Severe", urgency: "Immediate", certainty: "Observed", title_zh: "警惕<冒充>客服", body_zh: "勿转账 & 勿扫码", whole_jurisdiction: true }),
    });
    expect(draft.status).toBe(201);
    const { id } = (await draft.json()) as { id: string };
    expect((await call(`/v1/alerts/${id}/publish`, { method: "POST", headers: admin() })).status).toBe(200);
    const cap = await call(`/v1/alerts/${id}/cap.xml`);
    expect(cap.status).toBe(200);
    const xml = await cap.text();
    expect(xml).toMatch(/<sent>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00<\/sent>/);
    expect(xml).toContain("<msgType>Alert</msgType>");
    expect(xml).toContain("警惕&lt;冒充&gt;客服");
  });

  it("reports and checks indicators: keyed hashes, full-width numbers, punycode hosts", async () => {
    const report = await call("/v1/fraud/reports", { method: "POST", headers: admin(), body: JSON.stringify({ kind: "phone", value: "＋８６ １３８－００１３－８０００", narrative: "冒充公检法" }) });
    expect(report.status).toBe(201);
    const check = await call("/v1/fraud/checks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "phone", value: "0086 138 0013 8000", jurisdiction: "workerd" }) });
    expect(await check.json()).toMatchObject({ verdict: "reported", display: "+86 138****8000", report_count: 1 });
    const url = await call("/v1/fraud/checks", { method: "POST", headers: admin(), body: JSON.stringify({ kind: "url", value: "HTTPS://例子.中国/付款#x" }) });
    expect(await url.json()).toMatchObject({ verdict: "none", display: "xn--fsqu00a.xn--fiqs8s/%E4%BB%98%E6%AC%BE" });
  });
});
