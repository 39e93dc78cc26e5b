import fc from "fast-check";

/**
 * JSON Schema (as OpenAPI 3.1 documents carry it) → fast-check arbitraries, for fuzzing an API
 * from its own contract. Values are mostly schema-valid, because only valid input gets past the
 * validators into the services, and lean on the edges there: empty and maximal strings, odd
 * Unicode, bounds, far-off dates. `tamper` breaks a valid value now and then.
 */

export type Schema = Record<string, any>;

export interface SchemaArbitraryOptions {
  /** The document `$ref`s point into (`#/components/schemas/…`). */
  document: unknown;
  /**
   * Real values for a property (or parameter) of this name: ids and codes that exist, so input
   * reaches the services rather than stopping at a 404. Items of an array get their array's name.
   */
  hints?: (name: string) => readonly unknown[] | undefined;
  /** The app's clock: most dates fall near it, where "must be in the future" rules pass. */
  now?: number;
}

/** Where in the value being generated: the property's name (for hints) and how deep. */
export interface ArbitraryContext extends SchemaArbitraryOptions {
  name?: string;
  depth: number;
}

const MAX_DEPTH = 8;
/** Free text stays short unless the maximal-length edge case is drawn. */
const SHORT = 24;

/** Strings that have broken parsers, collations, encoders and length checks elsewhere. */
const ODD_STRINGS = [
  "",
  " ",
  " \t\r\n ",
  "\u0000",
  "a\u0000b",
  "\uFEFFbom",
  "\uD800",
  "👩‍👩‍👧‍👦🇨🇳👍🏽",
  "𠜎𠜱𠝹",
  "مرحبا بالعالم",
  "abc\u202Edcba\u202C",
  "e\u0301\u0302\u0303\u0304",
  "１３８００１３８０００",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00%s%n",
  "\\\"",
  "null",
  "NaN",
  "-0",
  "1e999",
];

const DAY = 86_400_000;
/** The ends of four-digit years, also past them once the offset is applied, and offsets and fractions of every kind. */
const FAR_DATES = [
  "0001-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "0001-01-01T00:00:00+14:00",
  "9999-12-31T23:59:59-12:00",
  "1970-01-01T00:00:00Z",
  "2024-02-29T12:00:00+08:00",
  "2026-03-02T09:00:00.123456+08:00",
];

function pointer(document: unknown, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let at: any = document;
  for (const raw of ref.slice(2).split("/")) at = at?.[raw.replaceAll("~1", "/").replaceAll("~0", "~")];
  if (at === undefined) throw new Error(`unresolved $ref ${ref}`);
  return at;
}

function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b };
  if (a.properties || b.properties) out.properties = { ...a.properties, ...b.properties };
  if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  return out;
}

/** Follows `$ref`s (siblings win, as 3.1 allows) and folds `allOf` into one schema. */
export function resolve(schema: Schema | boolean, document: unknown): Schema {
  if (typeof schema === "boolean") return schema ? {} : { not: {} };
  let s = schema;
  const seen = new Set<string>();
  while (typeof s.$ref === "string") {
    if (seen.has(s.$ref)) throw new Error(`cyclic $ref ${s.$ref}`);
    seen.add(s.$ref);
    const { $ref, ...rest } = s;
    s = { ...pointer(document, $ref), ...rest };
  }
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    s = (allOf as Schema[]).map((part) => resolve(part, document)).reduce(merge, rest);
  }
  return s;
}

const typesOf = (s: Schema): string[] => {
  const declared: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (declared.length === 0) {
    if (s.properties || s.additionalProperties !== undefined) declared.push("object");
    else if (s.items) declared.push("array");
  }
  if (s.nullable === true && declared.length > 0 && !declared.includes("null")) declared.push("null");
  return declared;
};

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
const fits = (v: unknown, types: string[]) => types.length === 0 || types.includes(jsonType(v)) || (jsonType(v) === "integer" && types.includes("number"));

/** Cuts or repeats `s` to a UTF-16 length within [min, max] (zod counts UTF-16 units), never splitting a code point. */
export function fit(s: string, min: number, max: number): string {
  let out = s;
  if (out.length < min) out = (out || "x").repeat(Math.ceil(min / Math.max(out.length, 1)) + 1);
  if (out.length > max) {
    let end = 0;
    for (const point of out) {
      if (end + point.length > max) break;
      end += point.length;
    }
    out = out.slice(0, end);
  }
  return out.length < min ? out.padEnd(min, "x") : out;
}

