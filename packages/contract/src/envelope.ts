import type { OpenApiDocument, SchemaObject } from "./document.js";
import { responseFor, type Operation } from "./operations.js";
import { responseSchemaPointer } from "./pointers.js";
import { deref, isReference, pointerSegment } from "./refs.js";

export interface EnvelopeIssue {
  message: string;
  /** The rule address of what is wrong (a `required` entry, a `const`, the schema's `type`). */
  rule: string;
}

/**
 * The top-level shape a body must have for a status: the documented schema's type, its required
 * top-level properties and its `const` values (`success: true`, `success: false`). For an RFC 9457
 * problem, `status` must repeat the HTTP status. Returns what is wrong, or nothing.
 */
export function envelopeIssues(doc: OpenApiDocument, operation: Operation, status: number, mediaType: string | undefined, body: unknown): EnvelopeIssue[] {
  const response = responseFor(operation, status);
  const entry = Object.entries(response?.content ?? {}).find(([type]) => type === mediaType) ?? Object.entries(response?.content ?? {})[0];
  const statusKey = Object.keys(operation.responses).find((k) => operation.responses[k] === response);
  if (!entry?.[1].schema || statusKey === undefined) return [];
  const [type, media] = entry;
  const at = settle(media.schema as SchemaObject, responseSchemaPointer(operation, statusKey, type));
  const schema = deref<SchemaObject>(doc, media.schema as SchemaObject);
  const issues: EnvelopeIssue[] = [];
  if (schema.type === "array") return Array.isArray(body) ? [] : [{ message: "the body must be an array", rule: `${at}/type` }];
  if (schema.type !== "object" && !schema.required) return [];
  if (typeof body !== "object" || body === null || Array.isArray(body)) return [{ message: "the body must be a JSON object", rule: `${at}/type` }];
  const record = body as Record<string, unknown>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in record)) issues.push({ message: `top-level property '${name}' is missing`, rule: `${at}/required/${pointerSegment(name)}` });
  }
  const properties = (schema.properties as Record<string, SchemaObject> | undefined) ?? {};
  for (const [name, sub] of Object.entries(properties)) {
    const resolved = deref<SchemaObject>(doc, sub);
    if ("const" in resolved && name in record && record[name] !== resolved.const) {
      const where = settle(sub, `${at}/properties/${pointerSegment(name)}`);
      issues.push({ message: `'${name}' must be ${JSON.stringify(resolved.const)}, got ${JSON.stringify(record[name])}`, rule: `${where}/const` });
    }
  }
  if (mediaType === "application/problem+json" && "status" in record && record.status !== status) {
    issues.push({ message: `problem 'status' ${JSON.stringify(record.status)} differs from the HTTP status ${status}`, rule: at });
  }
  return issues;
}

/** Where a schema's keywords are: the target of its `$ref`, or where it is written. */
function settle(schema: SchemaObject, pointer: string): string {
  return isReference(schema) ? schema.$ref : pointer;
}
