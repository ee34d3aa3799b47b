import type { Operation } from "./operations.js";
import { pointerSegment } from "./refs.js";

/** Pointer to an operation object inside the document. */
export function operationPointer(operation: Operation): string {
  return `#/paths/${pointerSegment(operation.path)}/${operation.method}`;
}

/**
 * Pointer to the schema of a response. Responses that are `$ref`s to `components/responses` are
 * addressed there, since a pointer cannot pass through a reference.
 */
export function responseSchemaPointer(operation: Operation, status: string, mediaType: string): string {
  return `${responsePointer(operation, status)}/content/${pointerSegment(mediaType)}/schema`;
}

/** Pointer to an operation's response object for a status (its component, when it is a `$ref`). */
export function responsePointer(operation: Operation, status: string): string {
  const raw = operation.object.responses[status];
  return raw && "$ref" in raw ? (raw.$ref as string) : `${operationPointer(operation)}/responses/${pointerSegment(status)}`;
}

export function requestBodySchemaPointer(operation: Operation, mediaType: string): string {
  const raw = operation.object.requestBody;
  const base = raw && "$ref" in raw ? (raw.$ref as string) : `${operationPointer(operation)}/requestBody`;
  return `${base}/content/${pointerSegment(mediaType)}/schema`;
}
