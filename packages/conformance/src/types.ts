/** Public types of the conformance kit: what a run is asked to do and what it reports. */

export type Status = "pass" | "fail" | "skip";

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
  /** Every claimed class passed. */
  passed: boolean;
  classes: ClassResult[];
}
