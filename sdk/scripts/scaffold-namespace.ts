import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

/**
 * `npm run sdk:scaffold -- --tag "Service requests" --name requests --strip ServiceRequests --strip ServiceRequest`
 * writes sdk/src/resources/requests.ts: one method per operation of that tag (and/or whose
 * operationId matches `--match <regex>`), named by the operationId without the nouns
 * (`dispatchServiceRequest` → `dispatch`), typed from the generated contract. Review the names,
 * then wire it in (sdk/README.md, "Adding a namespace").
 */
const { values } = parseArgs({
  options: {
    tag: { type: "string" },
    match: { type: "string" },
    name: { type: "string" },
    strip: { type: "string", multiple: true },
    force: { type: "boolean" },
    openapi: { type: "string" },
    print: { type: "boolean" },
  },
});
if ((!values.tag && !values.match) || !values.name) {
  console.error('usage: npm run sdk:scaffold -- (--tag "<OpenAPI tag>" | --match <operationId regex>) --name <namespace> [--strip Noun …] [--force] [--print]');
  process.exit(2);
}

type Json = Record<string, any>;
const doc: Json = JSON.parse(readFileSync(values.openapi ?? new URL("../../openapi/openapi.json", import.meta.url), "utf8"));
const strip = (values.strip ?? []).sort((a, b) => b.length - a.length);
const match = values.match ? new RegExp(values.match) : undefined;
const className = values.name.charAt(0).toUpperCase() + values.name.slice(1);

/** The operationId without the first of the nouns it contains (longest first, so plurals win). */
function methodName(operationId: string): string {
  const noun = strip.find((n) => operationId.includes(n));
  return (noun && operationId.replace(noun, "")) || operationId;
}

const isPage = (op: Json) => {
  const schema = op.responses?.["200"]?.content?.["application/json"]?.schema;
  const ref: string | undefined = schema?.$ref;
  const target = ref ? doc.components.schemas[ref.split("/").pop()!] : schema;
  return Boolean(target?.properties?.data && target?.properties?.has_more);
};

const methods: string[] = [];
const imports = new Set<string>(["RequestOptions"]);
for (const [path, item] of Object.entries<Json>(doc.paths)) {
  for (const [, op] of Object.entries<Json>(item)) {
    if (!op?.operationId) continue;
    if (values.tag && !(op.tags ?? []).includes(values.tag)) continue;
    if (match && !match.test(op.operationId)) continue;
    const id: string = op.operationId;
    const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    const args = pathParams.map((p) => `${camel(p)}: string`);
    const input: string[] = [];
    if (pathParams.length) input.push(`path: { ${pathParams.map((p) => (camel(p) === p ? p : `${p}: ${camel(p)}`)).join(", ")} }`);
    const hasQuery = (op.parameters ?? []).some((p: Json) => p.in === "query");
    if (hasQuery) {
      imports.add("QueryParams");
      args.push(`query?: QueryParams<"${id}">`);
      input.push("query");
    }
    if (op.requestBody) {
      imports.add("Body");
      args.push(`body${op.requestBody.required ? "" : "?"}: Body<"${id}">`);
      input.push("body");
    }
    args.push("o?: RequestOptions");
    const needsIfMatch = (op.parameters ?? []).some((p: Json) => p.in === "header" && p.name.toLowerCase() === "if-match");
    const summary = String(op.summary ?? id).replace(/([^.。!?])$/, "$1.");
    const doc = needsIfMatch ? `${summary} Send the ETag you read as \`{ ifMatch }\`.` : summary;
    const verb = isPage(op) ? "list" : "call";
    methods.push(
      `  /** ${doc} */\n  ${methodName(id)}(${args.join(", ")}) {\n    return this.client.${verb}("${id}", { ${input.join(", ")} }, o);\n  }`,
    );
  }
}
if (methods.length === 0) {
  console.error(`no operations match in openapi/openapi.json (tag ${values.tag ?? "any"}, match ${values.match ?? "any"})`);
  process.exit(1);
}

const source = `import type { ${[...imports].sort().join(", ")} } from "../types.js";
import { Resource } from "./resource.js";

/** ${values.tag ?? className}. */
export class ${className} extends Resource {
${methods.join("\n")}
}
`;
const file = new URL(`../src/resources/${values.name}.ts`, import.meta.url);
if (values.print || (existsSync(file) && !values.force)) {
  process.stdout.write(source);
  if (!values.print) console.error(`\n${file.pathname} exists; printed instead (use --force to overwrite)`);
} else {
  writeFileSync(file, source);
  console.log(`wrote sdk/src/resources/${values.name}.ts (${methods.length} methods). Review the names, then:
  - sdk/src/resources/index.ts:  export { ${className} } from "./${values.name}.js";
  - sdk/src/client.ts (Fengqiao): readonly ${values.name} = new r.${className}(this);
  - a test in sdk/test/, then: npx vitest run --project node sdk/test`);
}
