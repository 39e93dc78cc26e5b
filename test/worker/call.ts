import { exports } from "cloudflare:workers";

/** A request to the Worker build's own `fetch`, as if from the internet. */
export const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://fq.test${path}`, init));
