import { STATUS_CODES } from "node:http";
import type { OpenApiDocument, ResponseObject, SchemaObject } from "./document.js";
import { listOperations, responseFor, type Operation, type RouteMatch } from "./operations.js";
import { deref } from "./refs.js";

/** The `x-error-template` extension on a module's error schema: a body with placeholders, and codes by status. */
export interface ErrorTemplate {
  body: unknown;
  codes: Record<string, string>;
}

export interface ErrorResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * The body a server sends for an error, in the module's own format, as declared by the
 * `x-error-template` of the error schema the operation documents for that status (or, for a status
 * it does not document, of any of its error responses). Outside any operation, or for a module
 * without a template, it is an RFC 9457 problem.
 */
export function errorResponse(
  doc: OpenApiDocument,
  operation: Operation | undefined,
  status: number,
  message: string,
): ErrorResponse {
  const found = operation ? templateFor(doc, operation, status) : undefined;
  if (!found) return problem(status, message);
  const code = found.template.codes[String(status)] ?? defaultCode(status);
  return { status, contentType: found.contentType, body: fill(found.template.body, { status, code, message }) };
}

/** An `application/problem+json` body, for requests that reach no operation (unknown path, wrong method). */
export function problem(status: number, detail: string, extra: Record<string, unknown> = {}): ErrorResponse {
  return {
    status,
    contentType: "application/problem+json",
    body: { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail, ...extra },
  };
}

/**
 * The error a request that reaches no operation gets: under a module's prefix (a wrong method on
 * its path, an unknown path under its first segment or base path), that module's 404 or 405 in its
 * own format; outside every module, an RFC 9457 problem. A 405 carries `Allow`.
 */
export function routeErrorResponse(
  doc: OpenApiDocument,
  match: Exclude<RouteMatch, { kind: "operation" }>,
  method: string,
  pathname: string,
): ErrorResponse & { headers: Record<string, string> } {
  const status = match.kind === "not-found" ? 404 : 405;
  const message = match.kind === "not-found" ? `No operation at ${pathname}.` : `${method} is not allowed on ${pathname}.`;
  const operation = match.module === undefined ? undefined : listOperations(doc).find((op) => op.conformanceClass === match.module);
  const response = operation ? errorResponse(doc, operation, status, message) : problem(status, message);
  return { ...response, headers: match.kind === "method-not-allowed" ? { Allow: match.allow.join(", ") } : {} };
}

function templateFor(doc: OpenApiDocument, operation: Operation, status: number) {
  const exact = responseFor(operation, status);
  const candidates: ResponseObject[] = [
    ...(exact ? [exact] : []),
    ...Object.entries(operation.responses)
      .filter(([s]) => /^[45]/.test(s))
      .map(([, r]) => r),
  ];
  const found: { template: ErrorTemplate; contentType: string }[] = [];
  for (const response of candidates) {
    for (const [contentType, media] of Object.entries(response.content ?? {})) {
      if (!media.schema) continue;
      const schema = deref<SchemaObject>(doc, media.schema);
      const template = schema["x-error-template"] as ErrorTemplate | undefined;
      if (template) found.push({ template, contentType });
    }
  }
  // A module with one error schema per status (agentos) names the code of a status in one of them.
  return found.find((f) => String(status) in f.template.codes) ?? found[0];
}

function defaultCode(status: number): string {
  return (STATUS_CODES[status] ?? "error").toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

function fill(node: unknown, values: { status: number; code: string; message: string }): unknown {
  if (typeof node === "string") {
    if (node === "{{status}}") return values.status;
    return node
      .replace(/\{\{code\}\}/g, values.code)
      .replace(/\{\{message\}\}/g, values.message)
      .replace(/\{\{status\}\}/g, String(values.status))
      .replace(/\{\{title\}\}/g, STATUS_CODES[values.status] ?? "Error");
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (typeof node === "object" && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  }
  return node;
}
