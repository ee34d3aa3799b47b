import { deref, responseFor, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";

/**
 * The top-level shape a body must have for a status: the documented schema's type, its required
 * top-level properties and its `const` values (`success: true`, `success: false`). For an RFC 9457
 * problem, `status` must repeat the HTTP status. Returns what is wrong, or nothing.
 */
export function envelopeIssues(doc: OpenApiDocument, operation: Operation, status: number, mediaType: string | undefined, body: unknown): string[] {
  const response = responseFor(operation, status);
  const media = response?.content?.[mediaType ?? ""] ?? Object.values(response?.content ?? {})[0];
  if (!media?.schema) return [];
  const schema = deref<SchemaObject>(doc, media.schema);
  const issues: string[] = [];
  const type = schema.type;
  if (type === "array") return Array.isArray(body) ? [] : ["the body must be an array"];
  if (type !== "object" && !schema.required) return [];
  if (typeof body !== "object" || body === null || Array.isArray(body)) return ["the body must be a JSON object"];
  const record = body as Record<string, unknown>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in record)) issues.push(`top-level property '${name}' is missing`);
  }
  const properties = (schema.properties as Record<string, SchemaObject> | undefined) ?? {};
  for (const [name, sub] of Object.entries(properties)) {
    const resolved = deref<SchemaObject>(doc, sub);
    if ("const" in resolved && name in record && record[name] !== resolved.const) {
      issues.push(`'${name}' must be ${JSON.stringify(resolved.const)}, got ${JSON.stringify(record[name])}`);
    }
  }
  if (mediaType === "application/problem+json" && "status" in record && record.status !== status) {
    issues.push(`problem 'status' ${JSON.stringify(record.status)} differs from the HTTP status ${status}`);
  }
  return issues;
}
