import type { OpenApiDocument, SchemaObject } from "../document.js";
import { checkSchemaInvariants } from "../invariant-check.js";
import { checkInvariant, type Invariant } from "../invariants/index.js";
import { isReference, pointerSegment, resolvePointer } from "../refs.js";
import type { RequestIssue } from "../request.js";

/** Where a request body schema declares `x-invariants`: an instance path (`*` for every item) and its rules. */
interface InvariantSite {
  path: string[];
  invariants: Invariant[];
  /** Rule address of the `x-invariants` list. */
  at: string;
}

/**
 * The `x-invariants` of the schemas inside a request body (a run's `completed-after-started`): a
 * request breaking one is invalid, like one breaking its schema. Their places are found once from
 * the schema, so a batch of thousands of records is checked without walking every field. A schema
 * that puts invariants where the place depends on the value (inside `anyOf`/`oneOf`), or that
 * recurses, is checked by the general walk instead.
 */
export function compileBodyInvariants(doc: OpenApiDocument, schemaPointer: string): (body: unknown) => RequestIssue[] {
  const sites = invariantSites(doc, schemaPointer);
  if (sites === "walk") {
    const schema = { $ref: schemaPointer };
    return (body) =>
      checkSchemaInvariants(doc, schema, body, schemaPointer).map((failure) => ({
        in: "body" as const,
        name: failure.pointer,
        message: `breaks ${failure.invariant.id}: ${failure.invariant.expr}`,
        rule: failure.rule,
      }));
  }
  if (sites.length === 0) return () => [];
  return (body) => {
    const issues: RequestIssue[] = [];
    for (const site of sites) {
      // The instance's pointer is written only for a failure: most records break nothing.
      visit(body, site.path, 0, [], (value, at) => {
        const scope = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { this: value };
        for (const invariant of site.invariants) {
          if (checkInvariant(invariant, scope).ok) continue;
          const pointer = at.map((segment) => `/${pointerSegment(String(segment))}`).join("");
          issues.push({ in: "body", name: pointer, message: `breaks ${invariant.id}: ${invariant.expr}`, rule: `${site.at}/${pointerSegment(invariant.id)}` });
        }
      });
    }
    return issues;
  };
}

/** Calls `at` with every instance at `path` (`*`: each item of an array), and the segments that lead to it. */
function visit(value: unknown, path: string[], depth: number, segments: (string | number)[], at: (value: unknown, segments: (string | number)[]) => void): void {
  if (depth === path.length) return at(value, segments);
  const head = path[depth]!;
  if (head === "*") {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      visit(value[i], path, depth + 1, segments, at);
      segments.pop();
    }
  } else if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, head)) {
    segments.push(head);
    visit((value as Record<string, unknown>)[head], path, depth + 1, segments, at);
    segments.pop();
  }
}

function invariantSites(doc: OpenApiDocument, schemaPointer: string): InvariantSite[] | "walk" {
  const sites: InvariantSite[] = [];
  let walk = false;
  const descend = (pointer: string, path: string[], refs: Set<string>) => {
    let at = pointer;
    let node = resolvePointer(doc, at) as SchemaObject;
    while (isReference(node)) {
      if (refs.has(node.$ref)) return void (walk = true);
      refs = new Set([...refs, node.$ref]);
      at = node.$ref;
      node = resolvePointer(doc, at) as SchemaObject;
    }
    const invariants = node["x-invariants"] as Invariant[] | undefined;
    if (invariants?.length) sites.push({ path, invariants, at: `${at}/x-invariants` });
    for (const key of ["anyOf", "oneOf", "prefixItems"] as const) {
      const branches = (node[key] as unknown[] | undefined) ?? [];
      if (branches.some((_b, i) => declaresInvariants(doc, `${at}/${key}/${i}`, new Set()))) walk = true;
    }
    const additional = node.additionalProperties;
    if (typeof additional === "object" && additional !== null && declaresInvariants(doc, `${at}/additionalProperties`, new Set())) walk = true;
    ((node.allOf as unknown[] | undefined) ?? []).forEach((_b, i) => descend(`${at}/allOf/${i}`, path, refs));
    for (const name of Object.keys((node.properties as Record<string, unknown> | undefined) ?? {})) {
      descend(`${at}/properties/${pointerSegment(name)}`, [...path, name], refs);
    }
    if (typeof node.items === "object" && node.items !== null) descend(`${at}/items`, [...path, "*"], refs);
  };
  descend(schemaPointer, [], new Set());
  return walk ? "walk" : sites;
}

/** Whether any schema reachable from `pointer` declares invariants. */
function declaresInvariants(doc: OpenApiDocument, pointer: string, seen: Set<string>): boolean {
  if (seen.has(pointer)) return false;
  seen.add(pointer);
  const node = resolvePointer(doc, pointer) as SchemaObject;
  if (isReference(node)) return declaresInvariants(doc, node.$ref, seen);
  if ((node["x-invariants"] as unknown[] | undefined)?.length) return true;
  const children: string[] = [];
  for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"] as const) {
    ((node[key] as unknown[] | undefined) ?? []).forEach((_b, i) => children.push(`${pointer}/${key}/${i}`));
  }
  for (const name of Object.keys((node.properties as Record<string, unknown> | undefined) ?? {})) children.push(`${pointer}/properties/${pointerSegment(name)}`);
  for (const key of ["items", "additionalProperties"] as const) if (typeof node[key] === "object" && node[key] !== null) children.push(`${pointer}/${key}`);
  return children.some((child) => declaresInvariants(doc, child, seen));
}
