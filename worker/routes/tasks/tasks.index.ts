import { createRouter } from "../../lib/openapi.ts";
import * as h from "./tasks.handlers.ts";
import * as r from "./tasks.routes.ts";

export const taskRoutes = createRouter()
  .openapi(r.createTask, h.createTask)
  .openapi(r.listTasks, h.listTasks)
  .openapi(r.getTaskSiteCodeQr, h.getTaskSiteCodeQr)
  .openapi(r.getTaskSiteCode, h.getTaskSiteCode)
  .openapi(r.getTask, h.getTask)
  .openapi(r.updateTask, h.updateTask)
  .openapi(r.publishTask, h.publishTask)
  .openapi(r.cancelTask, h.cancelTask)
  .openapi(r.completeTask, h.completeTask);
