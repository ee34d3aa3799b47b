/** A value COPY's text format can carry: objects (jsonb) travel as their JSON text. */
export type CopyValue = string | number | boolean | null | object;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function field(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** Rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes), one line each. */
export function copyText(rows: CopyValue[][]): string {
  let out = "";
  for (const row of rows) out += `${row.map(field).join("\t")}\n`;
  return out;
}
