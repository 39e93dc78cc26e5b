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

/**
 * Every route's zod failure becomes the same validation problem. zod's messages describe the
 * expectation ("expected string, received number") and never the submitted value.
 */
export const validationHook: Hook<unknown, never, string, unknown> = (result) => {
  if (result.success) return;
  const errors = fieldErrors(result.target, result.error.issues as readonly Issue[]);
  throw new AppError("validation_failed", `${errors.length} field(s) failed validation.`, {
    extensions: { errors },
  });
};
