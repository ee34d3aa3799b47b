import {
  checkResponse,
  envelopeIssues,
  operationPointer,
  requestWithDefaults,
  responseFor,
  type ContractValidator,
  type OpenApiDocument,
  type Operation,
  type ParsedRequest,
} from "@agent-analytics/contract";
import type { ViolationEntry } from "../log/request-log.js";

/** What the proxy's pipeline made of the request before it was forwarded. */
export type RequestVerdict =
  | { kind: "accepted"; operation: Operation; request: ParsedRequest }
  /** The contract answers this request with an error (`status`); `step` says which pipeline step refused it. */
  /** A path outside every module of the contract (an upstream's `/healthz`): nothing to judge. */
  | { kind: "outside"; operation: undefined }
  | { kind: "rejected"; operation: Operation | undefined; status: number; step: "route" | "credential" | "validate"; reason: string };

export interface UpstreamResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** Schema issues reported per response at most: a wrong list of a thousand items stays readable. */
const MAX_SCHEMA_ISSUES = 20;

/**
 * Every way one upstream response breaks the contract, with the contract package's checks (the
 * conformance kit judges the same ones): the answer the contract gives a request it refuses, the
 * documented status and content type, the body's schema, the module's error format, the declared
 * header values and every `x-invariants` relation of the schemas and of the operation (the echo of
 * the request and its ranges).
 */
export function checkExchange(
  doc: OpenApiDocument,
  validator: ContractValidator,
  verdict: RequestVerdict,
  response: UpstreamResponse,
  options: { bodyless?: boolean } = {},
): ViolationEntry[] {
  if (verdict.kind === "outside") return [];
  const operation = verdict.operation;
  const operationId = operation?.operationId ?? "(no operation)";
  const found: ViolationEntry[] = [];
  const add = (check: string, pointer: string, message: string, rule?: string) => found.push({ operation: operationId, check, pointer, message, ...(rule ? { rule } : {}) });

  if (verdict.kind === "rejected") {
    // The proxy cannot tell a known key from an unknown one: a request it finds invalid may be
    // refused by the upstream for its credential first.
    const allowed = new Set([verdict.status, ...(verdict.step === "validate" ? [401, 403] : [])]);
    if (!allowed.has(response.status)) {
      const at = operation ? `${operationPointer(operation)}/responses/${verdict.status}` : undefined;
      add("request-rejection", "", `the contract answers this request with ${verdict.status} (${verdict.reason}); the upstream answered ${response.status}`, at);
    }
    if (!operation) return found;
  }
  const op = operation!;
  if (options.bodyless) {
    // The answer to HEAD: its status alone can be judged.
    if (!responseFor(op, response.status)) add("status-code", "", `status ${response.status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`, `${operationPointer(op)}/responses`);
    return found;
  }
  const contentType = response.headers["content-type"];
  const parsed = parseBody(contentType, response.body);
  if (!parsed.ok) {
    add("content-type", "", parsed.message);
    return found;
  }
  const accepted = verdict.kind === "accepted" ? verdict.request : undefined;
  const request = accepted ?? requestWithDefaults(doc, op, {});
  const check = checkResponse(doc, validator, op, request, { status: response.status, contentType, body: parsed.body, headers: accepted ? response.headers : undefined });

  if (!check.statusDocumented) {
    add("status-code", "", `status ${response.status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`, `${operationPointer(op)}/responses`);
    return found;
  }
  if (!check.contentTypeDocumented) {
    const documented = Object.keys(op.responses[String(response.status)]?.content ?? {}).join(" or ");
    add("content-type", "", `content type ${contentType ?? "(none)"} is not documented for ${response.status} (documented: ${documented})`, `${operationPointer(op)}/responses/${response.status}`);
    return found;
  }
  if (response.status >= 400) {
    // An error body is judged as the module's error format: its top-level shape first, then its schema.
    const mediaType = contentType?.split(";")[0]!.trim().toLowerCase();
    const shape = envelopeIssues(doc, op, response.status, mediaType, parsed.body);
    for (const issue of shape) add("error-format", "", issue.message, issue.rule);
    if (shape.length === 0) for (const issue of check.schemaIssues.slice(0, MAX_SCHEMA_ISSUES)) add("error-format", issue.pointer, issue.message, issue.rule);
  } else {
    for (const issue of check.schemaIssues.slice(0, MAX_SCHEMA_ISSUES)) add("response-schema", issue.pointer, issue.message, issue.rule);
  }
  if (check.schemaIssues.length > MAX_SCHEMA_ISSUES) add("response-schema", "", `${check.schemaIssues.length - MAX_SCHEMA_ISSUES} more schema issues not listed`);
  // Relations with the request mean something only for a request the contract accepts.
  if (accepted || response.status >= 400) {
    for (const failure of check.invariantFailures) add("invariants", failure.pointer, `${failure.invariant.id} fails: ${failure.reason}`, failure.rule);
    for (const issue of check.headerIssues) add("headers", "", issue.message, issue.rule);
  }
  return found;
}

type ParsedBody = { ok: true; body: unknown } | { ok: false; message: string };

/** The body as the checks read it: JSON for a JSON media type, otherwise its text (or nothing). */
function parseBody(contentType: string | undefined, bytes: Buffer): ParsedBody {
  if (bytes.length === 0) return { ok: true, body: undefined };
  const text = bytes.toString("utf8");
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!/[/+]json$/.test(mediaType)) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: `the body is not the ${mediaType} its content type says` };
  }
}
