import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../deps.ts";
import { caller } from "../../lib/authz.ts";
import { acceptServiceRequest as accept } from "../../services/requests/accept-request.ts";
import { addServiceRequestComment as addComment } from "../../services/requests/add-comment.ts";
import { addServiceRequestPhoto as addPhoto } from "../../services/requests/add-photo.ts";
import type { TransitionArgs } from "../../services/requests/apply-transition.ts";
import { closeServiceRequest as close } from "../../services/requests/close-request.ts";
import { createServiceRequest as create } from "../../services/requests/create-request.ts";
import { declineServiceRequest as decline } from "../../services/requests/decline-request.ts";
import { dispatchServiceRequest as dispatch } from "../../services/requests/dispatch-request.ts";
import { etagOf } from "../../services/requests/etag.ts";
import { varyOn } from "../../lib/headers.ts";
import { jsonAnswer } from "../../lib/idempotency-claim.ts";
import { getServiceRequestPhoto as getPhoto } from "../../services/requests/get-photo.ts";
import { getServiceRequest as get } from "../../services/requests/get-request.ts";
import { listServiceRequestEvents as listEvents } from "../../services/requests/list-events.ts";
import { listServiceRequests as list, type Queue } from "../../services/requests/list-requests.ts";
import { markServiceRequestDuplicate as markDuplicate } from "../../services/requests/mark-duplicate.ts";
import { markServiceRequestInvalid as markInvalid } from "../../services/requests/mark-invalid.ts";
import { presentPhoto, presentRequest } from "../../services/requests/present-request.ts";
import { rateServiceRequest as rate } from "../../services/requests/rate-request.ts";
import { reopenServiceRequest as reopen } from "../../services/requests/reopen-request.ts";
import { resolveServiceRequest as resolve } from "../../services/requests/resolve-request.ts";
import { revealServiceRequestContact as reveal } from "../../services/requests/reveal-contact.ts";
import { startServiceRequest as start } from "../../services/requests/start-request.ts";
import { transferServiceRequest as transfer } from "../../services/requests/transfer-request.ts";
import { viewerOf, type RequestRow, type Viewer } from "../../services/requests/viewer.ts";
import { withdrawServiceRequest as withdraw } from "../../services/requests/withdraw-request.ts";
import { conditionalJson } from "./conditional.ts";
import type * as R from "./requests.routes.ts";

export const createServiceRequest: RouteHandler<R.CreateServiceRequestRoute, AppEnv> = async (c) => {
  const p = caller(c);
  const deps = c.get("deps");
  const viewer = await viewerOf(deps, p);
  const present = (row: RequestRow) => presentRequest(row, viewer, { detail: true, photos: [] });
  const headersOf = (row: RequestRow) => ({ location: `/v1/requests/${row.id}`, etag: etagOf(row.version) });
  // What was stored with the idempotency claim is sent as it is, not presented a second time.
  let stored: { row: RequestRow; body: ReturnType<typeof present> } | undefined;
  const claim = c.get("idempotencyClaim");
  const answer = (row: RequestRow) => {
    stored = { row, body: present(row) };
    return jsonAnswer(201, stored.body, headersOf(row));
  };
  const row = await create({ deps, caller: p, input: c.req.valid("json"), idempotency: claim && { claim, answer } });
  return c.json(stored?.row === row ? stored.body : present(row), 201, headersOf(row));
};

const lister =
  (queue: Queue): RouteHandler<R.ListServiceRequestsRoute, AppEnv> =>
  async (c) =>
    conditionalJson(c, await list({ deps: c.get("deps"), caller: caller(c), queue, query: c.req.valid("query") })) as never;

export const listServiceRequests = lister("all");
export const listDispatchInbox = lister("inbox") as unknown as RouteHandler<R.ListDispatchInboxRoute, AppEnv>;
export const listAgencyQueue = lister("agency") as unknown as RouteHandler<R.ListAgencyQueueRoute, AppEnv>;
export const listMyServiceRequests = lister("mine") as unknown as RouteHandler<R.ListMyServiceRequestsRoute, AppEnv>;
export const listOverdueServiceRequests = lister("overdue") as unknown as RouteHandler<R.ListOverdueServiceRequestsRoute, AppEnv>;