function textArb(min: number, max: number): fc.Arbitrary<string> {
  const short = Math.max(min, Math.min(max, SHORT));
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: short }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: min, maxLength: short }) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_STRINGS).map((s) => fit(s, min, max)) },
  ];
  // The longest the contract allows, in wide characters: storage and rendering limits show here.
  if (Number.isFinite(max) && max > 0) arbs.push({ weight: 1, arbitrary: fc.constantFrom("界", "a", "👍", "e\u0301", "\u0000").map((c) => fit(c.repeat(max), min, max)) });
  return fc.oneof(...arbs);
}

function dateTimeArb(now: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: now - 30 * DAY, max: now + 60 * DAY }).map((ms) => new Date(ms).toISOString()) },
    { weight: 2, arbitrary: fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.constantFrom(...FAR_DATES) },
  );
}

function dateArb(now: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: dateTimeArb(now).map((s) => s.slice(0, 10)) },
    { weight: 1, arbitrary: fc.constantFrom("0001-01-01", "0000-01-01", "9999-12-31", "2024-02-29", "2026-02-29") },
  );
}

function stringArb(s: Schema, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.POSITIVE_INFINITY;
  const now = ctx.now ?? Date.now();
  switch (s.format) {
    case "date-time":
      return dateTimeArb(now);
    case "date":
      return dateArb(now);
    case "email":
      return fc.emailAddress();
    case "uri":
    case "url":
      return fc.oneof(fc.webUrl({ validSchemes: ["https", "http"] }), fc.constantFrom("https://hooks.example.com/fq", "http://localhost:8080/x", "https://[::1]/", "ftp://x.example/"));
    case "uuid":
      return fc.uuid();
  }
  if (typeof s.pattern === "string") {
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, "u");
      return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= max);
    } catch {
      // A pattern fast-check cannot invert: free text, which the validator will mostly refuse.
    }
  }
  return textArb(min, max);
}

const EDGE_INTEGERS = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)];
const EDGE_NUMBERS = [0, -0, 5e-324, 1e-300, 0.1 + 0.2, 2 ** 53, 1e21, Number.MAX_VALUE, -Number.MAX_VALUE];

function bounds(s: Schema, integer: boolean) {
  const step = integer ? 1 : 0;
  let lo = s.minimum ?? -Number.MAX_VALUE;
  let hi = s.maximum ?? Number.MAX_VALUE;
  let loOpen = false;
  let hiOpen = false;
  // 3.1 puts the bound in exclusive*; 3.0 flags minimum/maximum with a boolean.
  if (typeof s.exclusiveMinimum === "number") [lo, loOpen] = [s.exclusiveMinimum, true];
  else if (s.exclusiveMinimum === true) loOpen = true;
  if (typeof s.exclusiveMaximum === "number") [hi, hiOpen] = [s.exclusiveMaximum, true];
  else if (s.exclusiveMaximum === true) hiOpen = true;
  if (integer) {
    lo = Math.max(Math.ceil(lo + (loOpen ? step : 0)), Number.MIN_SAFE_INTEGER);
    hi = Math.min(Math.floor(hi - (hiOpen ? step : 0)), Number.MAX_SAFE_INTEGER);
    [loOpen, hiOpen] = [false, false];
  }
  const inside = (n: number) => (loOpen ? n > lo : n >= lo) && (hiOpen ? n < hi : n <= hi);
  return { lo, hi, loOpen, hiOpen, inside };
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const b = bounds(s, integer);
  const valid = integer
    ? fc.integer({ min: b.lo, max: b.hi })
    : fc.double({ min: b.lo, max: b.hi, minExcluded: b.loOpen, maxExcluded: b.hiOpen, noNaN: true, noDefaultInfinity: true });
  const edges = [...(integer ? EDGE_INTEGERS : EDGE_NUMBERS), b.lo, b.hi].filter((n) => Number.isFinite(n) && b.inside(n));
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...(edges.length ? edges : [b.lo])) });
}

function arrayArb(s: Schema, ctx: ArbitraryContext): fc.Arbitrary<unknown[]> {
  const min = s.minItems ?? 0;
  const max = s.maxItems ?? Number.POSITIVE_INFINITY;
  const item = arbitrary(s.items ?? {}, { ...ctx, depth: ctx.depth + 1 });
  const few = { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) };
  const make = (c: { minLength: number; maxLength: number }) =>
    s.uniqueItems ? fc.uniqueArray(item, { ...c, selector: (v) => JSON.stringify(v) }) : fc.array(item, c);
  const arbs: fc.WeightedArbitrary<unknown[]>[] = [{ weight: 6, arbitrary: make(few) }];
  if (Number.isFinite(max) && max > few.maxLength && max <= 100) arbs.push({ weight: 1, arbitrary: make({ minLength: max, maxLength: max }) });
  return fc.oneof(...arbs);
}

