import type { components, operations } from "./generated/openapi.js";
import type { routes } from "./generated/routes.js";
import type { Credential } from "./client.js";

/**
 * Types derived from the generated contract, by operationId. Namespaces are written in these
 * terms only, so regenerating after an API change is what updates (or breaks, loudly) the SDK.
 */
export type OperationId = keyof operations & keyof typeof routes;
export type Schemas = components["schemas"];
/** A named schema of the API: `Schema<"ApiKey">`. */
export type Schema<N extends keyof Schemas> = Schemas[N];

type Op<K extends OperationId> = operations[K];
type Defined<T> = [T] extends [never] ? never : [T] extends [undefined] ? never : Exclude<T, undefined>;
/** JSON when offered (an operation that also answers CSV does so only when asked), else the one type there is. */
type ContentOf<R> = R extends { content: infer C } ? ("application/json" extends keyof C ? C["application/json"] : C[keyof C]) : undefined;

export type PathParams<K extends OperationId> = Defined<Op<K>["parameters"]["path"]>;
export type QueryParams<K extends OperationId> = Defined<Op<K>["parameters"]["query"]>;
/** What an operation's body is sent as: JSON, or FormData for uploads (the SDK sends it as is). */
type BodyContent<R> = R extends { content: infer C }
  ? "application/json" extends keyof C
    ? C["application/json"]
    : "multipart/form-data" extends keyof C
      ? FormData
      : Blob | ArrayBuffer | Uint8Array | string
  : never;
/** The body an operation takes. */
export type Body<K extends OperationId> = Defined<BodyContent<NonNullable<Op<K>["requestBody"]>>>;
type BodyRequired<K extends OperationId> = undefined extends Op<K>["requestBody"] ? false : true;

type SuccessStatus = 200 | 201 | 202 | 204;
type Success<K extends OperationId> = Op<K>["responses"][Extract<keyof Op<K>["responses"], SuccessStatus>];
/** What an operation resolves to: its 2xx JSON, text for XML/CSV/SVG, a Blob for images. */
export type Result<K extends OperationId> = K extends OperationId // distributes over a union of ids
  ? (typeof routes)[K] extends readonly [string, string, "blob", ...string[]]
    ? Blob
    : ContentOf<Success<K>> extends infer T
      ? [T] extends [undefined] ? void : T
      : never
  : never;
/** The item type of a list operation (`{ data: Item[] }`). */
export type Item<K extends OperationId> = Result<K> extends { data: (infer I)[] } ? I : never;
export type ListOperationId = { [K in OperationId]: Item<K> extends never ? never : K }[OperationId];

/** Everything an operation needs besides options: path parameters, query, body, each only where it has one. */
export type Input<K extends OperationId> = K extends OperationId
  ? ([PathParams<K>] extends [never] ? {} : { path: PathParams<K> }) &
      ([QueryParams<K>] extends [never] ? {} : { query?: QueryParams<K> }) &
      ([Body<K>] extends [never] ? {} : BodyRequired<K> extends true ? { body: Body<K> } : { body?: Body<K> })
  : never;

/** Per-call options, accepted as the last argument of every method. */
export interface RequestOptions {
  /** Reuse to make a write safe to repeat (the SDK makes one per call otherwise, shared by its retries). */
  idempotencyKey?: string;
  /** The ETag you read; state changes that need it answer 428 without it and 412 when it is stale. */
  ifMatch?: string;
  /** The credential for this call only (an `fq_…` key or an end-user token, or a function giving one), instead of the client's. */
  auth?: Credential;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
}
