import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Checks answers against the contract: the JSON Schema an OpenAPI 3.1 document declares for an
 * operation's response, with its `$ref`s into components resolved inside the same document.
 */
export function responseValidator(doc: { paths: Record<string, Record<string, any>> }) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const base = "https://fengqiao.invalid/openapi.json";
  ajv.addSchema({ ...doc, $id: base });
  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
  const compiled = new Map<string, ReturnType<typeof ajv.compile> | null>();
  /** Why `body` is not what the contract says `method path` answers with `status`, or undefined. */
  return (path: string, method: string, status: number, contentType: string, body: unknown): string | undefined => {
    const key = `${method} ${path} ${status} ${contentType}`;
    if (!compiled.has(key)) {
      const schema = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.[contentType]?.schema;
      compiled.set(key, schema ? ajv.compile({ $ref: `${base}#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", contentType, "schema")}` }) : null);
    }
    const validate = compiled.get(key);
    if (validate === null) return `the contract declares no ${contentType} answer ${status} for ${method} ${path}`;
    if (validate!(body)) return undefined;
    return ajv.errorsText(validate!.errors, { dataVar: "body" });
  };
}
