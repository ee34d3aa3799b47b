/**
 * The contract's `x-` extensions (docs/invariants.md). Relation lists — arrays of `{ id, ... }`
 * such as `x-invariants` and `x-request-invariants`, and any list of that shape added later, for
 * example a cross-operation relation — are compared entry by entry, by id.
 */
import { isDeepStrictEqual } from "node:util";
import type { Report, RuleKind, RuleContext } from "./rules.js";

type Relation = { id: string; [key: string]: unknown };

const RELATION_KINDS: Record<string, [added: RuleKind, removed: RuleKind, changed: RuleKind]> = {
  "x-invariants": ["invariant-added", "invariant-removed", "invariant-changed"],
  "x-request-invariants": ["request-invariant-added", "request-invariant-removed", "request-invariant-changed"],
};
const UNKNOWN_RELATION: [RuleKind, RuleKind, RuleKind] = ["relation-added", "relation-removed", "relation-changed"];
const MAX_LIMITS = new Set(["x-max-records", "x-max-bytes"]);
/** Extensions that only document: examples' requests, the module table. */
const DOCUMENTATION = new Set(["x-request", "x-modules"]);

export const isRelationList = (value: unknown): value is Relation[] =>
  Array.isArray(value) && value.length > 0 && value.every((e) => typeof e === "object" && e !== null && typeof (e as Relation).id === "string");

/** Compares every `x-` key of two objects at one place of the contract. */
export function diffExtensions(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  at: string,
  report: Report,
  context: RuleContext = {},
): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k.startsWith("x-")));
  for (const key of keys) {
    const [old, now] = [before[key], after[key]];
    if (isDeepStrictEqual(old, now)) continue;
    const where = at ? `${at}: ${key}` : key;
    if (key in RELATION_KINDS || isRelationList(old) || isRelationList(now)) {
      diffRelations(asList(old), asList(now), where, report, RELATION_KINDS[key] ?? UNKNOWN_RELATION);
    } else if (MAX_LIMITS.has(key)) {
      const lowered = now !== undefined && (old === undefined || Number(now) < Number(old));
      report(lowered ? "max-limit-lowered" : "max-limit-raised", where, `${show(old)} -> ${show(now)}`, context);
    } else if (key === "x-error-template") {
      report("error-template-changed", where, "error body template or codes changed", context);
    } else if (key === "x-conformance-class") {
      report("operation-class-changed", where, `${show(old)} -> ${show(now)}`, context);
    } else if (DOCUMENTATION.has(key)) {
      report("documentation", where, "changed", context);
    } else {
      report("extension-changed", where, `${show(old)} -> ${show(now)}`, context);
    }
  }
}

function diffRelations(old: Relation[], now: Relation[], at: string, report: Report, [added, removed, changed]: [RuleKind, RuleKind, RuleKind]) {
  const before = new Map(old.map((r) => [r.id, r]));
  const after = new Map(now.map((r) => [r.id, r]));
  for (const [id, relation] of after) {
    const previous = before.get(id);
    if (!previous) report(added, at, `${id}: ${describe(relation)}`);
    else if (!isDeepStrictEqual(withoutDescription(previous), withoutDescription(relation))) {
      report(changed, at, `${id}: ${describe(previous)} -> ${describe(relation)}`);
    } else if (!isDeepStrictEqual(previous, relation)) report("documentation", at, `${id}: description changed`);
  }
  for (const [id, relation] of before) if (!after.has(id)) report(removed, at, `${id}: ${describe(relation)}`);
}

const asList = (value: unknown): Relation[] => (isRelationList(value) ? value : []);
const withoutDescription = ({ description: _, ...rest }: Relation) => rest;
const describe = (r: Relation) => (typeof r.expr === "string" ? r.expr : JSON.stringify(withoutDescription(r)));
export const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
