import type { Body, RequestOptions } from "../types.js";
import { Resource } from "./resource.js";

/** End-user tokens: an app vouches for a user it has identified (a WeChat openid, a verified phone). */
export class Tokens extends Resource {
  /**
   * Exchange a verified identity for a short-lived token. Always sent with the API key, even from
   * a client that holds a token; use the answer with `client.withToken(t.access_token)`.
   */
  exchange(body: Body<"exchangeToken">, o?: RequestOptions) {
    return this.client.call("exchangeToken", { body }, { auth: this.client.options.apiKey, ...o });
  }
}
