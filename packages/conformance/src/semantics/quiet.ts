import { deref, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";

/**
 * The numbers a response schema declares, found in a body, that are not 0: `[pointer, value]`.
 * Only declared properties are read, so a schema-valid extra property (the schemas allow them)
 * never makes an empty window look busy.
 */
export function declaredNonZero(doc: OpenApiDocument, op: Operation, body: unknown): [string, unknown][] {
  const response = deref(doc, op.responses["200"] ?? { description: "" });
  const schema = (response as { content?: Record<string, { schema?: SchemaObject }> }).content?.["application/json"]?.schema;
  const found: [string, unknown][] = [];
  walk(doc, schema, body, "", found);
  return found;
}

function walk(doc: OpenApiDocument, schemaRef: SchemaObject | undefined, value: unknown, at: string, found: [string, unknown][]): void {
  if (!schemaRef) return;
  const schema = deref<SchemaObject>(doc, schemaRef);
  const type = schema.type;
  if (type === "integer" || type === "number") {
    if (value !== 0) found.push([at || "/", value]);
    return;
  }
  const properties = schema.properties as Record<string, SchemaObject> | undefined;
  if (!properties || typeof value !== "object" || value === null) return;
  for (const [name, sub] of Object.entries(properties)) {
    if (name in value) walk(doc, sub, (value as Record<string, unknown>)[name], `${at}/${name}`, found);
  }
}
