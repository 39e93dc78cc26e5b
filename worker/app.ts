import { Scalar } from "@scalar/hono-api-reference";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppEnv, Deps } from "./deps.ts";
import { createRouter } from "./lib/openapi.ts";
import { setHeader } from "./lib/headers.ts";
import { AppError, faultLog, renderProblem, toAppError } from "./lib/problem.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { bodyLimit } from "./middleware/body-limit.ts";
import { envelope } from "./middleware/envelope.ts";
import { idempotency } from "./middleware/idempotency.ts";
import { METHOD_OVERRIDE_HEADER, methodOverride } from "./middleware/method-override.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { buildDocument, registerDocument } from "./openapi-doc.ts";
import { agenciesRouter } from "./routes/agencies/agencies.index.ts";
import { alertRoutes } from "./routes/alerts/alerts.index.ts";
import { antiFraudFigureRoutes } from "./routes/anti-fraud-figures/anti-fraud-figures.index.ts";
import { areasRouter } from "./routes/areas/areas.index.ts";
import { auditRouter } from "./routes/audit/audit.index.ts";
import { doorplatesRouter } from "./routes/doorplates/doorplates.index.ts";
import { disputes } from "./routes/disputes/disputes.index.ts";
import { figures } from "./routes/figures/figures.index.ts";
import { fraudRoutes } from "./routes/fraud/fraud.index.ts";
import { health } from "./routes/health/health.index.ts";
import { householdsRouter } from "./routes/households/households.index.ts";
import { interventionRoutes } from "./routes/interventions/interventions.index.ts";
import { keys } from "./routes/keys/keys.index.ts";
import { leads } from "./routes/leads/leads.index.ts";
import { points } from "./routes/points/points.index.ts";
import { problemPages } from "./routes/problems.ts";
import { signups } from "./routes/signups/signups.index.ts";
import { taskRoutes } from "./routes/tasks/tasks.index.ts";
import { tokens } from "./routes/tokens/tokens.index.ts";
import { usersRouter } from "./routes/users/users.index.ts";
import { volunteerFigures } from "./routes/volunteer-figures/volunteer-figures.index.ts";
import { volunteers } from "./routes/volunteers/volunteers.index.ts";
import { renderOpen311Error } from "./routes/open311/open311.errors.ts";
import { open311 } from "./routes/open311/open311.index.ts";
import { serviceRequests } from "./routes/requests/requests.index.ts";
import { serviceCatalogue } from "./routes/services/services.index.ts";
import { webhooks } from "./routes/webhooks/webhooks.index.ts";

/**
 * The one Hono app both runtimes serve. It does no I/O here: the entry point hands it a database,
 * a clock, a blob store and its configuration.
 */
export function createApp(deps: Deps) {
  const app = createRouter();
  // First: a POST overridden to PATCH (mini-programs) is re-dispatched before anything runs on it.
  app.use("*", methodOverride(app, deps));
  app.use("*", envelope(deps));
  const corsFor = cors({
    origin: (origin) => (deps.config.CORS_ORIGINS.includes(origin) || deps.config.CORS_ORIGINS.includes("*") ? origin : null),
    allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "x-request-id", METHOD_OVERRIDE_HEADER],
    exposeHeaders: ["x-request-id", "etag", "location", "retry-after", "ratelimit", "ratelimit-policy", "idempotent-replayed"],
    maxAge: 600,
  });
  app.use("*", (c, next) => {
    // Browsers always send Origin on cross-origin calls; server-to-server and kiosk-local calls skip CORS work.
    if (c.req.header("origin") === undefined) {
      // Answers differ by Origin only where some origin is allowed; say so to caches then.
      if (deps.config.CORS_ORIGINS.length > 0) setHeader(c, "vary", "Origin");
      return next();
    }
    return corsFor(c, next);
  });
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        throw new AppError("method_not_allowed", `Use ${methods.join(", ")}.`, { headers: { allow: methods.join(", ") } });
      },
    }),
  );
  app.use("*", bodyLimit(deps.config.BODY_LIMIT_BYTES));
  app.use("*", authenticate());
  app.use("*", rateLimit());
  app.use("*", idempotency());

  // Rendered, not thrown: methodNotAllowed only turns a plain 404 into a 405.
  app.notFound((c) => renderProblem(c, new AppError("not_found", "No such route.")));
  app.onError((err, c) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) {
      // The log says what failed and where, for operators, but never the data it carried (see
      // faultLog); the client gets the request id only.
      deps.log({ level: "error", msg: "unhandled", request_id: c.get("requestId"), ...faultLog(err) });
    }
    // Open311 clients expect their own error shape, also for failures in global middleware (a bad api_key).
    if (c.req.path.startsWith("/open311/")) return renderOpen311Error(c, appErr);
    return renderProblem(c, appErr);
  });

  registerDocument(app);
  app.route("/", health);
  app.route("/", problemPages);
  app.route("/", tokens);
  app.route("/", keys);
  app.route("/", agenciesRouter);
  app.route("/", areasRouter);
  app.route("/", usersRouter);
  app.route("/", householdsRouter);
  app.route("/", doorplatesRouter);
  app.route("/", auditRouter);
  app.route("/", volunteers);
  app.route("/", taskRoutes);
  app.route("/", signups);
  app.route("/", points);
  app.route("/", leads);
  app.route("/", volunteerFigures);
  app.route("/", serviceCatalogue);
  app.route("/", serviceRequests);
  app.route("/", webhooks);
  app.route("/", disputes);
  app.route("/", figures);
  app.route("/", open311);
  app.route("/", alertRoutes);
  app.route("/", fraudRoutes);
  app.route("/", interventionRoutes);
  app.route("/", antiFraudFigureRoutes);

  let doc: ReturnType<typeof buildDocument> | undefined;
  const document = () => (doc ??= buildDocument(app));
  app.get("/openapi.json", (c) => c.json(document()));
  app.get(
    "/docs",
    Scalar({ url: "/openapi.json", pageTitle: "fengqiao API", ...(deps.config.DOCS_CDN ? { cdn: deps.config.DOCS_CDN } : {}) }),
  );
  return app;
}

export type App = ReturnType<typeof createApp>;
