import { compileInvariant, isReference, resolvePointer, type Invariant, type Node, type OpenApiDocument } from "@agent-analytics/spec";

const targets = new WeakMap<OpenApiDocument, Map<string, Record<string, unknown>>>();

/** `$ref` targets, looked up once per document. */
function target(doc: OpenApiDocument, ref: string): Record<string, unknown> {
  let map = targets.get(doc);
  if (!map) targets.set(doc, (map = new Map()));
  let found = map.get(ref);
  if (!found) map.set(ref, (found = resolvePointer(doc, ref) as Record<string, unknown>));
  return found;
}

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
  while (isReference(s)) s = target(doc, s.$ref);
  if (s.type === undefined) return true;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

/**
 * Every schema-level invariant that applies somewhere in `value`, deepest first: parts are settled
 * before the wholes that are computed from them. Mirrors how the contract's checker walks a body.
 * With `dirty`, only invariants whose instance, or something inside it, is in `dirty` are listed:
 * an invariant sees nothing but its instance, so one that held and saw no change still holds.
 */
export function schemaInvariantSites(doc: OpenApiDocument, schema: unknown, value: unknown, dirty?: Set<object>): SchemaInvariantSite[] {
  const sites: SchemaInvariantSite[] = [];
  // `depth` bounds recursion through `$ref`s (a recursive schema nests as deep as its instance, no deeper).
  // Returns whether `v` or anything inside it is dirty.
  const walk = (node: unknown, v: unknown, depth: number): boolean => {
    if (typeof node !== "object" || node === null || depth > 64) return false;
    const s = node as Record<string, unknown>;
    if (isReference(s)) return walk(target(doc, s.$ref), v, depth + 1);
    let changed = dirty === undefined || (typeof v === "object" && v !== null && dirty.has(v));
    const allOf = s.allOf as unknown[] | undefined;
    if (allOf) for (const sub of allOf) changed = walk(sub, v, depth + 1) || changed;
    for (const k of ["anyOf", "oneOf"] as const) {
      const branches = s[k] as unknown[] | undefined;
      if (branches) for (const sub of branches) if (typeMatches(doc, sub, v)) changed = walk(sub, v, depth + 1) || changed;
    }
    if (Array.isArray(v)) {
      if (s.items) for (const item of v) changed = walk(s.items, item, depth + 1) || changed;
    } else if (isPlainObject(v)) {
      const properties = s.properties as Record<string, unknown> | undefined;
      const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
      if (properties || extra) {
        for (const key in v) {
          const sub = properties?.[key] ?? extra;
          if (sub) changed = walk(sub, v[key], depth + 1) || changed;
        }
      }
    }
    const invariants = s["x-invariants"] as Invariant[] | undefined;
    if (changed && invariants && isPlainObject(v)) {
      for (const inv of invariants) sites.push({ node: compileInvariant(inv.expr), instance: v });
    }
    return changed;
  };
  walk(schema, value, 0);
  return sites;
}
