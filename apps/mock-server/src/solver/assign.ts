import type { SchemaObject, Value } from "@agent-analytics/contract";
import { schemaAt } from "../generate/schema-tools.js";
import { read, write, type Location, type SolveContext } from "./scope.js";

/** Writes a solved value, in the representation the location's schema asks for. */
export function assign(ctx: SolveContext, loc: Location, value: Value, asDate = false): boolean {
  const schema = schemaAt(ctx.gen.doc, loc.container, loc.key);
  let out: unknown = value;
  if (asDate) {
    if (typeof value !== "number" || !Number.isFinite(value)) return false;
    out = formatDate(value, schema, read(loc));
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) return false;
    if (isIntegerSchema(schema)) out = Math.round(value);
  }
  write(loc, out);
  return true;
}

function isIntegerSchema(schema: SchemaObject | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("integer")) return true;
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  return branches?.some((b) => b.type === "integer") ?? false;
}

/**
 * Epoch milliseconds as the field writes dates: a `date` is `YYYY-MM-DD`, a `date-time` an ISO
 * instant, and a patterned string the first ISO rendering its pattern accepts.
 */
/** Compiled `pattern` keywords: a document has few. */
const patterns = new Map<string, RegExp>();

export function formatDate(ms: number, schema: SchemaObject | undefined, previous?: unknown): string {
  const iso = new Date(ms).toISOString();
  const candidates = [iso, iso.replace(".000Z", "Z"), iso.slice(0, 19), iso.slice(0, 10)];
  const pattern = findKeyword(schema, "pattern");
  if (typeof pattern === "string") {
    let re = patterns.get(pattern);
    if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
    const fit = candidates.find((c) => re.test(c));
    if (fit) return fit;
  }
  const format = findKeyword(schema, "format");
  if (format === "date") return iso.slice(0, 10);
  if (format === "date-time") return iso;
  if (typeof previous === "string" && /^\d{4}-\d{2}-\d{2}$/.test(previous)) return iso.slice(0, 10);
  return iso;
}

function findKeyword(schema: SchemaObject | undefined, keyword: string): unknown {
  if (!schema) return undefined;
  if (keyword in schema) return schema[keyword];
  const branches = (schema.anyOf ?? schema.oneOf) as SchemaObject[] | undefined;
  for (const branch of branches ?? []) if (keyword in branch) return branch[keyword];
  return undefined;
}
