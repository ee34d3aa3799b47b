import { compileInvariant, isReference, resolvePointer, type Invariant, type Node, type OpenApiDocument } from "@agent-analytics/spec";

export interface SchemaInvariantSite {
  node: Node;
  /** The object the invariant is about: its fields are the invariant's names. */
  instance: Record<string, unknown>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeMatches(doc: OpenApiDocument, schema: unknown, value: unknown): boolean {
  let s = schema as Record<string, unknown>;
  while (isReference(s)) s = resolvePointer(doc, s.$ref) as Record<string, unknown>;
  if (s.type === undefined) return true;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/**
 * Every schema-level invariant that applies somewhere in `value`, deepest first: parts are settled
 * before the wholes that are computed from them. Mirrors how the contract's checker walks a body.
 */
export function schemaInvariantSites(doc: OpenApiDocument, schema: unknown, value: unknown): SchemaInvariantSite[] {
  const sites: SchemaInvariantSite[] = [];
  const walk = (node: unknown, v: unknown, seen: Set<string>) => {
    if (typeof node !== "object" || node === null) return;
    let s = node as Record<string, unknown>;
    if (isReference(s)) {
      if (seen.has(s.$ref)) return;
      seen = new Set(seen).add(s.$ref);
      s = resolvePointer(doc, s.$ref) as Record<string, unknown>;
      walk(s, v, seen);
      return;
    }
    for (const sub of (s.allOf as unknown[] | undefined) ?? []) walk(sub, v, seen);
    for (const k of ["anyOf", "oneOf"] as const) {
      for (const sub of (s[k] as unknown[] | undefined) ?? []) if (typeMatches(doc, sub, v)) walk(sub, v, seen);
    }
    if (Array.isArray(v) && s.items) v.forEach((item) => walk(s.items, item, new Set()));
    if (isPlainObject(v)) {
      const properties = (s.properties as Record<string, unknown> | undefined) ?? {};
      for (const [key, item] of Object.entries(v)) {
        const sub = properties[key] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
        if (sub) walk(sub, item, new Set());
      }
    }
    const invariants = s["x-invariants"] as Invariant[] | undefined;
    if (invariants && isPlainObject(v)) {
      for (const inv of invariants) sites.push({ node: compileInvariant(inv.expr), instance: v });
    }
  };
  walk(schema, value, new Set());
  return sites;
}
