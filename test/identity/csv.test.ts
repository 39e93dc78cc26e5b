import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "../../worker/lib/csv.ts";

/**
 * The doorplate import reads spreadsheets exported by street offices: Excel's "CSV UTF-8" with a
 * BOM, CRLF line ends, quoted addresses with commas and line breaks. A mistake must be reported on
 * the line a person sees in their editor, and nothing must be silently misread.
 */
const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe("CSV reader", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, after a BOM, with any line end", () => {
    const text = '\ufeffcode,address\r\n1,"幸福村3组, 12号"\r\n2,"他说""你好"""\n3,"two\nlines"\r4,last';
    expect(parseCsv(text).records).toEqual([
      { line: 1, fields: ["code", "address"] },
      { line: 2, fields: ["1", "幸福村3组, 12号"] },
      { line: 3, fields: ["2", '他说"你好"'] },
      { line: 4, fields: ["3", "two\nlines"] },
      { line: 6, fields: ["4", "last"] },
    ]);
  });

  it("keeps a BOM-less first field whole and a BOM anywhere else as data", () => {
    expect(fields("code,x")).toEqual([["code", "x"]]);
    expect(fields("a,\ufeffb")).toEqual([["a", "\ufeffb"]]);
  });

  it("skips blank lines, counting them, but keeps a line of empty fields", () => {
    const { records } = parseCsv("a,b\n\n\r\n,\nc,d\n");
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 4, fields: ["", ""] },
      { line: 5, fields: ["c", "d"] },
    ]);
    expect(fields('""\n')).toEqual([]);
  });

  it("stops after maxRecords and says more followed", () => {
    expect(parseCsv("a\nb\nc", 2)).toEqual({ records: [{ line: 1, fields: ["a"] }, { line: 2, fields: ["b"] }], truncated: true });
    expect(parseCsv("a\nb\n\n", 2)).toEqual({ records: [{ line: 1, fields: ["a"] }, { line: 2, fields: ["b"] }], truncated: false });
  });

  it.each([
    ['a,b\n1,"open', 2, "a quoted field is not closed"],
    ['a\n"x\ny\nz', 2, "a quoted field is not closed"],
    ['a\n"x\ny"z,1', 3, "text follows a closing quote; double any quote inside a quoted field"],
    ['a\n"x" ,1', 2, "text follows a closing quote; double any quote inside a quoted field"],
    ['a\nb\n12"号,1', 3, "a quote inside an unquoted field; quote the whole field"],
  ])("refuses %j on line %i: %s", (text, line, message) => {
    try {
      parseCsv(text);
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect({ line: (e as CsvSyntaxError).line, message: (e as Error).message }).toEqual({ line, message });
      return;
    }
    throw new Error("accepted");
  });

  it("reads back whatever a writer that quotes every field wrote", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "幸", ",", '"', "\n", "\r\n", " ", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\r\n");
        expect(fields(text)).toEqual(rows);
      }),
    );
  });
});
