import type { Fengqiao } from "../client.js";

/** Base of every namespace: holds the client. Methods are one line each over `call` / `list`. */
export abstract class Resource {
  constructor(protected readonly client: Fengqiao) {}
}
