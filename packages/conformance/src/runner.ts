import { randomBytes, randomInt } from "node:crypto";
import { conformanceClasses, ContractValidator, document, type OpenApiDocument } from "@agent-analytics/contract";
import { buildCatalog, FIGURES_CLASS, ISOLATION_CLASS, ROLES_CLASS } from "./catalog.js";
import { ConformanceStartError } from "./errors.js";
import { HttpClient } from "./http.js";
import { judge } from "./levels.js";
import { DEFAULT_MAX_EXAMPLES, runMeta } from "./meta.js";
import { checkToken, checkReachable } from "./preflight.js";
import { Skip, type Outcome, type Requirement } from "./requirement.js";
import { RunContext } from "./run-context.js";
import { notRequiredBecause } from "./selection.js";
import { prepareSemantics } from "./semantics/prepare.js";
import type { ClassResult, ConformanceOptions, ConformanceResult, RequirementResult, Status } from "./types.js";

const PHASES: Requirement["phase"][] = ["probe", "semantics", "isolation", "relations", "observe"];

/** Every class a run can report on: the document's modules, then figures, isolation and roles. */
export function allClasses(doc: OpenApiDocument = document): string[] {
  return [...conformanceClasses(doc), FIGURES_CLASS, ISOLATION_CLASS, ROLES_CLASS];
}

/**
 * The classes claimed when none are named: every module, figures, isolation when a second key is
 * given, and roles when a write key is (the token is then a key that may not write).
 */
export function defaultClaims(options: ConformanceOptions, doc: OpenApiDocument = document): string[] {
  return allClasses(doc).filter((c) => (c !== ISOLATION_CLASS || options.tokenB) && (c !== ROLES_CLASS || options.writeToken));
}

/**
 * Runs every requirement of the claimed classes against a server and reports each one. Rejects
 * with ConformanceStartError when the options are unusable, the server cannot be reached or it
 * rejects the token.
 */
export async function runConformance(options: ConformanceOptions, doc: OpenApiDocument = document): Promise<ConformanceResult> {
  const started = Date.now();
  const known = allClasses(doc);
  validateOptions(options, known, doc);
  const claimed = new Set(options.classes ?? defaultClaims(options, doc));
  const level = options.level ?? "contract";
  const progress = options.onProgress ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 10_000;
  const seed = options.seed ?? randomInt(2 ** 31 - 1);
  const maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  await checkReachable(options.baseUrl, timeoutMs);

  const validator = new ContractValidator(doc);
  const headers = options.headers ?? {};
  const client = new HttpClient(doc, validator, options.baseUrl, options.token, timeoutMs, headers, options.writeToken);
  const clientB = options.tokenB ? new HttpClient(doc, validator, options.baseUrl, options.tokenB, timeoutMs, headers, options.writeTokenB) : undefined;
  const ctx = new RunContext(doc, validator, client, clientB, options, claimed, `cf${randomBytes(4).toString("hex")}`, seed, maxExamples);
  await checkToken(ctx);

  const catalog = buildCatalog(doc);
  const required = (r: Requirement) => notRequiredBecause(r, claimed, options) === undefined;
  const wantsSemantics = catalog.some((r) => (r.phase === "semantics" || r.phase === "isolation") && required(r));
  for (const id of known) progress({ kind: "class", classId: id, claimed: claimed.has(id) });
  if (wantsSemantics && !claimed.has("ingest")) {
    ctx.semanticsUnavailable = { reason: "exact figures need the ingest class claimed: the kit loads a dataset through ingestBatch to know the answer (claim ingest, or leave figures and isolation out of --classes)" };
  } else if (wantsSemantics) {
    progress({ kind: "phase", message: "loading the dataset into a quiet window" });
    const prepared = await prepareSemantics(ctx);
    if ("reason" in prepared) ctx.semanticsUnavailable = prepared;
    else {
      ctx.semantics = prepared;
      const run = prepared.records.runs[0]!;
      ctx.ids = { agentId: run.agentId, runId: run.id };
      ctx.window = { firstDay: prepared.dataset.firstDay, endDay: prepared.dataset.endDay };
    }
  }

  const results = new Map<Requirement, RequirementResult>();
  for (const phase of PHASES) {
    progress({ kind: "phase", message: `${phase} checks` });
    for (const requirement of inRunOrder(catalog.filter((r) => r.phase === phase))) {
      const because = notRequiredBecause(requirement, claimed, options);
      const began = Date.now();
      const outcome: Outcome = because ? { status: "skip", reason: because } : await runOne(requirement, ctx);
      const result = toResult(requirement, judge(doc, requirement, outcome, level), !because, Date.now() - began);
      results.set(requirement, result);
      if (!because) progress({ kind: "requirement", result });
    }
  }

  const classes: ClassResult[] = known.map((id) => {
    const requirements = catalog.filter((r) => r.class === id).map((r) => results.get(r)!);
    return { id, claimed: claimed.has(id), status: classStatus(claimed.has(id), requirements), requirements };
  });
  return {
    baseUrl: options.baseUrl,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requestCount: client.requestCount + (clientB?.requestCount ?? 0),
    level,
    meta: runMeta(doc, options, seed, maxExamples),
    passed: classes.every((c) => !c.claimed || c.status !== "fail"),
    classes,
  };
}

