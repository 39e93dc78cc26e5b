import type { AttributeDatatype, ServiceAttribute } from "../../db/schema/services.ts";
import { AppError, type FieldError } from "../../lib/problem.ts";

/** An attribute as clients send it when defining a service (snake_case API shape). */
export interface AttributeInput {
  code: string;
  datatype: AttributeDatatype;
  required?: boolean;
  variable?: boolean;
  order?: number;
  description: string;
  description_en?: string | null;
  datatype_description?: string | null;
  values?: { key: string; name: string; name_en?: string | null }[] | null;
}

const isList = (d: AttributeDatatype) => d === "singlevaluelist" || d === "multivaluelist";

/** Checks a service definition's attributes hang together and converts them to the stored shape. */
export function toStoredAttributes(input: AttributeInput[], pointer = "/body/attributes"): ServiceAttribute[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.forEach((a, i) => {
    if (seen.has(a.code)) errors.push({ pointer: `${pointer}/${i}/code`, detail: "attribute codes must be unique" });
    seen.add(a.code);
    const values = a.values ?? null;
    if (isList(a.datatype) && (!values || values.length === 0)) {
      errors.push({ pointer: `${pointer}/${i}/values`, detail: "list attributes need at least one value" });
    }
    if (!isList(a.datatype) && values && values.length > 0) {
      errors.push({ pointer: `${pointer}/${i}/values`, detail: "only list attributes take values" });
    }
    if (values && new Set(values.map((v) => v.key)).size !== values.length) {
      errors.push({ pointer: `${pointer}/${i}/values`, detail: "value keys must be unique" });
    }
  });
  if (errors.length) throw new AppError("validation_failed", "The attribute definitions are inconsistent.", { extensions: { errors } });
  return input.map((a, i) => ({
    code: a.code,
    datatype: a.datatype,
    required: a.required ?? false,
    variable: a.variable ?? true,
    order: a.order ?? i + 1,
    description: a.description,
    descriptionEn: a.description_en ?? null,
    datatypeDescription: a.datatype_description ?? null,
    values: isList(a.datatype) ? (a.values ?? []).map((v) => ({ key: v.key, name: v.name, nameEn: v.name_en ?? null })) : null,
  }));
}
