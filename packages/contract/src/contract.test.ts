import { describe, expect, it } from "vitest";
import { document, type ExampleObject, type SchemaObject } from "./document.js";
import { parseInvariant, type Invariant } from "./invariants/index.js";
import { listOperations } from "./operations.js";
import { derefDeep } from "./refs.js";

/** Every `x-invariants` list in the document, with where it is. */
function allInvariants(node: unknown, at = "#"): { at: string; invariant: Invariant }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => allInvariants(item, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "x-invariants" || key === "x-request-invariants"
      ? (value as Invariant[]).map((invariant) => ({ at: `${at}/${key}`, invariant }))
      : allInvariants(value, `${at}/${key}`),
  );
}

function keysNamed(node: unknown, name: string, at = "#"): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => keysNamed(item, name, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(key === name ? [at] : []),
    ...(key.startsWith("x-") || key === "examples" || key === "example" ? [] : keysNamed(value, name, `${at}/${key}`)),
  ]);
}

describe("the merged contract", () => {
  const operations = listOperations(document);

  it("holds every module", () => {
    expect(new Set(operations.map((op) => op.conformanceClass))).toEqual(
      new Set(["agents", "agentos", "dashboard", "analytics", "ingest"]),
    );
  });

  it.each(operations.map((op) => [op.operationId, op] as const))("%s is fully described", (_id, op) => {
    expect(op.object.tags?.length).toBeGreaterThan(0);
    expect(op.object.summary).toBeTruthy();
    expect(op.security.length).toBeGreaterThan(0);
    expect(Object.keys(op.responses)).toContain("401");
    expect(Object.keys(op.responses)).toContain("500");
    expect(Object.keys(op.responses).some((s) => /^2/.test(s))).toBe(true);
  });

  it("uses no 3.0-only keywords", () => {
    expect(keysNamed(document, "nullable")).toEqual([]);
  });

  it("has unique invariant ids within each declaration", () => {
    const byPlace = new Map<string, string[]>();
    for (const { at, invariant } of allInvariants(document)) {
      byPlace.set(at, [...(byPlace.get(at) ?? []), invariant.id]);
    }
    for (const [at, ids] of byPlace) expect(new Set(ids).size, at).toBe(ids.length);
  });

  it.each(allInvariants(document).map(({ at, invariant }) => [`${at} ${invariant.id}`, invariant.expr]))(
    "invariant %s parses",
    (_where, expr) => {
      expect(() => parseInvariant(expr)).not.toThrow();
    },
  );

  it("gives every module an error template for its documented error responses", () => {
    for (const op of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]/.test(status)) continue;
        for (const media of Object.values(response.content ?? {})) {
          const schema = derefDeep(document, media.schema) as SchemaObject;
          expect(schema["x-error-template"], `${op.operationId} ${status}`).toBeDefined();
        }
      }
    }
  });

  it("names every example that answers a request with its request (x-request) where invariants need one", () => {
    for (const op of operations) {
      for (const response of Object.values(op.responses)) {
        const needsRequest = (response["x-invariants"] ?? []).some((i) => /\b(path|query|requestBody)\b/.test(i.expr));
        if (!needsRequest) continue;
        for (const media of Object.values(response.content ?? {})) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            const ex = example as ExampleObject;
            const needsPath = op.pathParameterNames.length > 0;
            if (needsPath || (response["x-invariants"] ?? []).some((i) => /\bquery\.(startDate|endDate)\b/.test(i.expr))) {
              expect(ex["x-request"], `${op.operationId} ${name}`).toBeDefined();
            }
          }
        }
      }
    }
  });
});
