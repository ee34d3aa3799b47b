import type { OpenApiDocument } from "../document.js";

/**
 * A module's `x-provenance` (docs/invariants.md, "Provenance"): which of its rules the source system
 * documents, with where it says so, and which this contract decided, with the decision and its
 * reason. Each entry names rules by rule address; an address covers every rule under it, and the
 * longest address that covers a rule gives its provenance.
 */
export interface ProvenanceDeclaration {
  source: SourceEntry[];
  decisions: Decision[];
}

export interface SourceEntry {
  /** Where the source documents these rules, in a few words. */
  cite: string;
  rules: string[];
}

export interface Decision {
  /** Stable id, unique across the contract, named in reports (`dashboard-error-body`). */
  id: string;
  /** What the contract decided. */
  decision: string;
  /** Why. */
  reason: string;
  rules: string[];
}

export type Provenance =
  | { by: "source"; module: string; cite: string; address: string }
  | { by: "contract"; module: string; decision: Decision; address: string };

const indexes = new WeakMap<OpenApiDocument, Map<string, Provenance[]>>();

/** Every entry of every module, as `(module, address) -> provenance`, sorted longest address first. */
function index(doc: OpenApiDocument): Map<string, Provenance[]> {
  let found = indexes.get(doc);
  if (found) return found;
  found = new Map();
  for (const info of doc["x-modules"] ?? []) {
    const declaration = info.provenance as ProvenanceDeclaration | undefined;
    const entries: Provenance[] = [
      ...(declaration?.source ?? []).flatMap((s) => s.rules.map((address) => ({ by: "source" as const, module: info.name, cite: s.cite, address }))),
      ...(declaration?.decisions ?? []).flatMap((d) => d.rules.map((address) => ({ by: "contract" as const, module: info.name, decision: d, address }))),
    ];
    found.set(info.name, entries.sort((a, b) => b.address.length - a.address.length));
  }
  indexes.set(doc, found);
  return found;
}

/** Whether the rule address `entry` covers `address` (it is the same rule or an ancestor). */
export function covers(entry: string, address: string): boolean {
  return entry === "#" || address === entry || address.startsWith(`${entry}/`);
}

/** The provenance of a rule of `module`: the entry with the longest address that covers it. */
export function provenanceOf(doc: OpenApiDocument, module: string, address: string): Provenance | undefined {
  return index(doc).get(module)?.find((entry) => covers(entry.address, address));
}

/** Every decision of the document, by module, in declaration order. */
export function listDecisions(doc: OpenApiDocument): { module: string; decision: Decision }[] {
  return (doc["x-modules"] ?? []).flatMap((info) =>
    ((info.provenance as ProvenanceDeclaration | undefined)?.decisions ?? []).map((decision) => ({ module: info.name, decision })),
  );
}

/** A provenance in a few words, for reports: `source (...)` or `contract decision <id>: ...`. */
export function describeProvenance(provenance: Provenance | undefined): string {
  if (!provenance) return "no declared provenance";
  return provenance.by === "source"
    ? `documented by the source: ${provenance.cite}`
    : `contract decision ${provenance.decision.id}: ${provenance.decision.decision}`;
}
