import { getTableColumns } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";

export type Column = ReturnType<typeof getTableColumns>[string];

/** An SQL identifier in double quotes, any quote inside doubled. */
export const quoteIdentifier = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** A column's name in the database: unnamed columns take their property name, snake_cased by the db's casing. */
export const columnName = (col: Column) => {
  const { keyAsName, name } = col as unknown as { keyAsName: boolean; name: string };
  return keyAsName ? toSnakeCase(name) : name;
};

/** Whether SQLite computes the column (generated columns): never written, and read at a cost. */
export const isGenerated = (col: Column) => Boolean((col as unknown as { generated?: unknown }).generated);
