import { checkResponse, createPipeline, operationPointer, requestWithDefaults, validationStatus, type Operation, type RequestPipeline } from "@agent-analytics/contract";
import type { Exchange } from "../../http.js";
import { describeResponse } from "../../requirement.js";
import type { RunContext } from "../../run-context.js";
import type { Case, CaseKind } from "./cases.js";

const pipelines = new WeakMap<RunContext, RequestPipeline>();

/**
 * What the contract answers a request: accepted, or the status it is refused with. The contract's
 * own request pipeline decides, so every rule (schemas, formats, rules across parameters, bodies)
 * is the contract's, never restated here.
 */
export function contractVerdict(ctx: RunContext, ex: Exchange): { ok: true } | { ok: false; status: number; message: string } {
  let pipeline = pipelines.get(ctx);
  if (!pipeline) pipelines.set(ctx, (pipeline = createPipeline(ctx.doc, { validator: ctx.validator })));
  const url = new URL(ex.request.url);
  const body = ex.request.body === undefined ? undefined : ex.request.rawBody ? String(ex.request.body) : JSON.stringify(ex.request.body);
  const step = pipeline.accept({ method: ex.request.method, url: `${url.pathname}${url.search}`, headers: ex.request.headers, body });
  if (step.ok) return { ok: true };
  return { ok: false, status: step.error.status, message: String((step.error.body as { message?: string; detail?: string; error?: string })?.detail ?? (step.error.body as { message?: string })?.message ?? "") };
}

/** Why the answer to a generated request breaks the contract, or undefined when it does not. */
export interface Problem {
  message: string;
  expected: string;
  /** The rules it breaks (rule addresses), so that levels can tell whose rule it is. */
  rules?: string[];
}

export function problemWith(ctx: RunContext, op: Operation, kind: CaseKind, c: Case, ex: Exchange): Problem | undefined {
  const res = ex.response;
  if (!res || res.status >= 500) return { message: `${c.what}: answered ${describeResponse(ex)}`, expected: "never a server error, whatever the input" };
  if (kind === "hostile") return undefined;
  const verdict = contractVerdict(ctx, ex);
  if (verdict.ok) {
    const refused = res.status === validationStatus(op) || res.status === 413 || res.status === 415;
    // An edge of a format may be refused as beyond what the server stores, never failed on (above).
    if (refused && !(kind === "valid" && c.edge)) {
      return { message: `${c.what}: a request the contract accepts was refused with ${describeResponse(ex)}`, expected: "served (2xx), or a documented answer about the data (403, 404, 409)", rules: [`${operationPointer(op)}/parameters`] };
    }
    return undefined;
  }
  if (res.status !== verdict.status) {
    return { message: `${c.what}: answered ${describeResponse(ex)}; the contract refuses it (${verdict.message.slice(0, 200)})`, expected: `${verdict.status} in the module's error format`, rules: [`${operationPointer(op)}/responses/${verdict.status}`] };
  }
  const check = checkResponse(ctx.doc, ctx.validator, op, requestWithDefaults(ctx.doc, op, {}), { status: res.status, contentType: res.headers["content-type"], body: res.body });
  if (!check.contentTypeDocumented || check.schemaIssues.length) {
    const issues = check.schemaIssues.slice(0, 3).map((i) => `${i.pointer || "/"} ${i.message}`).join("; ");
    const rules = check.schemaIssues.flatMap((i) => (i.rule ? [i.rule] : []));
    return { message: `${c.what}: the ${res.status} body is not in the module's error format${issues ? ` (${issues})` : ""}`, expected: `a body valid against the documented ${res.status} schema`, rules: rules.length ? rules : [`${operationPointer(op)}/responses/${res.status}`] };
  }
  return undefined;
}
