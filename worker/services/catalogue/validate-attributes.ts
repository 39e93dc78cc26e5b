import type { ServiceAttribute } from "../../db/schema/services.ts";
import { AppError, type FieldError } from "../../lib/problem.ts";

const MAX_STRING = 500;
const MAX_TEXT = 5000;

/**
 * Checks a request's attribute answers against its service definition and returns them
 * normalised (numbers as numbers, datetimes as RFC 3339 UTC, multi-value lists as arrays).
 * `pointerOf` names where each answer sat in the request (JSON body or Open311 form field).
 */
export function validateAttributes(
  defs: readonly ServiceAttribute[],
  answers: Record<string, unknown>,
  pointerOf: (code: string) => string = (code) => `/body/attributes/${code.replaceAll("~", "~0").replaceAll("/", "~1")}`,
): Record<string, unknown> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const code of Object.keys(answers)) {
    const def = byCode.get(code);
    if (!def || !def.variable) errors.push({ pointer: pointerOf(code), detail: "this service has no such attribute" });
  }
  for (const def of defs) {
    if (!def.variable) continue;
    const raw = answers[def.code];
    const empty = raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (def.required) errors.push({ pointer: pointerOf(def.code), detail: "required" });
      continue;
    }
    const problem = check(def, raw);
    if (typeof problem === "string") errors.push({ pointer: pointerOf(def.code), detail: problem });
    else out[def.code] = problem.value;
  }
  if (errors.length) {
    throw new AppError("validation_failed", `${errors.length} attribute(s) failed validation.`, { extensions: { errors } });
  }
  return out;
}

function check(def: ServiceAttribute, raw: unknown): string | { value: unknown } {
  const keys = new Set((def.values ?? []).map((v) => v.key));
  switch (def.datatype) {
    case "string":
    case "text": {
      const max = def.datatype === "string" ? MAX_STRING : MAX_TEXT;
      if (typeof raw !== "string") return "expected a string";
      if ([...raw].length > max) return `at most ${max} characters`;
      return { value: raw.trim() };
    }
    case "number": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return "expected a number";
      return { value: n };
    }
    case "datetime": {
      if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
        return "expected an RFC 3339 date-time with an offset";
      }
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) return "expected an RFC 3339 date-time with an offset";
      return { value: new Date(ms).toISOString() };
    }
    case "singlevaluelist": {
      if (typeof raw !== "string" || !keys.has(raw)) return "expected one of the listed value keys";
      return { value: raw };
    }
    case "multivaluelist": {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v) => typeof v === "string" && keys.has(v))) return "expected value keys from the list";
      return { value: [...new Set(list as string[])] };
    }
  }
}