function objectArb(s: Schema, ctx: ArbitraryContext): fc.Arbitrary<Record<string, unknown>> {
  const props: Record<string, Schema> = s.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, arbitrary(p, { ...ctx, name: k, depth: ctx.depth + 1 })]));
  const requiredKeys = (s.required ?? []).filter((k: string) => k in props);
  const known = fc.record(model, { requiredKeys, noNullPrototype: true });
  const extra = s.additionalProperties;
  if (extra === undefined || extra === false) return known;
  const values = arbitrary(extra === true ? {} : extra, { ...ctx, name: undefined, depth: ctx.depth + 1 });
  const keys = fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fc.constantFrom(...ODD_STRINGS));
  return fc.tuple(known, fc.dictionary(keys, values, { maxKeys: 4, noNullPrototype: true })).map(([a, b]) => ({ ...b, ...a }));
}

function typed(type: string, s: Schema, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return numberArb(s, true);
    case "number":
      return numberArb(s, false);
    case "string":
      return stringArb(s, ctx);
    case "array":
      return arrayArb(s, ctx);
    case "object":
      return objectArb(s, ctx);
    default:
      throw new Error(`unknown JSON Schema type ${type}`);
  }
}

function unhinted(s: Schema, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const branches: Schema[] | undefined = s.oneOf ?? s.anyOf;
  if (Array.isArray(branches)) {
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    return fc.oneof(...branches.map((b) => arbitrary(merge(rest, resolve(b, ctx.document)), ctx)));
  }
  const types = typesOf(s);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  const arbs = types.map((type) => ({ weight: type === "null" ? 1 : 4, arbitrary: typed(type, s, ctx) }));
  return arbs.length === 1 ? arbs[0]!.arbitrary : fc.oneof(...arbs);
}

/** An arbitrary for values of `schema`: mostly valid, with edge cases, hints and the contract's own examples mixed in. */
export function arbitrary(schema: Schema | boolean, ctx: ArbitraryContext): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx.document);
  if (ctx.depth > MAX_DEPTH) return fc.constant(null);
  const types = typesOf(s);
  const generated = unhinted(s, ctx);
  const hinted = (ctx.name ? (ctx.hints?.(ctx.name) ?? []) : []).filter((v) => fits(v, types));
  const examples = [s.example, ...(Array.isArray(s.examples) ? s.examples : []), s.default].filter((v) => v !== undefined);
  const arbs: fc.WeightedArbitrary<unknown>[] = [{ weight: 4, arbitrary: generated }];
  if (hinted.length) arbs.push({ weight: 6, arbitrary: fc.constantFrom(...hinted) });
  if (examples.length) arbs.push({ weight: 1, arbitrary: fc.constantFrom(...examples) });
  return arbs.length === 1 ? generated : fc.oneof(...arbs);
}

/**
 * What replaces a valid value to break it: other types, numbers past any bound the contract sets
 * (2^53, a fraction, literals that overflow to ±Infinity) and a digit string too long for any field.
 */
const WRONG = [null, true, 0, -1, 0.5, -0, 2 ** 53, -(2 ** 53), 1e308, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "", "x", "9".repeat(400), [], [null], {}, { a: 1 }];

type Path = (string | number)[];

/** Keys no schema declares, each specific enough to spot if an error repeats it (see contract-fuzz's echo check). */
export const UNKNOWN_KEYS = ["unexpected_field", "phone_of_13812345678", "张三的电话_unexpected", "a/b~c_unexpected"];

function spots(v: unknown, at: Path = [], out: { values: Path[]; keys: Path[]; objects: Path[] } = { values: [], keys: [], objects: [] }) {
  if (at.length > 0) out.values.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => spots(x, [...at, i], out));
  else if (v !== null && typeof v === "object") {
    out.objects.push(at);
    for (const [k, x] of Object.entries(v)) {
      out.keys.push([...at, k]);
      spots(x, [...at, k], out);
    }
  }
  return out;
}

function edit(v: unknown, path: Path, change: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(v);
  if (path.length === 0) return copy;
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  change(parent, path[path.length - 1]!);
  return copy;
}

