import { inputRules } from "./input-rules.js";
import type { OpenApiDocument, SchemaObject } from "./document.js";
import { checkInvariant, type Invariant } from "./invariants/index.js";
import type { Operation } from "./operations.js";
import { operationPointer, parameterPointer, requestBodySchemaPointer } from "./pointers.js";
import { deref, pointerSegment } from "./refs.js";
import type { ContractValidator } from "./validator.js";

export interface RawRequest {
  pathParams: Record<string, string>;
  /** As parsed from the query string: a repeated key gives an array. */
  query: Record<string, string | string[] | undefined>;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface RequestIssue {
  /** `request` for a relation between parameters (`x-request-invariants`). */
  in: "path" | "query" | "header" | "body" | "request";
  /** Parameter name, or a JSON pointer into the body. */
  name: string;
  message: string;
  /** The rule the request breaks, as a rule address (docs/invariants.md, "Provenance"). */
  rule?: string;
}

/** Parameter values typed by their schemas, with documented defaults applied. */
export interface ParsedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

export type RequestParseResult = { ok: true; request: ParsedRequest } | { ok: false; issues: RequestIssue[] };

/**
 * Validates a request's parameters and body against the operation, driven by the document alone:
 * types come from each parameter's schema, bounds and formats are checked by JSON Schema.
 */
export function parseRequest(
  doc: OpenApiDocument,
  validator: ContractValidator,
  operation: Operation,
  raw: RawRequest,
): RequestParseResult {
  const issues: RequestIssue[] = [];
  const parsed: ParsedRequest = { path: {}, query: {}, headers: {}, body: raw.body };

  operation.parameters.forEach((param) => {
    if (param.in === "cookie") return;
    const paramPointer = parameterPointer(doc, operation, param);
    const source =
      param.in === "path" ? raw.pathParams : param.in === "query" ? raw.query : raw.headers;
    const key = param.in === "header" ? param.name.toLowerCase() : param.name;
    const value = source[key];
    const target = param.in === "header" ? parsed.headers : param.in === "path" ? parsed.path : parsed.query;
    const schema = param.schema ? deref<SchemaObject>(doc, param.schema) : undefined;

    if (value === undefined || value === "") {
      if (param.required) issues.push({ in: param.in, name: param.name, message: "is required", ...(paramPointer ? { rule: `${paramPointer}/required` } : {}) });
      else if (schema && "default" in schema) target[param.name] = schema.default;
      return;
    }
    if (Array.isArray(value)) {
      issues.push({ in: param.in, name: param.name, message: "must be given once" });
      return;
    }
    const typed = schema ? coerce(doc, schema, value) : value;
    const outside = integerOutsideRules(doc, typed);
    if (outside) {
      issues.push({ in: param.in, name: param.name, message: outside });
      return;
    }
    const invalid = schema && paramPointer ? validator.validate(`${paramPointer}/schema`, typed) : [];
    for (const issue of invalid) issues.push({ in: param.in, name: param.name, message: issue.message, rule: issue.rule });
    target[param.name] = invalid.length === 0 && schema ? clamp(schema, typed) : typed;
  });

  const body = operation.requestBody;
  if (body) {
    const mediaType = Object.keys(body.content)[0] ?? "application/json";
    if (raw.body === undefined) {
      if (body.required) issues.push({ in: "body", name: "", message: "a JSON body is required" });
    } else {
      for (const issue of validator.validate(requestBodySchemaPointer(operation, mediaType), raw.body)) {
        issues.push({ in: "body", name: issue.pointer, message: issue.message, rule: issue.rule });
      }
    }
  }
  if (issues.length === 0) issues.push(...checkRequestInvariants(operation, parsed));
  return issues.length ? { ok: false, issues } : { ok: true, request: parsed };
}

/**
 * Relations between parameters that JSON Schema cannot state (a range's order, its length, a filter
 * that needs another), declared on the operation as `x-request-invariants`. Checked only on a
 * request whose parameters are each valid, since the expressions presume their types.
 */
export function checkRequestInvariants(operation: Operation, request: ParsedRequest): RequestIssue[] {
  const invariants = (operation.object["x-request-invariants"] as Invariant[] | undefined) ?? [];
  const scope = { path: request.path, query: request.query, headers: request.headers, requestBody: request.body ?? null };
  const at = `${operationPointer(operation)}/x-request-invariants`;
  return invariants.flatMap((invariant) =>
    checkInvariant(invariant, scope).ok
      ? []
      : [{ in: "request" as const, name: invariant.id, message: invariant.description ?? invariant.expr, rule: `${at}/${pointerSegment(invariant.id)}` }],
  );
}

/**
 * `x-clamp-maximum` on a parameter's schema: a larger value is valid and served as that maximum,
 * for parameters the source leaves unbounded (the response shows the value applied).
 */
export const CLAMP_MAXIMUM = "x-clamp-maximum";

function clamp(schema: SchemaObject, value: unknown): unknown {
  const maximum = schema[CLAMP_MAXIMUM];
  return typeof maximum === "number" && typeof value === "number" && value > maximum ? maximum : value;
}

/** The JSON types a schema admits, looking through `$ref`, `anyOf` and `oneOf`. */
export function schemaTypes(doc: OpenApiDocument, schema: SchemaObject): Set<string> {
  const types = new Set<string>();
  const visit = (s: SchemaObject) => {
    const resolved = deref<SchemaObject>(doc, s);
    const t = resolved.type;
    if (typeof t === "string") types.add(t);
    if (Array.isArray(t)) t.forEach((x) => types.add(String(x)));
    for (const key of ["anyOf", "oneOf"] as const) {
      const branches = resolved[key];
      if (Array.isArray(branches)) branches.forEach((b) => visit(b as SchemaObject));
    }
  };
  visit(schema);
  return types;
}

// Query and path values arrive as strings; the schema says what they mean.
function coerce(doc: OpenApiDocument, schema: SchemaObject, value: string): unknown {
  const types = schemaTypes(doc, schema);
  if (types.has("string")) return value;
  // A numeral no finite number holds (`1e309`) stays a string, which the schema then refuses.
  if ((types.has("integer") || types.has("number")) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value))) return Number(value);
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** Why an integer parameter is outside the contract's `x-input-rules.integers`, if it is. */
function integerOutsideRules(doc: OpenApiDocument, value: unknown): string | undefined {
  const range = inputRules(doc).integers;
  if (!range || typeof value !== "number" || !Number.isInteger(value)) return undefined;
  return value < range.minimum || value > range.maximum ? `must be an integer from ${range.minimum} to ${range.maximum}` : undefined;
}

/** A human sentence for a list of issues: `limit (query) must be <= 100; from (query) is required`. */
export function describeIssues(issues: RequestIssue[]): string {
  return issues
    .map((i) =>
      i.in === "request" ? i.message : i.in === "body" ? `body${i.name ? ` ${i.name}` : ""} ${i.message}` : `${i.name} (${i.in}) ${i.message}`,
    )
    .join("; ");
}
