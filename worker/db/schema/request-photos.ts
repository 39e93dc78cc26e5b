import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Photos attached to a request; the bytes live in the blob store under `blobKey`. */
export const requestPhotos = sqliteTable(
  "request_photos",
  {
    id: text().primaryKey(),
    jurisdictionId: text().notNull(),
    requestId: text().notNull(),
    blobKey: text().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    sha256: text().notNull(),
    uploadedBy: text().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [index("request_photos_request").on(t.jurisdictionId, t.requestId, t.createdAt)],
);
