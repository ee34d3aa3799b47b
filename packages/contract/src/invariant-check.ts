import type { OpenApiDocument, SchemaObject } from "./document.js";
import { checkInvariant, type Invariant } from "./invariants/index.js";
import type { Operation } from "./operations.js";
import { responsePointer } from "./pointers.js";
import type { ParsedRequest } from "./request.js";
import { isReference, pointerSegment, resolvePointer, schemaName } from "./refs.js";

export interface InvariantFailure {
  invariant: Invariant;
  /** Where it is declared: `#/components/schemas/X`, or `operationId 200` for an operation's response. */
  declaredOn: string;
  /** JSON pointer of the instance it was checked on, inside the response body. */
  pointer: string;
  reason: string;
  /** The invariant's rule address: `<pointer to its x-invariants list>/<id>` (docs/invariants.md, "Provenance"). */
  rule: string;
}

/**
 * Every schema-level invariant that applies to `instance`, found by walking it with its schema.
 * `schemaPointer` says where `schema` is in the document, so that each failure names its rule.
 */
export function checkSchemaInvariants(doc: OpenApiDocument, schema: SchemaObject, instance: unknown, schemaPointer = "#"): InvariantFailure[] {
  const failures: InvariantFailure[] = [];
  const seen = new Set<string>();

  const walk = (node: unknown, value: unknown, pointer: string, declaredOn: string, at: string) => {
    if (typeof node !== "object" || node === null) return;
    const s = node as Record<string, unknown>;
    if (isReference(node)) {
      const ref = node.$ref;
      const key = `${ref}@${pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      const name = schemaName(ref);
      walk(resolvePointer(doc, ref), value, pointer, name ? `#/components/schemas/${name}` : ref, ref);
    }
    const invariants = s["x-invariants"] as Invariant[] | undefined;
    if (invariants) {
      // The instance itself is the scope: its fields are the bare names, and `this` is the instance.
      const scope = isPlainObject(value) ? value : { this: value };
      for (const invariant of invariants) {
        const outcome = checkInvariant(invariant, scope);
        if (!outcome.ok) failures.push({ invariant, declaredOn, pointer, reason: outcome.reason, rule: `${at}/x-invariants/${pointerSegment(invariant.id)}` });
      }
    }
    ((s.allOf as unknown[] | undefined) ?? []).forEach((sub, i) => walk(sub, value, pointer, declaredOn, `${at}/allOf/${i}`));
    for (const key of ["anyOf", "oneOf"] as const) {
      ((s[key] as unknown[] | undefined) ?? []).forEach((sub, i) => {
        if (admitsType(doc, sub, value)) walk(sub, value, pointer, declaredOn, `${at}/${key}/${i}`);
      });
    }
    if (Array.isArray(value) && s.items) {
      value.forEach((item, i) => walk(s.items, item, `${pointer}/${i}`, `${declaredOn}/items`, `${at}/items`));
    }
    if (isPlainObject(value)) {
      const properties = (s.properties as Record<string, unknown> | undefined) ?? {};
      for (const [key, item] of Object.entries(value)) {
        const own = properties[key];
        const sub = own ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
        const subAt = own ? `${at}/properties/${pointerSegment(key)}` : `${at}/additionalProperties`;
        if (sub) walk(sub, item, `${pointer}/${key}`, `${declaredOn}/${key}`, subAt);
      }
    }
  };

  walk(schema, instance, "", "(response)", schemaPointer);
  return failures;
}

/** The context operation-level invariants see: the parsed request and the response. */
export interface ExchangeScope {
  request: ParsedRequest;
  status: number;
  body: unknown;
}

/** Invariants declared on the operation's response for this status (`responses.200.x-invariants`). */
export function checkOperationInvariants(operation: Operation, exchange: ExchangeScope): InvariantFailure[] {
  const response = operation.responses[String(exchange.status)];
  const invariants = response?.["x-invariants"] ?? [];
  const scope = {
    path: exchange.request.path,
    query: exchange.request.query,
    headers: exchange.request.headers,
    requestBody: exchange.request.body ?? null,
    body: exchange.body,
    status: exchange.status,
  };
  return invariants.flatMap((invariant) => {
    const outcome = checkInvariant(invariant, scope);
    const rule = `${responsePointer(operation, String(exchange.status))}/x-invariants/${pointerSegment(invariant.id)}`;
    return outcome.ok ? [] : [{ invariant, declaredOn: `${operation.operationId} ${exchange.status}`, pointer: "", reason: outcome.reason, rule }];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function admitsType(doc: OpenApiDocument, schema: unknown, value: unknown): boolean {
  let s = schema as SchemaObject;
  while (isReference(s)) s = resolvePointer(doc, s.$ref) as SchemaObject;
  const type = s.type;
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  const actual =
    value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" && Number.isInteger(value) ? "integer" : typeof value;
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}
