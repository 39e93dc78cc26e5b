import { describe, expect, it } from "vitest";
import type { ServiceAttribute } from "../../worker/db/schema/services.ts";
import { AppError } from "../../worker/lib/problem.ts";
import { validateAttributes } from "../../worker/services/catalogue/validate-attributes.ts";

/**
 * A service's extra questions (Open311 attributes): every answer checked against its datatype,
 * normalised, and every failure named by a JSON pointer, all failures at once.
 */
const attr = (code: string, datatype: ServiceAttribute["datatype"], more: Partial<ServiceAttribute> = {}): ServiceAttribute => ({
  code,
  datatype,
  required: false,
  variable: true,
  order: 1,
  description: code,
  descriptionEn: null,
  datatypeDescription: null,
  values: null,
  ...more,
});
const list = (...keys: string[]) => keys.map((key) => ({ key, name: key, nameEn: null }));

const defs = [
  attr("note", "string"),
  attr("story", "text"),
  attr("floors", "number"),
  attr("seen_at", "datetime"),
  attr("kind", "singlevaluelist", { values: list("dog", "snake") }),
  attr("where", "multivaluelist", { values: list("stairs", "lift", "roof") }),
  attr("notice", "string", { variable: false }),
  attr("must", "string", { required: true }),
];

/** The field errors a call fails with, as { pointer: detail }. */
function failures(answers: Record<string, unknown>, d = defs) {
  try {
    validateAttributes(d, answers);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe("validation_failed");
    return Object.fromEntries((err.extensions!.errors as { pointer: string; detail: string }[]).map((x) => [x.pointer, x.detail]));
  }
  throw new Error("accepted");
}

describe("service attributes", () => {
  it("normalises valid answers: trimmed text, numbers from strings, datetimes to UTC, lists without repeats", () => {
    expect(
      validateAttributes(defs, {
        must: " yes ",
        note: "  blocked  ",
        story: "长".repeat(5000),
        floors: "12.5",
        seen_at: "2026-11-22T08:30:00+08:00",
        kind: "snake",
        where: ["lift", "roof", "lift"],
      }),
    ).toEqual({ must: "yes", note: "blocked", story: "长".repeat(5000), floors: 12.5, seen_at: "2026-11-22T00:30:00.000Z", kind: "snake", where: ["lift", "roof"] });
    expect(validateAttributes(defs, { must: "x", floors: 3, where: "stairs", seen_at: "2026-11-22T00:30Z" })).toEqual({
      must: "x",
      floors: 3,
      where: ["stairs"],
      seen_at: "2026-11-22T00:30:00.000Z",
    });
  });

  it("refuses each wrong answer at its own pointer, all in one problem", () => {
    expect(
      failures({
        must: "x",
        note: 5,
        story: "长".repeat(5001),
        floors: "twelve",
        seen_at: "2026-11-22 08:30",
        kind: "cat",
        where: ["lift", "cellar"],
        colour: "red",
      }),
    ).toEqual({
      "/body/attributes/note": "expected a string",
      "/body/attributes/story": "at most 5000 characters",
      "/body/attributes/floors": "expected a number",
      "/body/attributes/seen_at": "expected an RFC 3339 date-time with an offset",
      "/body/attributes/kind": "expected one of the listed value keys",
      "/body/attributes/where": "expected value keys from the list",
      "/body/attributes/colour": "this service has no such attribute",
    });
  });

  it("a string is at most 500 characters, counted as characters not UTF-16 units", () => {
    expect(validateAttributes(defs, { must: "x", note: "𠮷".repeat(500) })).toMatchObject({ note: "𠮷".repeat(500) });
    expect(failures({ must: "x", note: "a".repeat(501) })).toEqual({ "/body/attributes/note": "at most 500 characters" });
  });

  it("numbers must be finite; blank strings are no answer", () => {
    for (const bad of ["Infinity", "1e999", "0x", Number.NaN, true, [1]]) {
      expect(failures({ must: "x", floors: bad }), String(bad)).toEqual({ "/body/attributes/floors": "expected a number" });
    }
    expect(failures({ must: "x", floors: "   " })).toEqual({ "/body/attributes/floors": "expected a number" });
    expect(validateAttributes(defs, { must: "x", floors: "-3" })).toMatchObject({ floors: -3 });
  });

  it("a datetime needs a full date, a time and an offset, and a real calendar date", () => {
    for (const bad of ["2026-11-22", "2026-11-22T08:30", "x2026-11-22T08:30Z", "2026-11-22T08:30Zx", "2026-13-40T08:30:00Z", 20261122]) {
      expect(failures({ must: "x", seen_at: bad }), String(bad)).toEqual({ "/body/attributes/seen_at": "expected an RFC 3339 date-time with an offset" });
    }
    expect(validateAttributes(defs, { must: "x", seen_at: "2026-11-22T08:30:15.250-05:00" })).toMatchObject({ seen_at: "2026-11-22T13:30:15.250Z" });
  });

  it("list answers must be keys of the list, each of them", () => {
    expect(failures({ must: "x", kind: ["dog"] })).toEqual({ "/body/attributes/kind": "expected one of the listed value keys" });
    expect(failures({ must: "x", where: ["lift", 3] })).toEqual({ "/body/attributes/where": "expected value keys from the list" });
    expect(failures({ must: "x", where: "cellar" })).toEqual({ "/body/attributes/where": "expected value keys from the list" });
  });

  it("required answers must be there; informational lines take no answer; empty answers count as none", () => {
    expect(failures({})).toEqual({ "/body/attributes/must": "required" });
    for (const empty of ["", null, []]) expect(failures({ must: empty }), JSON.stringify(empty)).toEqual({ "/body/attributes/must": "required" });
    expect(failures({ must: "x", notice: "hello" })).toEqual({ "/body/attributes/notice": "this service has no such attribute" });
    expect(validateAttributes(defs, { must: "x", note: "", where: [] })).toEqual({ must: "x" });
  });

  it("names an attribute code with / or ~ by an escaped JSON pointer, or by the caller's own pointers", () => {
    const odd = [attr("a/b~c", "number")];
    expect(failures({ "a/b~c": "x" }, odd)).toEqual({ "/body/attributes/a~1b~0c": "expected a number" });
    try {
      validateAttributes(odd, { "a/b~c": "x" }, (code) => `/attribute[${code}]`);
      throw new Error("accepted");
    } catch (e) {
      expect((e as AppError).extensions!.errors).toEqual([{ pointer: "/attribute[a/b~c]", detail: "expected a number" }]);
    }
  });
});