export const getServiceRequest: RouteHandler<R.GetServiceRequestRoute, AppEnv> = async (c) => {
  const { row, viewer, photos } = await get({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id });
  return conditionalJson(c, presentRequest(row, viewer, { detail: true, photos }), etagOf(row.version)) as never;
};

// Apps following a request poll its timeline: an unchanged page is a 304 with no body.
export const listServiceRequestEvents: RouteHandler<R.ListServiceRequestEventsRoute, AppEnv> = async (c) =>
  conditionalJson(c, await listEvents({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, query: c.req.valid("query") })) as never;

export const addServiceRequestComment: RouteHandler<R.AddServiceRequestCommentRoute, AppEnv> = async (c) =>
  c.json(await addComment({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, input: c.req.valid("json") }), 201);

export const addServiceRequestPhoto: RouteHandler<R.AddServiceRequestPhotoRoute, AppEnv> = async (c) => {
  const file = c.req.valid("form").photo;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { photo, request } = await addPhoto({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, bytes });
  return c.json(presentPhoto(photo), 201, { location: presentPhoto(photo).url, etag: etagOf(request.version) });
};

export const getServiceRequestPhoto: RouteHandler<R.GetServiceRequestPhotoRoute, AppEnv> = async (c) => {
  const p = c.req.valid("param");
  const { photo, etag, body } = await getPhoto({ deps: c.get("deps"), caller: caller(c), id: p.id, photoId: p.photo_id, ifNoneMatch: c.req.header("if-none-match") });
  const headers = { "cache-control": "private, max-age=3600", etag, vary: varyOn(c, "Authorization") };
  if (body === null) return c.body(null, 304, headers) as never;
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, "content-type": photo.contentType }) as never;
};

export const revealServiceRequestContact: RouteHandler<R.RevealServiceRequestContactRoute, AppEnv> = async (c) => {
  return c.json(await reveal({ deps: c.get("deps"), caller: caller(c), id: c.req.valid("param").id, requestId: c.get("requestId") }), 200, { "cache-control": "no-store" });
};

/** Every transition handler: the same inputs, one verb, the request back with its new ETag. */
function transition<I>(fn: (args: TransitionArgs & { input: I }) => Promise<{ row: RequestRow; viewer: Viewer }>) {
  return (async (c: any) => {
    const { row, viewer } = await fn({
      deps: c.get("deps"),
      caller: caller(c),
      id: c.req.valid("param").id,
      ifMatch: c.req.header("if-match"),
      input: (c.req.valid("json") ?? {}) as I,
    });
    return c.json(presentRequest(row, viewer, { detail: true }), 200, { etag: etagOf(row.version) });
  }) as never;
}

export const dispatchServiceRequest: RouteHandler<R.DispatchServiceRequestRoute, AppEnv> = transition(dispatch);
export const acceptServiceRequest: RouteHandler<R.AcceptServiceRequestRoute, AppEnv> = transition(accept);
export const declineServiceRequest: RouteHandler<R.DeclineServiceRequestRoute, AppEnv> = transition(decline);
export const transferServiceRequest: RouteHandler<R.TransferServiceRequestRoute, AppEnv> = transition(transfer);
export const startServiceRequest: RouteHandler<R.StartServiceRequestRoute, AppEnv> = transition(start);
export const resolveServiceRequest: RouteHandler<R.ResolveServiceRequestRoute, AppEnv> = transition(resolve);
export const rateServiceRequest: RouteHandler<R.RateServiceRequestRoute, AppEnv> = transition(rate);
export const closeServiceRequest: RouteHandler<R.CloseServiceRequestRoute, AppEnv> = transition(close);
export const withdrawServiceRequest: RouteHandler<R.WithdrawServiceRequestRoute, AppEnv> = transition(withdraw);
export const markServiceRequestDuplicate: RouteHandler<R.MarkServiceRequestDuplicateRoute, AppEnv> = transition(markDuplicate);
export const markServiceRequestInvalid: RouteHandler<R.MarkServiceRequestInvalidRoute, AppEnv> = transition(markInvalid);
export const reopenServiceRequest: RouteHandler<R.ReopenServiceRequestRoute, AppEnv> = transition(reopen);
