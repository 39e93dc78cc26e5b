import type { Client, InStatement, InValue } from "@libsql/client";
import { fillPlaceholders, getTableColumns, getTableName, is, SQL, type InferInsertModel, type Table } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { columnName, isGenerated, quoteIdentifier as quote, type Column } from "./columns.ts";
type Built = { _prepare(): { getQuery(): { sql: string; params: unknown[] } } };

/** A drizzle query as the plain statement drizzle's own `batch` would send for it. */
export function statementOf(query: unknown): InStatement {
  const { sql, params } = (query as Built)._prepare().getQuery();
  return { sql, args: params as InValue[] };
}

/**
 * An INSERT of a whole row of `table`, its SQL written once: drizzle's insert builder walks every
 * column through its entity checks on each call, which for a 46-column request row cost about as
 * much as the write itself. Values go through each column's own driver mapping (JSON, booleans);
 * a missing value takes the column's default, as drizzle would give it, else NULL. Generated
 * columns are left to SQLite.
 */
export function insertStatement<T extends Table>(table: T): (row: InferInsertModel<T>) => InStatement {
  const columns = Object.entries(getTableColumns(table)).filter(([, col]) => !isGenerated(col)) as [string, Column][];
  for (const [key, col] of columns) {
    if (is(col.default, SQL)) throw new TypeError(`insertStatement: ${key} has an SQL default, which a fixed column list cannot leave to SQLite`);
  }
  const sql = `INSERT INTO ${quote(getTableName(table))} (${columns.map(([, c]) => quote(columnName(c))).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
  return (row) => ({
    sql,
    args: columns.map(([key, col]) => {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined) value = col.defaultFn ? col.defaultFn() : col.default;
      return value === undefined || value === null ? null : (col.mapToDriverValue(value) as InValue);
    }),
  });
}

const dialect = new SQLiteAsyncDialect({ casing: "snake_case" });

/**
 * A statement rendered to SQL text once, its `sql.placeholder` values filled in per call: for
 * hand-written statements on hot paths that drizzle would otherwise render from the template
 * on every request.
 */
export function statementTemplate(query: SQL): (values: Record<string, unknown>) => InStatement {
  const { sql, params } = dialect.sqlToQuery(query);
  return (values) => ({ sql, args: fillPlaceholders(params, values) as InValue[] });
}

/**
 * The first row of a statement, named as its SELECT names the columns: for hot single-row reads
 * that skip drizzle's result mapping (`T` is the caller's word for what the SQL selects).
 */
export async function firstRow<T>(client: Pick<Client, "execute">, statement: InStatement): Promise<T | undefined> {
  return (await client.execute(statement)).rows[0] as T | undefined;
}