/** A valid value with one thing broken: a key dropped, a value of the wrong type, or a key the schema does not know. */
export function tamper(valid: fc.Arbitrary<unknown>, opts: { keepRoot?: boolean } = {}): fc.Arbitrary<unknown> {
  return valid.chain((v) => {
    const at = spots(v);
    const ways: fc.Arbitrary<unknown>[] = opts.keepRoot ? [] : [fc.constantFrom(...WRONG)];
    if (at.keys.length) ways.push(fc.constantFrom(...at.keys).map((p) => edit(v, p, (o, k) => (Array.isArray(o) ? o.splice(Number(k), 1) : delete o[k]))));
    if (at.values.length) ways.push(fc.tuple(fc.constantFrom(...at.values), fc.constantFrom(...WRONG)).map(([p, w]) => edit(v, p, (o, k) => (o[k] = w))));
    if (at.objects.length) {
      // Unknown keys that read like a caller's data, so that an error repeating one is caught as an echo.
      const add = fc.tuple(fc.constantFrom(...at.objects), fc.constantFrom(...UNKNOWN_KEYS));
      ways.push(add.map(([p, key]) => (p.length ? edit(v, p, (o, k) => (o[k][key] = 1)) : { ...(v as object), [key]: 1 })));
    }
    return ways.length ? fc.oneof(...ways) : fc.constant(v);
  });
}

const ABSENT = Symbol("absent");

/**
 * Objects near a known-good `seed`: each property kept, or now and then regenerated from its
 * schema (absent ones added). Rules that span fields (an end after its start, one of two fields)
 * are not in the schema, so whole generated objects rarely pass them; a seed with one field
 * varied does, and reaches the code behind them.
 */
export function around(seed: Record<string, unknown>, schema: Schema, opts: SchemaArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const s = resolve(schema, opts.document);
  const props = Object.entries<Schema>(s.properties ?? {});
  // About one or two properties varied per object, however many the schema has.
  const keep = Math.max(2, Math.round(props.length / 1.5));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, p] of props) {
    const kept = fc.constant(k in seed ? seed[k] : ABSENT);
    model[k] = fc.oneof({ weight: keep, arbitrary: kept }, { weight: 1, arbitrary: arbitrary(p, { ...opts, name: k, depth: 1 }) });
  }
  return fc.record(model, { noNullPrototype: true }).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ABSENT)));
}

export interface FuzzOptions extends SchemaArbitraryOptions {
  /** Known-good values to vary (see `around`). */
  seeds?: readonly Record<string, unknown>[];
  /** One value in `1 + validWeight` is tampered with. */
  validWeight?: number;
  /** Keep the top-level object when tampering (a query string is always one). */
  keepRoot?: boolean;
}

/** Mostly valid values of `schema`, generated or varied from seeds, and now and then a broken one. */
export function fuzzArbitrary(schema: Schema, opts: FuzzOptions): fc.Arbitrary<unknown> {
  const generated = arbitrary(schema, { ...opts, depth: 0 });
  const seeds = opts.seeds ?? [];
  const valid = seeds.length ? fc.oneof({ weight: 1, arbitrary: generated }, { weight: 2, arbitrary: fc.oneof(...seeds.map((seed) => around(seed, schema, opts))) }) : generated;
  return fc.oneof({ weight: opts.validWeight ?? 7, arbitrary: valid }, { weight: 1, arbitrary: tamper(valid, opts) });
}

/**
 * JSON text for `value`, where JSON.stringify would lose the edge: -0 stays "-0" and ±Infinity
 * become literals that overflow to ±Infinity when parsed.
 */
export function toJsonText(value: unknown): string {
  const marks = new Map<string, string>([
    ["\u0000-0", "-0"],
    ["\u0000+inf", "1e999"],
    ["\u0000-inf", "-1e999"],
  ]);
  const text = JSON.stringify(value, (_k, v) => {
    if (typeof v !== "number") return v;
    if (Object.is(v, -0)) return "\u0000-0";
    if (v === Number.POSITIVE_INFINITY) return "\u0000+inf";
    if (v === Number.NEGATIVE_INFINITY) return "\u0000-inf";
    return v;
  });
  return text.replaceAll(/"\\u0000([-+](?:0|inf))"/g, (_m, mark: string) => marks.get(`\u0000${mark}`)!);
}

/**
 * Every string the contract itself supplies (enums, consts, examples, defaults, and the names of
 * declared properties, which an error may list as what an object accepts): vocabulary, not input.
 */
export function contractStrings(document: unknown): Set<string> {
  const out = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "enum" || k === "const" || k === "example" || k === "examples" || k === "default") collect(x);
      else {
        if (k === "properties" && x && typeof x === "object" && !Array.isArray(x)) Object.keys(x).forEach((name) => out.add(name));
        walk(x);
      }
    }
  };
  walk(document);
  return out;
}

/** Every object key in `value`, at any depth. */
export function keysIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(k), keysIn(v, out);
  return out;
}

/** Every string in `value` (keys excluded). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}
