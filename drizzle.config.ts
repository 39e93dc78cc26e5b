import { defineConfig } from "drizzle-kit";

// Generation only reads the schema; `migrate` is done by the app itself (worker/db/migrate.ts)
// on Node, and by `npm run db:migrate` against Turso before a Workers deploy.
export default defineConfig({
  dialect: "turso",
  schema: "./worker/db/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
  dbCredentials: {
    url: process.env.LIBSQL_URL ?? "file:.data/fengqiao.db",
    authToken: process.env.LIBSQL_AUTH_TOKEN,
  },
});
