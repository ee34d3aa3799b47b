/** Public types of the conformance kit: what a run is asked to do and what it reports. */

/**
 * `warn`: passes at the run's level, but broke a rule that only this contract decided (reported
 * under `--level source`, with the decision).
 */
export type Status = "pass" | "warn" | "fail" | "skip";

/**
 * What a run holds a server to: `contract` (the default) every rule of the contract; `source` only
 * the rules the source systems document, so that a server faithful to the real API passes, while a
 * failure of a rule the contract decided is reported as a warning naming the decision.
 */
export type ConformanceLevel = "source" | "contract";

export interface ConformanceOptions {
  /** Root URL of the server under test, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** API key sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Key for the `x-api-key` header form; defaults to trying `token` in that form. */
  apiKey?: string;
  /** A key of a different organisation: enables the `isolation` class. */
  tokenB?: string;
  /** Classes the server claims; default every class of the document. */
  classes?: string[];
  /** An existing agent, for servers that do not implement ingest. */
  agentId?: string;
  /** An existing run of `agentId`, for servers that do not implement ingest. */
  runId?: string;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** `contract` (default) or `source`. */
  level?: ConformanceLevel;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { kind: "phase"; message: string }
  | { kind: "class"; classId: string; claimed: boolean }
  | { kind: "requirement"; result: RequirementResult };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface Failure {
  message: string;
  request: RecordedRequest;
  /** The same request as a shell command. */
  curl: string;
  /** Absent when no response arrived (timeout, connection reset). */
  response?: RecordedResponse;
  expected: string;
  /** The rules the failure breaks (rule addresses, docs/invariants.md "Provenance"), with their module. */
  rules?: RuleRef[];
  /** Whose rules they are, in words: the source's (with where it says so), or a decision of the contract. */
  provenance?: string[];
  /** The contract's decisions behind it, when every rule it breaks is one (a contract-only failure). */
  decisions?: string[];
}

export interface RuleRef {
  module: string;
  address: string;
}

export interface RequirementResult {
  /** `<class>.<operationId>.<check>`, stable across versions. */
  id: string;
  class: string;
  operationId?: string;
  title: string;
  /** Where the contract states it: a JSON pointer into the merged document, or an invariant id. */
  specRef: string;
  status: Status;
  /** Why it was skipped, or a summary of why it failed. */
  reason?: string;
  failures: Failure[];
  /** Under `--level source`: failures of rules only the contract decided, each naming the decision. */
  warnings: Failure[];
}

export interface ClassResult {
  id: string;
  claimed: boolean;
  status: Status;
  requirements: RequirementResult[];
}

export interface ConformanceResult {
  baseUrl: string;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  requestCount: number;
  level: ConformanceLevel;
  /** Every claimed class passed (warnings included). */
  passed: boolean;
  classes: ClassResult[];
}
