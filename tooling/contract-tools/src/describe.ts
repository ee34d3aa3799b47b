import type { ModuleDocument } from "./merge.js";

/** The merged document's description: what it is, and a table of its modules. */
export function describeModules(modules: ModuleDocument[]): string {
  return [
    "One contract for agent-analytics APIs, merged from one standalone OpenAPI document per module.",
    "Each operation names its module in `x-conformance-class`; each module's own description (under",
    "`x-modules`) states what it keeps from its source system and what it decided where the source is silent.",
    "",
    "Declared invariants (`x-invariants`) are relations that every correct response obeys; the grammar is in",
    "docs/invariants.md. Error bodies follow each module's own format, declared by `x-error-template`.",
    "",
    "| class | module | source |",
    "|---|---|---|",
    ...modules.map((m) => `| \`${m.name}\` | ${m.document.info.title} | \`${m.file}\` |`),
  ].join("\n");
}
