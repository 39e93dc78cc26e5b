import { Hono, type Context } from "hono";
import type { AppEnv, Principal } from "../../deps.ts";
import { AppError, toAppError } from "../../lib/problem.ts";
import { findKeyBySecret } from "../../services/auth/key-lookup.ts";
import { getService } from "../../services/catalogue/get-service.ts";
import { allActiveServices } from "../../services/catalogue/list-services.ts";
import { createOpen311Request, type Open311Form } from "../../services/open311/create-request.ts";
import { resolveJurisdiction } from "../../services/open311/jurisdiction.ts";
import { listOpen311Requests } from "../../services/open311/list-requests.ts";
import { open311Definition, open311Service, type Locale } from "../../services/open311/present.ts";
import { findRequest } from "../../services/requests/load-request.ts";
import { toXml, type XmlValue } from "../../services/open311/xml.ts";
import { renderOpen311Error } from "./open311.errors.ts";

/**
 * Open311 GeoReport v2 at /open311/v2, so 311 clients and FixMyStreet-style senders work
 * unchanged. A plain Hono router rather than OpenAPI routes: the protocol chooses its format by
 * path suffix (.json / .xml), takes form bodies and has its own error shape, none of which the
 * native contract should inherit. See http://wiki.open311.org/GeoReport_v2.
 */
export const open311 = new Hono<AppEnv>();
open311.onError((err, c) => renderOpen311Error(c, toAppError(err)));

const CHANGESET = "2026-03-01T00:00:00Z";
const itemNames = { services: "service", service_requests: "request", attributes: "attribute", values: "value", endpoints: "endpoint", formats: "format", tokens: "token" };

function split(file: string): { name: string; format: "json" | "xml" } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new AppError("not_found", "Add .json or .xml to the path.");
  return { name: m[1]!, format: m[2] as "json" | "xml" };
}

function send(c: Context, format: "json" | "xml", root: string, value: XmlValue, status: 200 | 201 = 200) {
  if (format === "xml") return c.body(toXml(root, value, itemNames), status, { "content-type": "text/xml; charset=utf-8" });
  return c.json(value, status);
}

const locale = (c: Context): Locale => (/^en\b/i.test(c.req.query("locale") ?? c.req.header("accept-language") ?? "") ? "en" : "zh-CN");

/** Open311 clients send api_key in the query (read by the authenticate middleware) or, on POST, in the form. */
async function keyCaller(c: Context<AppEnv>, form?: Open311Form): Promise<Principal> {
  const p = c.get("principal");
  if (p) return p;
  const secret = form?.api_key;
  const key = typeof secret === "string" ? await findKeyBySecret(c.get("deps"), secret) : null;
  if (!key) throw new AppError(secret ? "unauthenticated" : "forbidden", secret ? "Invalid api_key." : "An api_key is required.");
  return { jurisdictionId: key.jurisdictionId, keyId: key.id, keyKind: key.kind, scopes: key.scopes };
}

open311.get("/open311/v2/:file", async (c) => {
  const { name, format } = split(c.req.param("file"));
  const deps = c.get("deps");
  if (name === "discovery") {
    const base = deps.config.PUBLIC_BASE_URL ?? new URL(c.req.url).origin;
    return send(c, format, "discovery", {
      changeset: CHANGESET,
      contact: "The service desk of the jurisdiction (see /docs).",
      key_service: "API keys are issued by the jurisdiction's administrator.",
      endpoints: [
        {
          specification: "http://wiki.open311.org/GeoReport_v2",
          url: `${base}/open311/v2`,
          changeset: CHANGESET,
          type: deps.config.ENVIRONMENT === "production" ? "production" : "test",
          formats: ["application/json", "text/xml"],
        },
      ],
    });
  }
  if (name === "services") {
    const j = await resolveJurisdiction(deps, c.req.query("jurisdiction_id"), c.get("principal"));
    const l = locale(c);
    return send(c, format, "services", (await allActiveServices(deps, j)).map((s) => open311Service(s, l)));
  }
  if (name === "requests") {
    const caller = await keyCaller(c);
    await resolveJurisdiction(deps, c.req.query("jurisdiction_id"), caller);
    const q = c.req.query();
    return send(c, format, "service_requests", await listOpen311Requests({ deps, caller, query: q }));
  }
  throw new AppError("not_found", "No such Open311 resource.");
});

open311.get("/open311/v2/services/:file", async (c) => {
  const { name, format } = split(c.req.param("file"));
  const deps = c.get("deps");
  const j = await resolveJurisdiction(deps, c.req.query("jurisdiction_id"), c.get("principal"));
  const service = await getService({ deps, jurisdictionId: j, code: name });
  if (!service.active) throw new AppError("not_found", "No such service.");
  return send(c, format, "service_definition", open311Definition(service, locale(c)));
});

open311.get("/open311/v2/requests/:file", async (c) => {
  const { name, format } = split(c.req.param("file"));
  const deps = c.get("deps");
  const caller = await keyCaller(c);
  await resolveJurisdiction(deps, c.req.query("jurisdiction_id"), caller);
  const found = await listOpen311Requests({ deps, caller, query: { service_request_id: name, start_date: "1970-01-01T00:00:00Z" } });
  if (found.length === 0) throw new AppError("not_found", "No such service request.");
  return send(c, format, "service_requests", found);
});

/** Tokens are our tracking codes: a client that kept one learns the request id from it. */
open311.get("/open311/v2/tokens/:file", async (c) => {
  const { name, format } = split(c.req.param("file"));
  const deps = c.get("deps");
  const caller = await keyCaller(c);
  await resolveJurisdiction(deps, c.req.query("jurisdiction_id"), caller);
  const row = await findRequest(deps, caller.jurisdictionId, name.startsWith("req_") ? "" : name);
  const [visible] = row ? await listOpen311Requests({ deps, caller, query: { service_request_id: row.id, start_date: "1970-01-01T00:00:00Z" } }) : [];
  if (!row || !visible) throw new AppError("not_found", "No such token.");
  return send(c, format, "tokens", [{ service_request_id: row.id, token: row.trackingCode }]);
});

open311.post("/open311/v2/:file", async (c) => {
  const { name, format } = split(c.req.param("file"));
  if (name !== "requests") throw new AppError("not_found", "No such Open311 resource.");
  const deps = c.get("deps");
  const raw = await c.req.parseBody({ all: true });
  const form: Open311Form = {};
  for (const [k, v] of Object.entries(raw)) {
    const strings = ([] as unknown[]).concat(v).filter((x): x is string => typeof x === "string");
    form[k] = strings.length === 1 ? strings[0]! : strings;
  }
  const caller = await keyCaller(c, form);
  await resolveJurisdiction(deps, typeof form.jurisdiction_id === "string" ? form.jurisdiction_id : c.req.query("jurisdiction_id"), caller);
  const row = await createOpen311Request({ deps, caller, form });
  return send(c, format, "service_requests", [{ service_request_id: row.id, service_notice: `tracking code ${row.trackingCode}`, account_id: null }], 201);
});
