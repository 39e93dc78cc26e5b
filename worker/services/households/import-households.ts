import { and, eq, inArray, or } from "drizzle-orm";
import { areas, auditLog, households } from "../../db/schema/index.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertAdmin } from "../../lib/authz.ts";
import { CsvSyntaxError, parseCsv } from "../../lib/csv.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { auditEntry } from "../audit/record-audit.ts";
import { refTaken } from "./create-household.ts";
import { newDoorplateCode } from "./present-household.ts";

export const IMPORT_MAX_ROWS = 10_000;
/** Errors listed in the answer; the count covers them all. Enough to fix a file in one or two passes. */
const MAX_REPORTED_ERRORS = 200;
const COLUMNS = ["address", "grid", "lat", "lng", "external_ref"] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ["address", "grid"];
/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

interface RowError {
  pointer: string;
  line: number;
  detail: string;
}

const rejected = (errors: RowError[], extra: Record<string, unknown> = {}) =>
  new AppError("validation_failed", `The file has ${errors.length} problem(s); nothing was imported.`, {
    extensions: { errors: errors.slice(0, MAX_REPORTED_ERRORS), error_count: errors.length, ...extra },
  });

/**
 * UTF-8 unless the client says otherwise. Excel in a Chinese locale saves "CSV" as GB18030 (GBK);
 * `charset=gb18030` (or gbk) reads that as sent. Invalid bytes are refused rather than guessed at.
 */
export function decodeCsv(body: ArrayBuffer, charset: string | undefined): string {
  const cs = (charset ?? "utf-8").toLowerCase();
  const label = cs === "gbk" || cs === "gb2312" ? "gb18030" : cs;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new AppError("unsupported_media_type", "Send the CSV as UTF-8, or as GB18030 with `charset=gb18030`.");
  }
  try {
    return decoder.decode(body);
  } catch {
    throw rejected([{ pointer: "/body", line: 1, detail: `the file is not valid ${label}; save it as "CSV UTF-8" or declare its charset` }]);
  }
}

const parseCoord = (s: string, min: number, max: number): number | null | "bad" => {
  if (s === "") return null;
  if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return "bad";
  const n = Number(s);
  return n >= min && n <= max ? n : "bad";
};

/**
 * Bulk import, ALL OR NOTHING: every row is checked (columns, grid, coordinates, duplicate
 * references within the file and against existing households) before anything is written, and
 * the rows are then inserted in one batch, which is one transaction. A file with any bad row
 * writes nothing and the answer lists the problems by line. Row errors point at
 * `/body/<line>/<column>` and never repeat the cell's content.
 */
