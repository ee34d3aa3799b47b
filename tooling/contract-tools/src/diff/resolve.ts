import { splitPointer } from "../source.js";

export type Json = Record<string, unknown>;

/** Follows a local `$ref` (and any chain of them); sibling keywords of the reference are kept, as in 3.1. */
export function deref(document: unknown, node: unknown, depth = 0): { node: Json; ref?: string } {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return { node: node === true || node === undefined ? {} : { not: {} } };
  const { $ref, ...siblings } = node as Json;
  if (typeof $ref !== "string" || depth > 32) return { node: node as Json };
  let target: unknown = document;
  for (const segment of splitPointer(decodeURIComponent($ref.replace(/^#/, "")))) {
    target = typeof target === "object" && target !== null ? (target as Json)[segment] : undefined;
  }
  if (target === undefined) throw new Error(`unresolved $ref '${$ref}' in a compared contract`);
  const resolved = deref(document, target, depth + 1);
  return { node: { ...resolved.node, ...siblings }, ref: resolved.ref ?? $ref };
}

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
