// A service's own questions (Open311 attributes, from services.list) as form fields, and the
// answers read back in the types the API checks. Shared by the kiosk and the official-account H5.

/** Labelled fields named `attr:<code>`; informational lines (variable: false) as notices. */
export function attributeFields(service) {
  return [...service.attributes]
    .sort((a, b) => a.order - b.order)
    .map((attr) => {
      if (!attr.variable) return Object.assign(document.createElement("p"), { className: "notice", textContent: attr.description });
      const label = document.createElement("label");
      label.textContent = attr.description + (attr.required ? "" : "（选填）");
      label.append(fieldFor(attr));
      return label;
    });
}

function fieldFor(attr) {
  const name = `attr:${attr.code}`;
  if (attr.datatype === "singlevaluelist") {
    const select = Object.assign(document.createElement("select"), { name, required: attr.required });
    select.append(new Option("请选择", ""), ...attr.values.map((v) => new Option(v.name, v.key)));
    return select;
  }
  if (attr.datatype === "multivaluelist") {
    const group = Object.assign(document.createElement("span"), { className: "checks" });
    for (const v of attr.values) {
      const box = Object.assign(document.createElement("label"), { textContent: v.name });
      box.prepend(Object.assign(document.createElement("input"), { type: "checkbox", name, value: v.key }));
      group.append(box);
    }
    return group;
  }
  if (attr.datatype === "text") return Object.assign(document.createElement("textarea"), { name, rows: 3, required: attr.required });
  const type = { number: "number", datetime: "datetime-local" }[attr.datatype] ?? "text";
  return Object.assign(document.createElement("input"), { name, type, required: attr.required });
}

/** Numbers as numbers, times as RFC 3339 with an offset (the device's wall time), lists as arrays; blanks left out. */
export function attributeAnswers(form, service) {
  const out = {};
  for (const attr of service.attributes) {
    const values = form.getAll(`attr:${attr.code}`).map(String).filter((v) => v !== "");
    if (!attr.variable || values.length === 0) continue;
    if (attr.datatype === "multivaluelist") out[attr.code] = values;
    else if (attr.datatype === "number") out[attr.code] = Number(values[0]);
    else if (attr.datatype === "datetime") out[attr.code] = new Date(values[0]).toISOString();
    else out[attr.code] = values[0];
  }
  return out;
}
