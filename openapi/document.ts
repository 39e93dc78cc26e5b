import { createApp } from "../worker/app.ts";
import { parseConfig } from "../worker/config.ts";
import type { Deps } from "../worker/deps.ts";
import { buildDocument } from "../worker/openapi-doc.ts";

/**
 * The contract as the app serves it, built without a database: route definitions alone make the
 * document, so generation needs no running server.
 */
export function currentDocument() {
  const config = parseConfig({ LIBSQL_URL: "file::memory:", TOKEN_SECRET: "x".repeat(32) });
  const app = createApp({ config } as Deps);
  return buildDocument(app);
}

export const serialize = (doc: unknown) => JSON.stringify(doc, null, 2) + "\n";
