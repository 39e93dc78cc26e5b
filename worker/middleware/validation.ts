import { z, type Hook } from "@hono/zod-openapi";
import { AppError, type FieldError } from "../lib/problem.ts";

type Issue = { path: PropertyKey[]; message: string; code?: string };

const segment = (p: PropertyKey) => String(p).replaceAll("~", "~0").replaceAll("/", "~1");

const UNKNOWN_FIELDS = "this object does not accept unknown fields";

/** The fields a strict object (or a record over fixed keys) declares: the schema's words, never the caller's. */
function acceptedFields(schema: unknown): string[] | undefined {
  type Def = { shape?: Record<string, unknown>; keyType?: { _zod?: { values?: Set<unknown> } } };
  const def = (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
  if (def?.shape) return Object.keys(def.shape);
  const values = def?.keyType?._zod?.values;
  return values ? [...values].map(String) : undefined;
}

/**
 * zod's own message for an unknown key on a `.strict()` object quotes the key (`Unrecognized key:
 * "phone_of_13812345678"`), which is input. The issue handed to the hook no longer carries the
 * schema, so the message is made while zod still has it (an error map sees the raw issue): it
 * names the fields the object accepts instead. Other issues keep whatever message they had.
 */
const priorErrorMap = z.config().customError;
z.config({
  customError: (issue) => {
    if (issue.code !== "unrecognized_keys") return priorErrorMap?.(issue);
    const fields = acceptedFields(issue.inst);
    if (!fields) return `${UNKNOWN_FIELDS}.`;
    return fields.length ? `${UNKNOWN_FIELDS}; it accepts ${fields.join(", ")}` : "this object accepts no fields";
  },
});

/** The message for an issue: zod's value-free one, and never zod's quoting of unknown keys. */
function detailOf(i: Issue): string {
  if (i.code !== "unrecognized_keys") return i.message;
  return i.message.startsWith(UNKNOWN_FIELDS) || i.message === "this object accepts no fields" ? i.message : `${UNKNOWN_FIELDS}.`;
}

/**
 * RFC 6901 pointer into the part of the request that failed, plus a value-free message. An unknown
 * key is reported at the object that holds it (zod's path for it), without repeating the key.
 */
export function fieldErrors(target: string, issues: readonly Issue[]): FieldError[] {
  const where = target === "json" || target === "form" ? "body" : target === "param" ? "path" : target;
  return issues.map((i) => ({
    pointer: `/${where}${i.path.length ? "/" + i.path.map(segment).join("/") : ""}`,
    detail: detailOf(i),
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
 * expectation ("expected string, received number") and never the submitted value; unknown keys,
 * which zod would quote, are described by the fields the object accepts (see above).
 */
export const validationHook: Hook<unknown, never, string, unknown> = (result) => {
  if (result.success) {
    if (result.target === "json" || result.target === "form") refuseNul(result.target, result.data);
    return;
  }
  refuse(fieldErrors(result.target, result.error.issues as readonly Issue[]));
};
