import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { addDisputeParty as addParty } from "../../services/disputes/add-party.ts";
import { escalateDispute as escalate } from "../../services/disputes/escalate-dispute.ts";
import { getDispute as get } from "../../services/disputes/get-dispute.ts";
import { gradeDispute as grade } from "../../services/disputes/grade-dispute.ts";
import { listDisputes as list } from "../../services/disputes/list-disputes.ts";
import { listDisputeFollowUps as listFollowUps } from "../../services/disputes/list-follow-ups.ts";
import { presentDispute, presentFollowUp, presentParty, presentSession } from "../../services/disputes/present-dispute.ts";
import { recordMediationAgreement as agreement } from "../../services/disputes/record-agreement.ts";
import { recordDisputeFollowUp as followUp } from "../../services/disputes/record-follow-up.ts";
import { recordMediationSession as session } from "../../services/disputes/record-session.ts";
import type * as R from "./disputes.routes.ts";
import { conditionalJson } from "../requests/conditional.ts";

const etag = (version: number) => ({ etag: `"v${version}"` });

export const listDisputes: RouteHandler<R.ListDisputesRoute, AppEnv> = async (c) =>
  c.json(await list({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const listDisputeFollowUps: RouteHandler<R.ListDisputeFollowUpsRoute, AppEnv> = async (c) =>
  c.json(await listFollowUps({ deps: c.get("deps"), caller: caller(c), query: c.req.valid("query") }), 200);

export const getDispute: RouteHandler<R.GetDisputeRoute, AppEnv> = async (c) => {
  const r = await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return conditionalJson(c, presentDispute(r.dispute, r), { version: etag(r.dispute.version).etag }) as never;
};

export const gradeDispute: RouteHandler<R.GradeDisputeRoute, AppEnv> = async (c) => {
  const d = await grade({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, ifMatch: c.req.header("if-match"), input: c.req.valid("json") });
  return c.json(presentDispute(d), 200, etag(d.version));
};

export const escalateDispute: RouteHandler<R.EscalateDisputeRoute, AppEnv> = async (c) => {
  const d = await escalate({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, ifMatch: c.req.header("if-match"), input: c.req.valid("json") });
  return c.json(presentDispute(d), 200, etag(d.version));
};

export const addDisputeParty: RouteHandler<R.AddDisputePartyRoute, AppEnv> = async (c) =>
  c.json(presentParty(await addParty({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") })), 201);

export const recordMediationSession: RouteHandler<R.RecordMediationSessionRoute, AppEnv> = async (c) =>
  c.json(presentSession(await session({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") })), 201);

export const recordMediationAgreement: RouteHandler<R.RecordMediationAgreementRoute, AppEnv> = async (c) => {
  const d = await agreement({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, ifMatch: c.req.header("if-match"), input: c.req.valid("json") });
  return c.json(presentDispute(d), 200, etag(d.version));
};

export const recordDisputeFollowUp: RouteHandler<R.RecordDisputeFollowUpRoute, AppEnv> = async (c) => {
  const p = c.req.valid("param");
  return c.json(presentFollowUp(await followUp({ deps: c.get("deps"), caller: caller(c), id: p.id, followUpId: p.follow_up_id, input: c.req.valid("json") })), 200);
};
