import type { OpenApiDocument, SchemaObject } from "./document.js";
import { checkInvariant, type Invariant } from "./invariants/index.js";
import type { Operation } from "./operations.js";
import type { ParsedRequest } from "./request.js";
import { isReference, resolvePointer, schemaName } from "./refs.js";

export interface InvariantFailure {
  invariant: Invariant;
  /** Where it is declared: `#/components/schemas/X`, or `operationId 200` for an operation's response. */
  declaredOn: string;
  /** JSON pointer of the instance it was checked on, inside the response body. */
  pointer: string;
  reason: string;
}

/** Every schema-level invariant that applies to `instance`, found by walking it with its schema. */
export function checkSchemaInvariants(doc: OpenApiDocument, schema: SchemaObject, instance: unknown): InvariantFailure[] {
  const failures: InvariantFailure[] = [];
  const seen = new Set<string>();

  const walk = (node: unknown, value: unknown, pointer: string, declaredOn: string) => {
    if (typeof node !== "object" || node === null) return;
    const s = node as Record<string, unknown>;
    if (isReference(node)) {
      const ref = node.$ref;
      const key = `${ref}@${pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      const name = schemaName(ref);
      walk(resolvePointer(doc, ref), value, pointer, name ? `#/components/schemas/${name}` : ref);
    }
    const invariants = s["x-invariants"] as Invariant[] | undefined;
    if (invariants) {
      // The instance itself is the scope: its fields are the bare names, and `this` is the instance.
      const scope = isPlainObject(value) ? value : { this: value };
      for (const invariant of invariants) {
        const outcome = checkInvariant(invariant, scope);
        if (!outcome.ok) failures.push({ invariant, declaredOn, pointer, reason: outcome.reason });
      }
    }
    for (const sub of (s.allOf as unknown[] | undefined) ?? []) walk(sub, value, pointer, declaredOn);
    for (const key of ["anyOf", "oneOf"] as const) {
      for (const sub of (s[key] as unknown[] | undefined) ?? []) {
        if (admitsType(doc, sub, value)) walk(sub, value, pointer, declaredOn);
      }
    }
    if (Array.isArray(value) && s.items) {
      value.forEach((item, i) => walk(s.items, item, `${pointer}/${i}`, `${declaredOn}/items`));
    }
    if (isPlainObject(value)) {
      const properties = (s.properties as Record<string, unknown> | undefined) ?? {};
      for (const [key, item] of Object.entries(value)) {
        const sub = properties[key] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
        if (sub) walk(sub, item, `${pointer}/${key}`, `${declaredOn}/${key}`);
      }
    }
  };

  walk(schema, instance, "", "(response)");
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
    return outcome.ok ? [] : [{ invariant, declaredOn: `${operation.operationId} ${exchange.status}`, pointer: "", reason: outcome.reason }];
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
