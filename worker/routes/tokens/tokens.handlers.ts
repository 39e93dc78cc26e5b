import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { maskName } from "../../lib/mask.ts";
import { exchangeToken as exchange } from "../../services/auth/exchange-token.ts";
import { TOKEN_TTL_SECONDS } from "../../services/auth/tokens.ts";
import type { ExchangeTokenRoute, GetCallerRoute } from "./tokens.routes.ts";

export const exchangeToken: RouteHandler<ExchangeTokenRoute, AppEnv> = async (c) => {
  const r = await exchange({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json") });
  return c.json(
    {
      access_token: r.token,
      token_type: "Bearer" as const,
      expires_in: TOKEN_TTL_SECONDS,
      expires_at: new Date(r.expiresAt).toISOString(),
      user: { id: r.user.id, role: r.user.role, display_name: maskName(r.user.displayName), agency_id: r.user.agencyId, area_ids: r.areaIds },
    },
    200,
    { "cache-control": "no-store" },
  );
};

export const getCaller: RouteHandler<GetCallerRoute, AppEnv> = (c) => {
  const p = caller(c);
  return c.json(
    {
      jurisdiction_id: p.jurisdictionId,
      key: { id: p.keyId, kind: p.keyKind, scopes: [...p.scopes] },
      user: p.user
        ? { id: p.user.id, role: p.user.role, display_name: null, agency_id: p.user.agencyId, area_ids: [...p.user.areaIds] }
        : null,
    },
    200,
  );
};
