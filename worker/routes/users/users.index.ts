import { createRouter } from "../../lib/openapi.ts";
import * as h from "./users.handlers.ts";
import * as r from "./users.routes.ts";

export const usersRouter = createRouter()
  .openapi(r.createUser, h.createUser)
  .openapi(r.listUsers, h.listUsers)
  .openapi(r.getUser, h.getUser)
  .openapi(r.updateUser, h.updateUser)
  .openapi(r.revealUser, h.revealUser);
