import { compileInvariant, isReference, resolvePointer, type Invariant, type Node, type OpenApiDocument } from "@agent-analytics/contract";

const targets = new WeakMap<OpenApiDocument, Map<string, Record<string, unknown>>>();

/** `$ref` targets, looked up once per document. */
function target(doc: OpenApiDocument, ref: string): Record<string, unknown> {
  let map = targets.get(doc);
  if (!map) targets.set(doc, (map = new Map()));
  let found = map.get(ref);
  if (!found) map.set(ref, (found = resolvePointer(doc, ref) as Record<string, unknown>));
  return found;
}

const ALTERNATIVES = ["anyOf", "oneOf"] as const;

export interface SchemaInvariantSite {
  node: Node;
  /** The object the invariant is about: its fields are the invariant's names. */
  instance: Record<string, unknown>;
}

/** What the walk reads off one schema object, worked out once per schema (documents are not modified while served). */
interface SchemaStep {
  ref: object | undefined;
  allOf: unknown[] | undefined;
  /** `anyOf` then `oneOf` branches, each with its declared type list (undefined: any type). */
  alternatives: { sub: unknown; types: unknown[] | undefined }[];
  items: unknown;
  properties: Record<string, unknown> | undefined;
  extra: unknown;
  invariants: Node[] | undefined;
}

const steps = new WeakMap<object, SchemaStep>();

function stepOf(doc: OpenApiDocument, s: Record<string, unknown>): SchemaStep {
  let step = steps.get(s);
  if (step) return step;
  const alternatives: SchemaStep["alternatives"] = [];
  for (const k of ALTERNATIVES) {
    const branches = s[k] as unknown[] | undefined;
    if (branches) for (const sub of branches) alternatives.push({ sub, types: declaredTypes(doc, sub) });
  }
  const invariants = s["x-invariants"] as Invariant[] | undefined;
  step = {
    ref: isReference(s) ? target(doc, s.$ref) : undefined,
    allOf: s.allOf as unknown[] | undefined,
    alternatives,
    items: s.items,
    properties: s.properties as Record<string, unknown> | undefined,
    extra: typeof s.additionalProperties === "object" ? s.additionalProperties : undefined,
    invariants: invariants?.map((inv) => compileInvariant(inv.expr)),
  };
  steps.set(s, step);
  return step;
}

function declaredTypes(doc: OpenApiDocument, schema: unknown): unknown[] | undefined {
  let s = schema as Record<string, unknown>;
  while (isReference(s)) s = target(doc, s.$ref);
  if (s.type === undefined) return undefined;
  return Array.isArray(s.type) ? s.type : [s.type];
}

function typeMatches(types: unknown[] | undefined, value: unknown): boolean {
  if (types === undefined) return true;
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
  // A scalar holds no instance and nothing dirty (and with no `dirty`, what a walk returns is unused):
  // most of a body's values, so they are not walked into.
  const walk = (node: unknown, v: unknown, depth: number): boolean => {
    if (typeof v !== "object" || v === null) return false;
    if (typeof node !== "object" || node === null || depth > 64) return false;
    const s = stepOf(doc, node as Record<string, unknown>);
    if (s.ref) return walk(s.ref, v, depth + 1);
    let changed = dirty === undefined || dirty.has(v);
    if (s.allOf) for (const sub of s.allOf) changed = walk(sub, v, depth + 1) || changed;
    for (const alt of s.alternatives) if (typeMatches(alt.types, v)) changed = walk(alt.sub, v, depth + 1) || changed;
    if (Array.isArray(v)) {
      if (s.items) for (const item of v) changed = walk(s.items, item, depth + 1) || changed;
    } else {
      const { properties, extra } = s;
      if (properties || extra) {
        const object = v as Record<string, unknown>;
        for (const key in object) {
          const sub = properties?.[key] ?? extra;
          if (sub) changed = walk(sub, object[key], depth + 1) || changed;
        }
      }
    }
    if (changed && s.invariants && !Array.isArray(v)) {
      for (const node of s.invariants) sites.push({ node, instance: v as Record<string, unknown> });
    }
    return changed;
  };
  walk(schema, value, 0);
  return sites;
}
