/**
 * A small RFC 4180 reader (no CSV package is installed): comma-separated fields, CRLF or LF
 * record ends, double-quoted fields that may hold commas, quotes (`""`) and line breaks. Each
 * record carries the physical line it starts on, so errors can point at what a person sees in
 * their spreadsheet or editor. A leading UTF-8 BOM (Excel's "CSV UTF-8") is skipped.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses at most `maxRecords` records; `truncated` says whether more followed. Blank lines are skipped. */
export function parseCsv(text: string, maxRecords = Infinity): { records: CsvRecord[]; truncated: boolean } {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    // Read one record.
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(start, "a quoted field is not closed");
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          value += ch;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new CsvSyntaxError(line, "text follows a closing quote; double any quote inside a quoted field");
        }
      } else {
        let j = i;
        while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") {
          if (text[j] === '"') throw new CsvSyntaxError(line, "a quote inside an unquoted field; quote the whole field");
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (text[i] === ",") {
        i++;
        continue;
      }
      // End of record: CRLF, LF, lone CR, or end of input.
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === "") continue;
    if (records.length >= maxRecords) return { records, truncated: true };
    records.push({ line: start, fields });
  }
  return { records, truncated: false };
}
