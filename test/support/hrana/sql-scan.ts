// SQL scanning. The `libsql` binding exposes neither the prepare tail nor parameter names, and
// silently ignores everything after the first statement, so we tokenize just enough ourselves:
// statement count, statement kind and the parameter slots in SQLite's numbering.

export interface SqlInfo {
  count: number;
  kind: "insert" | "iud" | "other";
  first: string; // first keyword, upper-case
  params: (string | null)[]; // slot i holds the name of parameter i+1 (null for plain `?`)
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

export function scanSql(sql: string): SqlInfo {
  let count = 0;
  let tokens = 0; // tokens in the current statement
  let depth = 0; // parentheses, to find the main verb of WITH statements
  let words: { w: string; depth: number }[] = [];
  let trigger = false; // inside CREATE TRIGGER, `;` only ends the statement after the body's END
  let block = 0; // BEGIN/CASE ... END nesting inside a trigger body
  const params: (string | null)[] = [];
  const named = new Map<string, number>();
  let first: { w: string; depth: number }[] | undefined;

  const addParam = (name: string | null, index?: number) => {
    if (count > 0) return; // only the first statement is ever executed
    if (name !== null && named.has(name)) return;
    const i = index ?? params.length + 1;
    while (params.length < i) params.push(null);
    params[i - 1] = name;
    if (name !== null) named.set(name, i);
  };
  const endStatement = () => {
    if (tokens > 0) {
      if (count === 0) first = words;
      count++;
    }
    tokens = 0;
    depth = 0;
    words = [];
    trigger = false;
    block = 0;
  };

  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === ";" && !(trigger && block > 0)) {
      endStatement();
      i++;
    } else {
      tokens++;
      if (c === "'" || c === '"' || c === "`" || c === "[") {
        const close = c === "[" ? "]" : c;
        let j = i + 1;
        for (;;) {
          const k = sql.indexOf(close, j);
          if (k < 0) { j = sql.length; break; }
          if (close !== "]" && sql[k + 1] === close) { j = k + 2; continue; } // doubled quote escape
          j = k + 1;
          break;
        }
        i = j;
      } else if (c === "?") {
        let j = i + 1;
        while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
        if (j > i + 1) addParam(sql.slice(i, j), Number(sql.slice(i + 1, j)));
        else addParam(null);
        i = j;
      } else if ((c === ":" || c === "@" || c === "$") && next !== undefined && WORD.test(next)) {
        let j = i + 1;
        while (j < sql.length && WORD.test(sql[j]!)) j++;
        addParam(sql.slice(i, j));
        i = j;
      } else if (WORD.test(c)) {
        let j = i + 1;
        while (j < sql.length && WORD.test(sql[j]!)) j++;
        const w = sql.slice(i, j).toUpperCase();
        words.push({ w, depth });
        if (w === "TRIGGER" && words[0]?.w === "CREATE" && words.length <= 3) trigger = true;
        if (trigger && (w === "BEGIN" || (w === "CASE" && block > 0))) block++;
        if (trigger && w === "END" && block > 0) block--;
        i = j;
      } else {
        if (c === "(") depth++;
        if (c === ")") depth--;
        i++;
      }
    }
  }
  endStatement();

  const ws = first ?? [];
  let verb = ws[0]?.w ?? "";
  if (verb === "WITH") {
    verb = ws.find((x, k) => k > 0 && x.depth === 0 && /^(SELECT|VALUES|INSERT|REPLACE|UPDATE|DELETE)$/.test(x.w))?.w ?? "";
  }
  const kind = verb === "INSERT" || verb === "REPLACE" ? "insert" : verb === "UPDATE" || verb === "DELETE" ? "iud" : "other";
  return { count, kind, first: ws[0]?.w ?? "", params };
}
