import { compileInvariant, type Invariant, type Node, type SchemaObject } from "@agent-analytics/contract";

/** `total == a + b + c` on an object schema: `total` is computed from its parts. */
export interface Derivation {
  field: string;
  parts: string[];
}

const cache = new WeakMap<SchemaObject, Derivation[]>();

/**
 * The totals an object schema's own invariants define as sums of its other fields, read once per
 * schema. The generator fills them in as soon as the parts exist, so the common "total equals the
 * sum of its parts" never has to be repaired; anything less plain is left to the solver.
 */
export function derivationsOf(schema: SchemaObject): Derivation[] {
  let found = cache.get(schema);
  if (found) return found;
  found = [];
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const invariant of (schema["x-invariants"] as Invariant[] | undefined) ?? []) {
    let tree: Node;
    try {
      tree = compileInvariant(invariant.expr);
    } catch {
      continue;
    }
    if (tree.kind !== "binary" || tree.operator !== "==") continue;
    for (const [single, sum] of [
      [tree.left, tree.right],
      [tree.right, tree.left],
    ] as const) {
      const parts = sumOfNames(sum);
      if (single.kind === "identifier" && parts && parts.length > 1 && [single.name, ...parts].every((n) => n in properties)) {
        found.push({ field: single.name, parts });
        break;
      }
    }
  }
  cache.set(schema, found);
  return found;
}

function sumOfNames(node: Node): string[] | undefined {
  if (node.kind === "identifier") return [node.name];
  if (node.kind !== "binary" || node.operator !== "+") return undefined;
  const left = sumOfNames(node.left);
  const right = sumOfNames(node.right);
  return left && right ? [...left, ...right] : undefined;
}

export function applyDerivations(out: Record<string, unknown>, derivations: Derivation[]): void {
  for (const { field, parts } of derivations) {
    let total = 0;
    for (const part of parts) {
      const value = out[part];
      if (typeof value !== "number") return;
      total += value;
    }
    out[field] = total;
  }
}
