import { deref, HEADER_VALUE, responseFor, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";

/**
 * Values for the headers a response documents without deriving them from the request (`Retry-After`
 * on a 429): the header's example, else its schema's example, default, const or first enum value,
 * else a number at the schema's minimum (at least 1). A status forced with `Prefer: code=` carries
 * them, as Prism's does.
 */
export function documentedHeaderValues(doc: OpenApiDocument, operation: Operation, status: number): Record<string, string> {
  const response = responseFor(operation, status);
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(response?.headers ?? {})) {
    const header = deref<Record<string, unknown>>(doc, raw as Record<string, unknown>);
    if (header[HEADER_VALUE] !== undefined) continue;
    const schema = deref<SchemaObject>(doc, (header.schema ?? {}) as SchemaObject);
    const value = header.example ?? schema.example ?? schema.default ?? schema.const ?? (schema.enum as unknown[] | undefined)?.[0] ?? numeric(schema);
    if (value !== undefined) values[name.toLowerCase()] = String(value);
  }
  return values;
}

function numeric(schema: SchemaObject): number | undefined {
  if (schema.type !== "integer" && schema.type !== "number") return undefined;
  return Math.max(typeof schema.minimum === "number" ? schema.minimum : 1, 1);
}
