import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { AppError, problems, type ProblemCode } from "../lib/problem.ts";

/** Problem `type` URIs dereference to a short description, so a developer can look one up. */
export const problemPages = new Hono<AppEnv>().get("/problems/:code", (c) => {
  const code = c.req.param("code");
  if (!Object.hasOwn(problems, code)) throw new AppError("not_found", "No such problem type.");
  const p = problems[code as ProblemCode];
  return c.json({ type: `/problems/${code}`, title: p.title, status: p.status });
});