/**
 * Exact figures are read before the ingest rules add their scratch records to the window's margin:
 * the figures class runs first in its phase, whatever the report's order.
 */
function inRunOrder(requirements: Requirement[]): Requirement[] {
  return [...requirements.filter((r) => r.class === FIGURES_CLASS), ...requirements.filter((r) => r.class !== FIGURES_CLASS)];
}

/**
 * Runs a required requirement. One that cannot be checked fails, saying why: a claimed class
 * passes only when every one of its requirements was checked and passed.
 */
async function runOne(requirement: Requirement, ctx: RunContext): Promise<Outcome> {
  try {
    const outcome = await requirement.run(ctx);
    if (outcome.status === "skip") return { status: "fail", reason: `could not be checked: ${outcome.reason ?? "no reason given"}`, failures: [] };
    return outcome;
  } catch (error) {
    if (error instanceof Skip) return { status: "fail", reason: `could not be checked: ${error.message}`, failures: [] };
    // An answer the check could not read (a missing field, a wrong type) is the server's failure.
    return { status: "fail", reason: `the check could not complete: ${error instanceof Error ? error.message : String(error)}`, failures: [] };
  }
}

function toResult(requirement: Requirement, judged: ReturnType<typeof judge>, required: boolean, durationMs: number): RequirementResult {
  return {
    id: requirement.id,
    class: requirement.class,
    ...(requirement.operationId ? { operationId: requirement.operationId } : {}),
    title: requirement.title,
    specRef: requirement.specRef,
    ...judged,
    required,
    durationMs,
  };
}

function classStatus(claimed: boolean, requirements: RequirementResult[]): Status {
  const held = requirements.filter((r) => r.required);
  if (!claimed || held.length === 0) return "skip";
  if (held.some((r) => r.status !== "pass" && r.status !== "warn")) return "fail";
  return held.some((r) => r.status === "warn") ? "warn" : "pass";
}

function validateOptions(options: ConformanceOptions, known: string[], doc: OpenApiDocument): void {
  try {
    const url = new URL(options.baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
  } catch {
    throw new ConformanceStartError(`--base-url must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  }
  if (!options.token) throw new ConformanceStartError("--token is required");
  const unknown = (options.classes ?? []).filter((c) => !known.includes(c));
  if (unknown.length) throw new ConformanceStartError(`unknown class(es) ${unknown.join(", ")}; known: ${known.join(", ")}`);
  if ((options.classes ?? []).includes(ISOLATION_CLASS) && !options.tokenB) {
    throw new ConformanceStartError("the isolation class needs --token-b, a key of another organisation");
  }
  if ((options.classes ?? []).includes(ROLES_CLASS) && !options.writeToken) {
    throw new ConformanceStartError("the roles class needs a --token whose role may not write (a member's) and --write-token, an admin key of its organisation that may");
  }
  if (options.writeTokenB && !options.tokenB) throw new ConformanceStartError("--write-token-b needs --token-b");
  const operationIds = buildCatalog(doc).flatMap((r) => (r.operationId ? [r.operationId] : []));
  const unknownOps = (options.operations ?? []).filter((o) => !operationIds.includes(o));
  if (unknownOps.length) throw new ConformanceStartError(`unknown operation(s) ${unknownOps.join(", ")}; known: ${[...new Set(operationIds)].join(", ")}`);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw new ConformanceStartError("--timeout must be a positive number of milliseconds");
  if (options.maxExamples !== undefined && !(Number.isInteger(options.maxExamples) && options.maxExamples >= 0)) {
    throw new ConformanceStartError("--max-examples must be a non-negative integer");
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new ConformanceStartError("--seed must be an integer");
  if (options.level !== undefined && options.level !== "source" && options.level !== "contract") {
    throw new ConformanceStartError(`--level must be source or contract, got ${JSON.stringify(options.level)}`);
  }
}
