import type { ExampleObject, OpenApiDocument, SchemaObject } from "./document.js";
import { listOperations, type Operation } from "./operations.js";
import { deref, derefDeep } from "./refs.js";
import type { ParsedRequest } from "./request.js";

/** One named example of a response of the contract, with the request it answers. */
export interface ResponseExample {
  operation: Operation;
  status: number;
  mediaType: string;
  name: string;
  value: unknown;
  request: ParsedRequest;
}

/** Every named response example in the document, in document order. */
export function listResponseExamples(doc: OpenApiDocument): ResponseExample[] {
  return listOperations(doc).flatMap((operation) =>
    Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).flatMap(([mediaType, media]) =>
        Object.entries(media.examples ?? {}).map(([name, raw]) => {
          const example = derefDeep(doc, deref<ExampleObject>(doc, raw)) as ExampleObject;
          return {
            operation,
            status: Number(status),
            mediaType,
            name,
            value: example.value,
            request: requestWithDefaults(doc, operation, example["x-request"] ?? {}),
          };
        }),
      ),
    ),
  );
}

/** A typed request as a handler would see it: the given values plus every documented default. */
export function requestWithDefaults(
  doc: OpenApiDocument,
  operation: Operation,
  given: { path?: Record<string, unknown>; query?: Record<string, unknown>; headers?: Record<string, unknown>; body?: unknown },
): ParsedRequest {
  const request: ParsedRequest = {
    path: { ...given.path },
    query: { ...given.query },
    headers: { ...given.headers },
    body: given.body,
  };
  for (const param of operation.parameters) {
    const target = param.in === "path" ? request.path : param.in === "query" ? request.query : request.headers;
    const schema = param.schema ? deref<SchemaObject>(doc, param.schema) : undefined;
    if (target[param.name] === undefined && schema && "default" in schema) target[param.name] = schema.default;
  }
  return request;
}
