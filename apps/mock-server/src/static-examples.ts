import { deref, derefDeep, type ExampleObject, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";

export interface StaticExample {
  name: string;
  contentType: string;
  /** Serialized once at start-up: static responses cost nothing per request. */
  body: string;
}

/**
 * The contract's examples of every documented response, by `operationId status`, in document
 * order: named `examples` first, then a schema-level `example` as Prism would use it.
 */
export function indexExamples(doc: OpenApiDocument, operations: Operation[]): Map<string, StaticExample[]> {
  const index = new Map<string, StaticExample[]>();
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const found: StaticExample[] = [];
      for (const [contentType, media] of Object.entries(response.content ?? {})) {
        for (const [name, raw] of Object.entries(media.examples ?? {})) {
          const example = derefDeep(doc, deref<ExampleObject>(doc, raw)) as ExampleObject;
          if (example.value !== undefined) found.push({ name, contentType, body: JSON.stringify(example.value) });
        }
        const schema = media.schema ? deref<SchemaObject>(doc, media.schema) : undefined;
        if (found.length === 0 && schema && "example" in schema) {
          found.push({ name: "example", contentType, body: JSON.stringify(derefDeep(doc, schema.example)) });
        }
      }
      if (found.length) index.set(`${operation.operationId} ${status}`, found);
    }
  }
  return index;
}
