import type { Body, QueryParams, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** API keys for apps, kiosks, public accounts and integrations (admin credentials only). */
export class Keys extends Resource {
  /** Issue a key. Its `secret` is in this answer only: store it now. */
  create(body: Body<"createApiKey">, o?: RequestOptions) {
    return this.client.call("createApiKey", { body }, o);
  }
  /** Newest first; `await` for a page or `for await` for every key. */
  list(query?: QueryParams<"listApiKeys">, o?: RequestOptions) {
    return this.client.list("listApiKeys", { query }, o);
  }
  get(id: string, o?: RequestOptions) {
    return this.client.call("getApiKey", { path: { id } }, o);
  }
  /** Revoke a key and every end-user token issued through it. */
  revoke(id: string, o?: RequestOptions) {
    return this.client.call("revokeApiKey", { path: { id } }, o);
  }
  /** Replace a key; the old one keeps working for `grace_seconds` so deployed clients can switch. */
  rotate(id: string, body?: Body<"rotateApiKey">, o?: RequestOptions) {
    return this.client.call("rotateApiKey", { path: { id }, body }, o);
  }
}
