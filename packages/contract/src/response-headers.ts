import type { OpenApiDocument } from "./document.js";
import { compileInvariant, evaluate, InvariantEvaluationError } from "./invariants/index.js";
import { responseFor, type Operation } from "./operations.js";
import { responsePointer } from "./pointers.js";
import { deref, pointerSegment } from "./refs.js";
import type { ParsedRequest } from "./request.js";

/**
 * `x-value` on a response header: an expression of the invariant grammar, over the request's roots
 * (`path`, `query`, `headers`, `requestBody`), giving the header's value. It states what a server
 * applied when the body cannot say it (an array body answering a clamped `limit`).
 */
export const HEADER_VALUE = "x-value";

export interface DeclaredHeader {
  name: string;
  value: string;
  /** Rule address of the header (`<response>/headers/<name>`). */
  rule: string;
}

/** Every header the response for `status` declares a value for, computed from the request. */
export function declaredHeaders(doc: OpenApiDocument, operation: Operation, status: number, request: ParsedRequest): DeclaredHeader[] {
  const response = responseFor(operation, status);
  const key = Object.keys(operation.responses).find((k) => operation.responses[k] === response);
  if (!response?.headers || key === undefined) return [];
  const scope = { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null };
  return Object.entries(response.headers).flatMap(([name, raw]) => {
    const header = deref<Record<string, unknown>>(doc, raw as Record<string, unknown>);
    const expr = header[HEADER_VALUE];
    if (typeof expr !== "string") return [];
    let value: unknown;
    try {
      value = evaluate(compileInvariant(expr), scope);
    } catch (error) {
      // A request the expression cannot read (a parameter of the wrong type) has no declared value.
      if (error instanceof InvariantEvaluationError) return [];
      throw error;
    }
    if (value === null || value === undefined) return [];
    return [{ name, value: String(value), rule: `${responsePointer(operation, key)}/headers/${pointerSegment(name)}` }];
  });
}

export interface HeaderIssue {
  name: string;
  message: string;
  rule: string;
}

/** Headers with a declared value that the response leaves out or gives another value. */
export function checkDeclaredHeaders(
  doc: OpenApiDocument,
  operation: Operation,
  status: number,
  request: ParsedRequest,
  headers: Record<string, string | undefined>,
): HeaderIssue[] {
  return declaredHeaders(doc, operation, status, request).flatMap((declared) => {
    const actual = headers[declared.name.toLowerCase()];
    if (actual === declared.value) return [];
    const message = actual === undefined ? `header ${declared.name} is missing` : `header ${declared.name} is ${JSON.stringify(actual)}`;
    return [{ name: declared.name, message: `${message}; expected ${JSON.stringify(declared.value)}`, rule: declared.rule }];
  });
}
