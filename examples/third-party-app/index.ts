import { parseArgs } from "node:util";
import { Fengqiao, InvalidTransitionError, responseOf } from "../../sdk/src/index.ts";

/**
 * A third-party app (say, a property-management app) acting for one of its users:
 *
 *   npm run example:app                         who am I; file a request; print its tracking code
 *   npm run example:app -- follow <code> [--wait]   status and timeline (--wait: until resolved)
 *   npm run example:app -- rate <code> <1-5> [comment]
 *
 * FQ_BASE_URL (default http://127.0.0.1:8787); FQ_API_KEY, an `app` key, or FQ_ADMIN_KEY to issue one.
 */
const { positionals, values } = parseArgs({ allowPositionals: true, options: { wait: { type: "boolean" } } });
const baseUrl = process.env.FQ_BASE_URL ?? "http://127.0.0.1:8787";

async function appClient(): Promise<Fengqiao> {
  if (process.env.FQ_API_KEY) return new Fengqiao({ baseUrl, apiKey: process.env.FQ_API_KEY });
  if (!process.env.FQ_ADMIN_KEY) throw new Error("Set FQ_API_KEY (an app key) or FQ_ADMIN_KEY (to issue one); see sdk/README.md, Examples.");
  const key = await new Fengqiao({ baseUrl, apiKey: process.env.FQ_ADMIN_KEY }).keys.create({ name: "Third-party app example", kind: "app" });
  console.log(`issued app key ${key.prefix}… (${key.id}); reuse it with FQ_API_KEY=${key.secret}`);
  return new Fengqiao({ baseUrl, apiKey: key.secret });
}

// The app has already signed this user in its own way; fengqiao trusts the app's word for who it is.
const app = await appClient();
const token = await app.tokens.exchange({ subject_type: "app_user", subject: "pm-app:user-42", display_name: "赵先生", phone: "13800138000" });
const resident = app.withToken(token.access_token);
const me = await resident.me();
console.log(`acting for ${token.user.display_name ?? "?"} (${me.user?.id}, ${me.user?.role}) in ${me.jurisdiction_id}; token expires ${token.expires_at}`);

const requests = resident.requests;

const [command = "file", code, score, ...comment] = positionals;
if (command === "file") {
  const filed = await requests.create({
    service_code: "noise",
    channel: "app",
    description: "楼上装修每天早上七点开始电钻，已持续一周。",
    address: "金沙小区 3 栋 502",
    attributes: { source: "renovation" },
  });
  console.log(`filed: tracking code ${filed.tracking_code} (${filed.status}). Follow it: npm run example:app -- follow ${filed.tracking_code}`);
} else if (command === "follow") {
  for (;;) {
    const request = await requests.get(code!);
    console.log(`${request.tracking_code}: ${request.status}${request.resolution_note ? ` — ${request.resolution_note}` : ""}`);
    if (!values.wait || ["resolved", "rated", "closed", "withdrawn", "duplicate", "invalid"].includes(request.status)) {
      for await (const e of requests.listEvents(request.id)) console.log(`  ${e.at}  ${e.type}${e.note ? `: ${e.note}` : ""}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 10_000));
  }
} else if (command === "rate") {
  const request = await requests.get(code!);
  try {
    // The ETag of what we read: if staff changed the request meanwhile, the API answers 412, not a silent overwrite.
    const rated = await requests.rate(request.id, { score: Number(score), comment: comment.join(" ") || undefined }, { ifMatch: responseOf(request)?.etag });
    console.log(`rated ${score}/5: now ${rated.status}`);
  } catch (err) {
    if (!(err instanceof InvalidTransitionError)) throw err;
    console.log(`cannot rate yet: ${err.detail}`);
  }
} else {
  console.error(`unknown command ${command}; use file, follow or rate`);
  process.exit(2);
}