export async function importHouseholds({ deps, caller, csv, requestId }: { deps: Deps; caller: Principal; csv: string; requestId?: string }) {
  assertAdmin(caller);
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(csv, IMPORT_MAX_ROWS + 1);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw rejected([{ pointer: `/body/${err.line}`, line: err.line, detail: err.message }]);
    throw err;
  }
  if (parsed.truncated) {
    throw rejected([{ pointer: "/body", line: IMPORT_MAX_ROWS + 2, detail: `at most ${IMPORT_MAX_ROWS} rows per import; split the file` }]);
  }
  const [header, ...records] = parsed.records;
  if (!header) throw rejected([{ pointer: "/body", line: 1, detail: `the file is empty; the first line names the columns: ${COLUMNS.join(",")}` }]);

  // Header: known names only, each once, the required ones present.
  const errors: RowError[] = [];
  const index = new Map<Column, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase() as Column;
    if (!COLUMNS.includes(name)) errors.push({ pointer: `/body/${header.line}`, line: header.line, detail: `column ${i + 1} is not one of: ${COLUMNS.join(", ")}` });
    else if (index.has(name)) errors.push({ pointer: `/body/${header.line}/${name}`, line: header.line, detail: "this column is named twice" });
    else index.set(name, i);
  });
  for (const name of REQUIRED) {
    if (!index.has(name)) errors.push({ pointer: `/body/${header.line}/${name}`, line: header.line, detail: "this column is required" });
  }
  if (errors.length) throw rejected(errors);
  if (records.length === 0) throw rejected([{ pointer: "/body", line: 2, detail: "the file has a header but no rows" }]);

  const cell = (fields: string[], c: Column) => {
    const i = index.get(c);
    return i === undefined ? "" : (fields[i] ?? "").trim();
  };

  // Resolve every grid named (by id or by code) in one query per chunk.
  const gridRefs = [...new Set(records.map((r) => cell(r.fields, "grid")).filter(Boolean))];
  const grids = new Map<string, { id: string; path: string; level: string }>();
  for (let i = 0; i < gridRefs.length; i += CHUNK) {
    const refs = gridRefs.slice(i, i + CHUNK);
    const rows = await deps.db
      .select({ id: areas.id, code: areas.code, path: areas.path, level: areas.level })
      .from(areas)
      .where(and(eq(areas.jurisdictionId, caller.jurisdictionId), or(inArray(areas.id, refs), inArray(areas.code, refs))));
    for (const r of rows) {
      grids.set(r.id, r);
      if (r.code) grids.set(r.code, r);
    }
  }

  // External references already taken in this jurisdiction.
  const refs = [...new Set(records.map((r) => cell(r.fields, "external_ref")).filter(Boolean))];
  const taken = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows = await deps.db
      .select({ ref: households.externalRef })
      .from(households)
      .where(and(eq(households.jurisdictionId, caller.jurisdictionId), inArray(households.externalRef, refs.slice(i, i + CHUNK))));
    for (const r of rows) if (r.ref) taken.add(r.ref);
  }

  const t = deps.now();
  const rows: (typeof households.$inferInsert & { line: number })[] = [];
  const seenRefs = new Map<string, number>();
  for (const rec of records) {
    const at = (c: Column, detail: string) => errors.push({ pointer: `/body/${rec.line}/${c}`, line: rec.line, detail });
    if (rec.fields.length !== header.fields.length) {
      errors.push({ pointer: `/body/${rec.line}`, line: rec.line, detail: `expected ${header.fields.length} fields, found ${rec.fields.length}` });
      continue;
    }
    const address = cell(rec.fields, "address");
    if (!address) at("address", "required");
    else if ([...address].length > 200) at("address", "at most 200 characters");

    const gridRef = cell(rec.fields, "grid");
    const grid = gridRef ? grids.get(gridRef) : undefined;
    if (!gridRef) at("grid", "required: a grid's id or code");
    else if (!grid) at("grid", "no area with this id or code in this jurisdiction");
    else if (grid.level !== "grid") at("grid", "names an area that is not a grid");

    const lat = parseCoord(cell(rec.fields, "lat"), -90, 90);
    const lng = parseCoord(cell(rec.fields, "lng"), -180, 180);
    if (lat === "bad") at("lat", "a decimal latitude between -90 and 90");
    if (lng === "bad") at("lng", "a decimal longitude between -180 and 180");
    if (lat !== "bad" && lng !== "bad" && (lat === null) !== (lng === null)) at(lat === null ? "lat" : "lng", "give both lat and lng, or neither");

    const ref = cell(rec.fields, "external_ref");
    if (ref) {
      if (ref.length > 64) at("external_ref", "at most 64 characters");
      else if (taken.has(ref)) at("external_ref", "a household with this reference exists already");
      else if (seenRefs.has(ref)) at("external_ref", `repeats the reference on line ${seenRefs.get(ref)}`);
      else seenRefs.set(ref, rec.line);
    }

    if (grid && address && lat !== "bad" && lng !== "bad") {
      rows.push({
        line: rec.line,
        id: newId("household"),
        jurisdictionId: caller.jurisdictionId,
        areaId: grid.id,
        areaPath: grid.path,
        address,
        lat,
        lng,
        doorplateCode: newDoorplateCode(),
        externalRef: ref || null,
        createdAt: t,
      });
    }
  }
  if (errors.length) throw rejected(errors, { rows_checked: records.length });

  const statements = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    statements.push(deps.db.insert(households).values(rows.slice(i, i + CHUNK).map(({ line: _line, ...r }) => r)));
  }
  try {
    await deps.db.batch([
      deps.db
        .insert(auditLog)
        .values(auditEntry(caller, t, { action: "households.imported", subjectType: "jurisdiction", subjectId: caller.jurisdictionId, detail: { count: rows.length }, requestId })),
      ...statements,
    ]);
  } catch (err) {
    // Someone created a household with one of these references since the check: nothing was written.
    if (isUniqueViolation(err, "households.external_ref")) throw refTaken();
    throw err;
  }
  return rows;
}
