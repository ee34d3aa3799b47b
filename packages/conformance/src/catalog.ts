import { listOperations, operationPointer, type OpenApiDocument, type Operation } from "@agent-analytics/contract";
import { authRequirements } from "./checks/auth.js";
import { boundsRequirement } from "./checks/bounds.js";
import { generativeRequirements } from "./checks/generative/requirement.js";
import { notFoundRequirement } from "./checks/not-found.js";
import { observedRequirements } from "./checks/observe.js";
import { ROLES_CLASS, rolesRequirement } from "./checks/roles.js";
import { linksRequirement } from "./links/requirement.js";
import { relationsRequirement } from "./relations/requirement.js";
import type { Requirement } from "./requirement.js";
import { semanticRequirement } from "./semantics/requirement.js";
import { AGENTOS_FIGURES } from "./semantics/figures-agentos.js";
import { AGENTS_FIGURES } from "./semantics/figures-agents.js";
import { ANALYTICS_FIGURES } from "./semantics/figures-analytics.js";
import { DASHBOARD_FIGURES } from "./semantics/figures-dashboard.js";
import { INGEST_FIGURES, INGEST_RULES } from "./semantics/ingest-rules.js";
import { ISOLATION_CHECKS } from "./semantics/isolation.js";

export const ISOLATION_CLASS = "isolation";
export { ROLES_CLASS };
/**
 * Exact figures need a dataset with a known answer, which the kit can only load through ingest:
 * a class of their own, which a server without ingest does not claim.
 */
export const FIGURES_CLASS = "figures";

const FIGURES = { ...AGENTS_FIGURES, ...AGENTOS_FIGURES, ...DASHBOARD_FIGURES, ...ANALYTICS_FIGURES, ...INGEST_FIGURES };

const INGEST_RULE_TITLES: Record<string, string> = {
  idempotent: "re-sending records changes nothing and reports them as duplicates; figures are unchanged",
  "all-or-nothing": "a batch with one invalid record is rejected with 400 listing it, and nothing of it is stored",
  conflict: "a stored id with different content is a 409 conflict, and nothing of the batch is stored",
  limits: "a batch of more than 5000 records, or a body over 10 MiB, is rejected with 413, and nothing of it is stored",
};

/**
 * Every requirement the document implies, in document order per class, then the isolation and
 * roles classes.
 * Derived from the document alone, so the catalog is known before any server is contacted.
 */
export function buildCatalog(doc: OpenApiDocument): Requirement[] {
  const requirements: Requirement[] = [];
  for (const op of listOperations(doc)) {
    const bounds = boundsRequirement(doc, op);
    const notFound = notFoundRequirement(op);
    requirements.push(...(bounds ? [bounds] : []), ...generativeRequirements(op), ...authRequirements(doc, op), ...(notFound ? [notFound] : []));
    if (op.operationId === "ingestBatch") {
      for (const [check, rule] of Object.entries(INGEST_RULES)) {
        requirements.push(semanticRequirement(op.conformanceClass, op, check, `ingestBatch: ${INGEST_RULE_TITLES[check]}`, `${operationPointer(op)} (info.description: Rules)`, rule));
      }
    }
    const relations = relationsRequirement(op);
    if (relations) requirements.push(relations);
    const links = linksRequirement(doc, op);
    if (links) requirements.push(links);
    requirements.push(...observedRequirements(op));
  }
  for (const op of listOperations(doc)) {
    const figures = FIGURES[op.operationId];
    if (figures) {
      requirements.push(semanticRequirement(FIGURES_CLASS, op, "figures", `every figure of ${op.operationId} equals the oracle's over the loaded records`, `docs/semantics.md (${op.method.toUpperCase()} ${op.path})`, figures));
    }
  }
  for (const op of listOperations(doc)) {
    const check = ISOLATION_CHECKS[op.operationId];
    if (check) requirements.push(isolationRequirement(op, check));
  }
  for (const op of listOperations(doc)) {
    const roles = rolesRequirement(op);
    if (roles) requirements.push(roles);
  }
  return requirements;
}

function isolationRequirement(op: Operation, check: (typeof ISOLATION_CHECKS)[string]): Requirement {
  const base = semanticRequirement(ISOLATION_CLASS, op, "no-leak", `nothing loaded under one key shows through ${op.operationId} under another organisation's key`, "docs/semantics.md (Records and conventions: every read sees only its own organisation's records)", check);
  return { ...base, phase: "isolation" };
}
