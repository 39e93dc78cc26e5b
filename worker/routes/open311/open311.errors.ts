import type { Context } from "hono";
import type { AppError } from "../../lib/problem.ts";
import { toXml } from "../../services/open311/xml.ts";

export const formatOf = (path: string): "json" | "xml" => (path.endsWith(".xml") ? "xml" : "json");

/**
 * Open311's error format, `[{ code, description }]` (or `<errors><error>…`), with the HTTP status
 * of our problem code. Validation failures list one entry per field, naming the form field.
 */
export function renderOpen311Error(c: Context, err: AppError): Response {
  const fields = (err.extensions.errors as { pointer: string; detail: string }[] | undefined) ?? [];
  const errors = fields.length
    ? fields.map((f) => ({ code: err.status, description: `${f.pointer.replace(/^\/(query|body)\//, "")}: ${f.detail}` }))
    : [{ code: err.status, description: err.detail ?? err.message }];
  const headers: Record<string, string> = { ...err.headers };
  if (formatOf(c.req.path) === "xml") {
    return new Response(toXml("errors", errors, { errors: "error" }), { status: err.status, headers: { ...headers, "content-type": "text/xml; charset=utf-8" } });
  }
  return new Response(JSON.stringify(errors), { status: err.status, headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}
