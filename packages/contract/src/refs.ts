import type { OpenApiDocument, Reference } from "./document.js";

export function isReference(value: unknown): value is Reference {
  return typeof value === "object" && value !== null && typeof (value as Reference).$ref === "string";
}

const resolved = new WeakMap<OpenApiDocument, Map<string, unknown>>();

/** The value a local JSON pointer (`#/components/schemas/X`) designates, or throws. Memoised per document. */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  let cache = resolved.get(doc);
  if (!cache) resolved.set(doc, (cache = new Map()));
  if (cache.has(ref)) return cache.get(ref);
  const node = walkPointer(doc, ref);
  cache.set(ref, node);
  return node;
}

function walkPointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#")) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) throw new Error(`unresolvable reference ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref` until it reaches a value that is not a reference. */
export function deref<T>(doc: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 32) throw new Error(`reference cycle at ${current.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  return current as T;
}

/** A deep copy with every `$ref` replaced by its target (for data such as examples, not recursive schemas). */
export function derefDeep(doc: OpenApiDocument, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => derefDeep(doc, item));
  if (isReference(value)) return derefDeep(doc, deref(doc, value));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, derefDeep(doc, v)]));
  }
  return value;
}

/** `#/components/schemas/Name` -> `Name`; anything else -> undefined. */
export function schemaName(ref: string): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match?.[1];
}

/** A JSON pointer segment, escaped. */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
