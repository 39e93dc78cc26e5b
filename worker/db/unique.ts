/**
 * Whether a failed write broke a UNIQUE constraint on `table.column` (SQLite names the columns
 * in its message; drizzle wraps the driver's error, so the causes are walked). Used to turn a
 * lost insert race on a natural key into a 409 instead of a 500.
 */
export function isUniqueViolation(err: unknown, column: string): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && /UNIQUE constraint failed/.test(e.message) && e.message.includes(column)) return true;
  }
  return false;
}
