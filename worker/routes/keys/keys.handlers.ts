import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { graceSecondsOf } from "../../lib/grace.ts";
import { createKey } from "../../services/keys/create-key.ts";
import { getKey, listKeys } from "../../services/keys/list-keys.ts";
import { presentKey } from "../../services/keys/present-key.ts";
import { revokeKey } from "../../services/keys/revoke-key.ts";
import { rotateKey } from "../../services/keys/rotate-key.ts";
import type { CreateApiKeyRoute, GetApiKeyRoute, ListApiKeysRoute, RevokeApiKeyRoute, RotateApiKeyRoute } from "./keys.routes.ts";

export const createApiKey: RouteHandler<CreateApiKeyRoute, AppEnv> = async (c) => {
  const { row, secret } = await createKey({ deps: c.get("deps"), caller: caller(c), input: c.req.valid("json"), requestId: c.get("requestId") });
  return c.json({ ...presentKey(row), secret }, 201, { location: `/v1/keys/${row.id}`, "cache-control": "no-store" });
};

export const listApiKeys: RouteHandler<ListApiKeysRoute, AppEnv> = async (c) =>
  c.json(await listKeys({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getApiKey: RouteHandler<GetApiKeyRoute, AppEnv> = async (c) =>
  c.json(presentKey(await getKey({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id })), 200);

export const revokeApiKey: RouteHandler<RevokeApiKeyRoute, AppEnv> = async (c) => {
  const row = await revokeKey({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, requestId: c.get("requestId") });
  return c.json(presentKey(row), 200);
};

export const rotateApiKey: RouteHandler<RotateApiKeyRoute, AppEnv> = async (c) => {
  const { row, secret } = await rotateKey({
    deps: c.get("deps"),
    caller: caller(c),
    id: c.req.valid("param").id,
    graceSeconds: graceSecondsOf(c.req.valid("json")),
    requestId: c.get("requestId"),
  });
  return c.json({ ...presentKey(row), secret }, 201, { location: `/v1/keys/${row.id}`, "cache-control": "no-store" });
};
