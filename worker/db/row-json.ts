import { getTableColumns, getTableName, sql, type InferSelectModel, type SQL, type Table } from "drizzle-orm";
import { columnName, isGenerated, quoteIdentifier as quote } from "./columns.ts";

/**
 * A whole row read as one JSON text that SQLite builds, keyed by the schema's property names, so
 * it parses straight into the row type. For wide rows read many at a time (request lists), the
 * driver then hands over one value per row instead of forty-six, and drizzle builds and maps one
 * field instead of walking every column through its entity checks on every query. The expression
 * is rendered to text once, with no parameters. JSON columns are embedded as JSON and booleans
 * as true/false; a column kind this cannot represent exactly is refused when it is built.
 */
export function rowJson<T extends Table>(
  table: T,
  /**
   * Columns SQLite would compute on every read (virtual generated ones) but JavaScript can derive
   * from the rest of the row more cheaply: SQL sends NULL in their place (keeping the key order)
   * and `fill` sets them after parsing.
   */
  derived?: { keys: (keyof InferSelectModel<T>)[]; fill: (row: InferSelectModel<T>) => void },
): SQL<InferSelectModel<T>> & { decode(text: string): InferSelectModel<T> } {
  const t = quote(getTableName(table));
  const parts = Object.entries(getTableColumns(table)).map(([key, col]) => {
    if (!/^\w+$/.test(key)) throw new TypeError(`rowJson: unexpected property name ${key}`);
    if (derived?.keys.includes(key as keyof InferSelectModel<T>)) return `'${key}', NULL`;
    if (isGenerated(col)) throw new TypeError(`rowJson: generated column ${key} needs a derivation`);
    const ref = `${t}.${quote(columnName(col))}`;
    switch (col.columnType) {
      case "SQLiteText":
      case "SQLiteInteger":
      case "SQLiteReal":
        return `'${key}', ${ref}`;
      case "SQLiteTextJson":
        return `'${key}', json(${ref})`;
      case "SQLiteBoolean":
        return `'${key}', CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref} THEN json('true') ELSE json('false') END`;
      default:
        throw new TypeError(`rowJson: column ${key} (${col.columnType}) has no exact JSON form`);
    }
  });
  const fill = derived?.fill;
  const decode = fill
    ? (text: string) => {
        const row = JSON.parse(text) as InferSelectModel<T>;
        fill(row);
        return row;
      }
    : (text: string) => JSON.parse(text) as InferSelectModel<T>;
  // `decode` rides along for reads that skip drizzle's result mapping (one row, one value).
  return Object.assign(sql.raw(`json_object(${parts.join(", ")})`).mapWith(decode) as SQL<InferSelectModel<T>>, { decode });
}
