import type { OpenApiDocument, ParameterObject } from "./document.js";
import type { Operation } from "./operations.js";
import { deref, isReference, pointerSegment } from "./refs.js";

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

/**
 * Pointer to one of an operation's own parameters: its component when it is a `$ref`, else its place
 * in the operation. Undefined for a parameter the operation does not list itself (a path item's).
 */
export function parameterPointer(doc: OpenApiDocument, operation: Operation, param: ParameterObject): string | undefined {
  const own = operation.object.parameters ?? [];
  const index = own.findIndex((p) => deref<ParameterObject>(doc, p) === param);
  const raw = own[index];
  if (!raw) return undefined;
  return isReference(raw) ? raw.$ref : `${operationPointer(operation)}/parameters/${index}`;
}
