import type { Hook } from "@hono/zod-openapi";
import { AppError, type FieldError } from "../lib/problem.ts";

type Issue = { path: PropertyKey[]; message: string; code?: string };

const segment = (p: PropertyKey) => String(p).replaceAll("~", "~0").replaceAll("/", "~1");

/** RFC 6901 pointer into the part of the request that failed, plus zod's value-free message. */
export function fieldErrors(target: string, issues: readonly Issue[]): FieldError[] {
  const where = target === "json" || target === "form" ? "body" : target === "param" ? "path" : target;
  return issues.map((i) => ({
    pointer: `/${where}${i.path.length ? "/" + i.path.map(segment).join("/") : ""}`,
    detail: i.message,
  }));
}

/** Pointers to the strings in `value` that hold a NUL character. */
function nulStrings(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push(path);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) nulStrings(v, [...path, k], out);
  }
  return out;
}

/**
 * SQLite ends text at a NUL character, so a field holding one would be stored whole and read back
 * cut short (a name of "\u0000" read back as ""): refused, wherever it is in a body.
 */
function refuseNul(target: string, data: unknown) {
  const paths = nulStrings(data);
  if (paths.length > 0) refuse(fieldErrors(target, paths.map((path) => ({ path, message: "must not contain a NUL character" }))));
}

function refuse(errors: FieldError[]): never {
  throw new AppError("validation_failed", `${errors.length} field(s) failed validation.`, { extensions: { errors } });
}

/**
 * Every route's zod failure becomes the same validation problem. zod's messages describe the
 * expectation ("expected string, received number") and never the submitted value.
 */
export const validationHook: Hook<unknown, never, string, unknown> = (result) => {
  if (result.success) {
    if (result.target === "json" || result.target === "form") refuseNul(result.target, result.data);
    return;
  }
  refuse(fieldErrors(result.target, result.error.issues as readonly Issue[]));
};
