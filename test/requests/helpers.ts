import { expect } from "vitest";
import type { TestApp } from "../support/app.ts";
import type { Tenant } from "../support/factories.ts";

export type Req = { id: string; version: number; status: string; [k: string]: any };

/** Files a request and insists it worked. */
export async function file(t: TestApp, auth: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Req> {
  const res = await t.post("/v1/requests", body, { auth, headers });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

/** One lifecycle verb with If-Match from the copy the caller holds; returns the raw response. */
export function act(t: TestApp, auth: string, req: Pick<Req, "id" | "version">, verb: string, body?: unknown) {
  return t.post(`/v1/requests/${req.id}/${verb}`, body, { auth, headers: { "if-match": `"v${req.version}"` } });
}

/** `act` that must succeed. */
export async function step(t: TestApp, auth: string, req: Pick<Req, "id" | "version">, verb: string, body?: unknown): Promise<Req> {
  const res = await act(t, auth, req, verb, body);
  expect(res.status, `${verb}: ${res.text}`).toBe(200);
  expect(res.headers.get("etag")).toBe(`"v${res.json.version}"`);
  return res.json;
}

/** A resident's token exchanged through a key of the given kind (their channel). */
export async function residentVia(t: TestApp, county: Tenant, kind: "app" | "kiosk" | "public_account", subject: string) {
  const key = await county.key(kind);
  const res = await t.post("/v1/tokens", { subject_type: "wechat_openid", subject, display_name: "王小明", phone: "13700002222" }, { auth: key.secret });
  expect(res.status, res.text).toBe(200);
  return { id: res.json.user.id as string, token: res.json.access_token as string, key: key.secret };
}

export async function timeline(t: TestApp, auth: string, id: string): Promise<any[]> {
  const res = await t.get(`/v1/requests/${id}/events?limit=100`, { auth });
  expect(res.status, res.text).toBe(200);
  return res.json.data;
}
