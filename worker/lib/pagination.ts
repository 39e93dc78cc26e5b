import { z } from "@hono/zod-openapi";
import { AppError } from "./problem.ts";

export const MAX_LIMIT = 100;

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(20)
    .openapi({ description: `Items per page, 1-${MAX_LIMIT}.`, example: 20 }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: "Opaque cursor from a previous page's `next_cursor`." }),
});

/** `{ data, has_more, next_cursor }`, the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      has_more: z.boolean().openapi({ description: "Whether another page follows." }),
      next_cursor: z
        .string()
        .nullable()
        .openapi({ description: "Pass as `cursor` to get the next page; null on the last page." }),
    })
    .openapi(name);
}

export type CursorValue = string | number;

/**
 * Cursors carry the sort key of the last row seen (keyset pagination), so a deep page costs
 * the same as the first. They are base64url JSON: opaque to clients, not a secret.
 */
export function encodeCursor(values: readonly CursorValue[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const bin = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const values: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the one answer every bad cursor gets
  }
  throw new AppError("validation_failed", "The cursor is not one this list issued.", {
    extensions: { errors: [{ pointer: "/query/cursor", detail: "unknown cursor" }] },
  });
}

/**
 * Turn `limit + 1` fetched rows into a page: the extra row only tells whether there is more.
 * `keyOf` returns the sort key of a row, in the order the query sorts by.
 */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly CursorValue[],
  present: (row: R) => T,
) {
  const has_more = rows.length > limit;
  const pageRows = has_more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(present),
    has_more,
    next_cursor: has_more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
