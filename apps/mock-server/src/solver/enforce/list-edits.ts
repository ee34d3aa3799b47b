import type { Node, Value } from "@agent-analytics/contract";
import type { ListView } from "../expression-tree.js";
import { itemName, schemaOfValue, resolveSchema } from "../generate/schema-tools.js";
import { generateValue } from "../generate/value.js";
import { locate, read } from "../locations.js";
import { bind, evalIn, type Location, type SolveScope } from "../solve-context.js";

/** The list an expression designates, with where it lives, when it is part of the body. */
export function listAt(node: Node, scope: SolveScope): { loc: Location; items: unknown[] } | undefined {
  const loc = locate(node, scope);
  const items = loc && read(loc);
  return loc && Array.isArray(items) ? { loc, items } : undefined;
}

/** A scope in which the view's parameter is the element at `index` (writable in place). */
export function elementScope(view: ListView, scope: SolveScope, items: unknown[], index: number): SolveScope {
  return bind(scope, view.param, items[index], { container: items, key: index });
}

/** What an element contributes under a list view (its sort key, identity, or summand). */
function keyOf(view: ListView, scope: SolveScope, items: unknown[], index: number): Value {
  try {
    return evalIn(view.item, elementScope(view, scope, items, index));
  } catch {
    return null;
  }
}

/** Grows a list with fresh elements generated from its item schema, or cuts it, to `length`. */
export function resize(scope: SolveScope, items: unknown[], length: number, name?: string): void {
  const schema = schemaOfValue(items);
  const max = (schema?.maxItems as number | undefined) ?? 1000;
  const wanted = Math.max(0, Math.min(Math.floor(length), max));
  scope.ctx.touch(items);
  if (items.length > wanted) items.length = wanted;
  else if (schema?.items) {
    const { generation } = scope.ctx;
    const itemSchema = resolveSchema(generation.doc, schema.items);
    const element = itemName(schema.items, name ?? "");
    while (items.length < wanted) items.push(generateValue(generation, itemSchema, element, element));
  }
}

/** Sorts in place by the view's key; nulls last. */
export function sortBy(view: ListView, scope: SolveScope, items: unknown[], order: "asc" | "desc"): void {
  scope.ctx.touch(items);
  const keyed = items.map((item, i) => ({ item, key: keyOf(view, scope, items, i) }));
  const sign = order === "asc" ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === b.key) return 0;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return (a.key! < b.key! ? -1 : 1) * sign;
  });
  keyed.forEach((k, i) => (items[i] = k.item));
}

/** Drops later elements whose key repeats an earlier one. */
export function dedupe(view: ListView, scope: SolveScope, items: unknown[]): void {
  scope.ctx.touch(items);
  const seen = new Set<string>();
  const kept = items.filter((_, i) => {
    const key = JSON.stringify(keyOf(view, scope, items, i));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  items.length = 0;
  items.push(...kept);
}

/** Index of the element whose key is least (`min`) or greatest (`max`). */
export function extremeIndex(view: ListView, scope: SolveScope, items: unknown[], which: "min" | "max"): number {
  let best = -1;
  let bestKey: number | undefined;
  items.forEach((_, i) => {
    const key = keyOf(view, scope, items, i);
    if (typeof key !== "number") return;
    if (bestKey === undefined || (which === "min" ? key < bestKey : key > bestKey)) {
      best = i;
      bestKey = key;
    }
  });
  return best;
}
