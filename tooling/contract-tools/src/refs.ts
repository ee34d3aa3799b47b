/**
 * Broken `$ref`s, found in the module a contributor edited before the merged document reaches
 * openapi-typescript (which would report them against the merged document, with a stack trace).
 * Each module is a standalone document, so every reference must resolve inside its own file.
 */
import type { ModuleDocument } from "./merge.js";
import { ContractSourceError, joinPointer, splitPointer } from "./source.js";

export function brokenRefs(module: ModuleDocument): ContractSourceError[] {
  const errors: ContractSourceError[] = [];
  const visit = (node: unknown, at: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...at, i]));
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const problem = refProblem(module.document, value);
        if (problem) {
          const pointer = joinPointer([...at, key]);
          errors.push(new ContractSourceError({ file: module.file, pointer, position: module.locate?.(pointer) }, problem));
        }
      } else {
        visit(value, [...at, key]);
      }
    }
  };
  visit(module.document, []);
  return errors;
}

function refProblem(document: unknown, ref: string): string | undefined {
  if (!ref.startsWith("#")) return `$ref '${ref}' points outside the module; each module must be one standalone document`;
  let node: unknown = document;
  const segments = splitPointer(decodeURIComponent(ref.slice(1)));
  for (const [i, segment] of segments.entries()) {
    const next = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    if (next === undefined) {
      const parent = joinPointer(segments.slice(0, i));
      const near = nearest(segment, typeof node === "object" && node !== null ? Object.keys(node) : []);
      return `$ref '${ref}' does not resolve: no '${segment}' under #${parent}${near ? ` (did you mean '${near}'?)` : ""}`;
    }
    node = next;
  }
  return undefined;
}

/** The closest name by edit distance, when it is close enough to be a likely typo. */
function nearest(name: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
