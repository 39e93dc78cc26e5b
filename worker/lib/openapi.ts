import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { caller } from "./authz.ts";
import { validationHook } from "../middleware/validation.ts";
import { problems, type ProblemCode } from "./problem.ts";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ description: "Stable URI reference naming the error; ends with the error code.", example: "/problems/validation_failed" }),
    title: z.string().openapi({ description: "Short, human-readable summary of the error type." }),
    status: z.number().int().openapi({ description: "The HTTP status code.", example: 400 }),
    detail: z.string().optional().openapi({ description: "What went wrong in this occurrence." }),
    instance: z.string().optional().openapi({ description: "The request path." }),
    request_id: z.string().optional().openapi({ description: "Quote this when asking for support; also in `x-request-id`." }),
    errors: z
      .array(
        z.object({
          pointer: z.string().openapi({ description: "JSON pointer into the request: /body/…, /query/…, /path/…, /header/…", example: "/body/description" }),
          detail: z.string().openapi({ description: "What is expected there (never the value sent)." }),
        }),
      )
      .optional()
      .openapi({ description: "Validation failures, one per field." }),
  })
  .openapi("Problem", { description: "An RFC 9457 problem detail." });

/** A response entry for `createRoute({ responses })`, one per status that route can answer. */
function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: ProblemSchema } } };
}

const byStatus = (codes: ProblemCode[]) => {
  const out: Record<number, ReturnType<typeof problemResponse>> = {};
  for (const code of codes) {
    const { status, title } = problems[code];
    const prev = out[status];
    out[status] = problemResponse(prev ? `${prev.description}; ${title}` : title);
  }
  return out;
};

/** The failures every route can produce, spread into each route's responses. */
export const commonErrors = byStatus(["validation_failed", "rate_limited", "internal"]);
export const authErrors = byStatus(["unauthenticated", "forbidden"]);
export const errorsFor = (...codes: ProblemCode[]) => byStatus(codes);

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/**
 * Text a person reads (a name, a title, a note): trimmed, 1–`max` characters, of which at least one
 * visible. JavaScript's trim leaves format and control characters (a zero-width space, U+0085), so
 * a name of nothing but those would pass `min(1)` and show as blank everywhere.
 */
export const visibleText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => /[^\s\p{Cc}\p{Cf}\p{Z}]/u.test(s), "must contain a visible character");

/**
 * A named (registered) schema, or null. `.nullable()` on one loses the null in the document: it
 * is rendered as the bare `$ref`, or as an `allOf` that null cannot satisfy, and the SDK's types
 * then promise an object that may be null. A union is rendered as `anyOf: [$ref, null]`.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true as const,
  description,
  content: { "application/json": { schema } },
});

const requireCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  caller(c);
  await next();
};

type Responses = Record<string | number, { description: string; content?: unknown }>;

/** `Idempotency-Key` refusals (middleware/idempotency.ts), on the methods it keys: POST and PATCH. */
const keyErrors: ProblemCode[] = ["idempotency_in_flight", "idempotency_key_reused"];
const jsonErrors: ProblemCode[] = ["malformed_json", "payload_too_large", "unsupported_media_type"];
const otherErrors: ProblemCode[] = ["payload_too_large", "unsupported_media_type"];

/**
 * The failures the app-wide middleware can answer any POST with, whatever the route: a body over
 * its limit or of a type the route does not take, and `Idempotency-Key` refusals.
 */
const postErrors = byStatus([...jsonErrors, ...keyErrors]);

/**
 * What the middleware and the body validator can answer any other operation with a body (PATCH,
 * PUT): over the limit, a type it does not take, and — for a JSON body — one that does not parse;
 * on a PATCH, `Idempotency-Key` refusals too (PUT is idempotent by definition and takes no key).
 */
const bodyErrors = {
  json: byStatus(jsonErrors),
  other: byStatus(otherErrors),
  keyedJson: byStatus([...jsonErrors, ...keyErrors]),
  keyedOther: byStatus([...otherErrors, ...keyErrors]),
  keyedNone: byStatus(keyErrors),
};
const isJson = (body: { content?: Record<string, unknown> }) => Object.keys(body.content ?? {}).some((type) => /^application\/([a-z.-]+\+)?json/i.test(type));
const bodyErrorsFor = (body: { content?: Record<string, unknown> }, keyed: boolean) =>
  isJson(body) ? (keyed ? bodyErrors.keyedJson : bodyErrors.json) : keyed ? bodyErrors.keyedOther : bodyErrors.other;

function withErrors(responses: Responses, errors: ReturnType<typeof byStatus>): Responses {
  const out: Responses = { ...responses };
  for (const [status, entry] of Object.entries(errors)) {
    const own = out[status];
    const missing = entry.description.split("; ").filter((title) => !own?.description.includes(title));
    out[status] = own ? { ...own, description: [own.description, ...missing].join("; ") } : entry;
  }
  return out;
}

/**
 * Every router of the API. A route that documents `security` gets a guard ahead of its
 * validators, so the runtime cannot drift from the contract: no credential → 401 before any input
 * is looked at (and no schema is revealed to anonymous callers through validation errors). A POST, a
 * PATCH, and any other operation with a request body, documents what the middleware in front of it may answer.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) => {
    const secured = (route.security ?? []).length > 0;
    const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    const keyed = route.method === "patch";
    const extra =
      route.method === "post" ? postErrors : route.request?.body ? bodyErrorsFor(route.request.body, keyed) : keyed ? bodyErrors.keyedNone : undefined;
    const documented = extra ? { ...route, responses: withErrors(route.responses as Responses, extra) } : route;
    return register(secured ? { ...documented, middleware: [requireCaller, ...own] } : documented, handler, hook);
  }) as typeof register;
  return router;
}
export type Router = ReturnType<typeof createRouter>;

type Security = Record<string, string[]>[];
/** An API key or an end-user token. */
export const anyCredential: Security = [{ apiKey: [] }, { userToken: [] }];
export const keyOnly: Security = [{ apiKey: [] }];
export const tokenOnly: Security = [{ userToken: [] }];
