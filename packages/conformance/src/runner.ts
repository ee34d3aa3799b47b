import { randomBytes } from "node:crypto";
import { conformanceClasses, ContractValidator, document, type OpenApiDocument } from "@agent-analytics/contract";
import { buildCatalog, ISOLATION_CLASS } from "./catalog.js";
import { ConformanceStartError } from "./errors.js";
import { HttpClient } from "./http.js";
import { judge } from "./levels.js";
import { Skip, type Outcome, type Requirement } from "./requirement.js";
import { RunContext } from "./run-context.js";
import { prepareSemantics } from "./semantics/prepare.js";
import type { ClassResult, ConformanceOptions, ConformanceResult, RequirementResult, Status } from "./types.js";

const PHASES: Requirement["phase"][] = ["probe", "semantics", "isolation", "observe"];

/** Every class a run can report on: the document's modules, then isolation. */
export function allClasses(doc: OpenApiDocument = document): string[] {
  return [...conformanceClasses(doc), ISOLATION_CLASS];
}

/**
 * Runs every requirement of the claimed classes against a server and reports each one. Rejects
 * with ConformanceStartError when the options are unusable or the server cannot be reached.
 */
export async function runConformance(options: ConformanceOptions, doc: OpenApiDocument = document): Promise<ConformanceResult> {
  const started = Date.now();
  const known = allClasses(doc);
  validateOptions(options, known);
  const claimed = new Set(options.classes ?? known.filter((c) => c !== ISOLATION_CLASS || options.tokenB));
  const level = options.level ?? "contract";
  const progress = options.onProgress ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 10_000;
  await preflight(options.baseUrl, timeoutMs);

  const validator = new ContractValidator(doc);
  const client = new HttpClient(doc, validator, options.baseUrl, options.token, timeoutMs);
  const clientB = options.tokenB ? new HttpClient(doc, validator, options.baseUrl, options.tokenB, timeoutMs) : undefined;
  const ctx = new RunContext(doc, validator, client, clientB, options, claimed, `cf${randomBytes(4).toString("hex")}`);

  const catalog = buildCatalog(doc);
  const wantsSemantics = catalog.some((r) => (r.phase === "semantics" || r.phase === "isolation") && claimed.has(r.class));
  for (const id of known) progress({ kind: "class", classId: id, claimed: claimed.has(id) });
  if (!claimed.has("ingest")) {
    ctx.semanticsUnavailable = { reason: "needs the ingest class claimed, to load a dataset with a known answer" };
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
    for (const requirement of catalog.filter((r) => r.phase === phase)) {
      const outcome: Outcome = claimed.has(requirement.class)
        ? await runOne(requirement, ctx)
        : { status: "skip", reason: `class ${requirement.class} is not claimed` };
      const result = toResult(requirement, judge(doc, requirement, outcome, level));
      results.set(requirement, result);
      if (claimed.has(requirement.class)) progress({ kind: "requirement", result });
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
    passed: classes.every((c) => !c.claimed || c.status !== "fail"),
    classes,
  };
}

async function runOne(requirement: Requirement, ctx: RunContext): Promise<Outcome> {
  try {
    return await requirement.run(ctx);
  } catch (error) {
    if (error instanceof Skip) return { status: "skip", reason: error.message };
    // An answer the check could not read (a missing field, a wrong type) is the server's failure.
    return { status: "fail", reason: `the check could not complete: ${error instanceof Error ? error.message : String(error)}`, failures: [] };
  }
}

function toResult(requirement: Requirement, judged: ReturnType<typeof judge>): RequirementResult {
  return {
    id: requirement.id,
    class: requirement.class,
    ...(requirement.operationId ? { operationId: requirement.operationId } : {}),
    title: requirement.title,
    specRef: requirement.specRef,
    ...judged,
  };
}

function classStatus(claimed: boolean, requirements: RequirementResult[]): Status {
  if (!claimed) return "skip";
  if (requirements.some((r) => r.status === "fail")) return "fail";
  if (requirements.some((r) => r.status === "warn")) return "warn";
  return requirements.some((r) => r.status === "pass") ? "pass" : "skip";
}

function validateOptions(options: ConformanceOptions, known: string[]): void {
  try {
    const url = new URL(options.baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
  } catch {
    throw new ConformanceStartError(`--base-url must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  }
  if (!options.token) throw new ConformanceStartError("--token is required");
  const unknown = (options.classes ?? []).filter((c) => !known.includes(c));
  if (unknown.length) throw new ConformanceStartError(`unknown class(es) ${unknown.join(", ")}; known: ${known.join(", ")}`);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw new ConformanceStartError("--timeout must be a positive number of milliseconds");
  if (options.level !== undefined && options.level !== "source" && options.level !== "contract") {
    throw new ConformanceStartError(`--level must be source or contract, got ${JSON.stringify(options.level)}`);
  }
}

async function preflight(baseUrl: string, timeoutMs: number): Promise<void> {
  try {
    const res = await fetch(baseUrl, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new ConformanceStartError(`the server at ${baseUrl} cannot be reached (${cause ?? (error as Error).message})`);
  }
}
