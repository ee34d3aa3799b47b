import { toCurl } from "./curl.js";
import type { Exchange } from "./http.js";
import type { RunContext } from "./run-context.js";
import type { Failure, RecordedRequest, RuleRef, Status } from "./types.js";

export type Outcome =
  | { status: Exclude<Status, "fail" | "warn">; reason?: string }
  /** `unlisted`: the rules of the failures found past the ones kept, so levels can judge them too. */
  | { status: "fail"; reason?: string; failures: Failure[]; unlisted?: (RuleRef[] | undefined)[] };

/**
 * One checkable statement of the contract. `phase` orders the run: `probe` requirements send their
 * own requests, `semantics` need the loaded dataset, and `observe` requirements judge every
 * exchange recorded by the others, so they run last.
 */
export interface Requirement {
  id: string;
  class: string;
  operationId?: string;
  title: string;
  specRef: string;
  phase: "probe" | "semantics" | "isolation" | "relations" | "observe";
  /** The module whose operation it reads, when that differs from its class (figures, isolation). */
  module?: string;
  /** The rules a failure breaks when it names none itself (the semantics checks: the ingest module). */
  rules?: RuleRef[];
  run(ctx: RunContext): Promise<Outcome>;
}

/** Thrown inside a requirement to end it as skipped, with the reason. */
export class Skip extends Error {}

const MAX_KEPT = 10;

/** Collects failures while a requirement runs, each tied to the exchange that shows it. */
export class Verdict {
  readonly failures: Failure[] = [];
  /** Failures found, including those not kept: a report lists at most MAX_KEPT per requirement. */
  count = 0;
  private readonly unlisted: (RuleRef[] | undefined)[] = [];

  /**
   * Records a failure shown by `exchange`. `rules` are the rule addresses it breaks, in the module of
   * the exchange's operation: they say whose rule it is (source or contract decision).
   */
  fail(exchange: Exchange, message: string, expected: string, rules: string[] = []): void {
    const module = exchange.operation.conformanceClass;
    const refs = rules.length ? [...new Set(rules)].map((address) => ({ module, address })) : undefined;
    if (++this.count > MAX_KEPT) {
      this.unlisted.push(refs);
      return;
    }
    this.failures.push({
      message,
      request: abbreviate(exchange.request),
      curl: toCurl(exchange.request),
      ...(exchange.response ? { response: exchange.response } : {}),
      expected,
      ...(refs ? { rules: refs } : {}),
    });
  }

  /** Records a failure unless `ok`; returns `ok` so callers can stop early. */
  check(ok: boolean, exchange: Exchange, message: string, expected: string, rules: string[] = []): boolean {
    if (!ok) this.fail(exchange, message, expected, rules);
    return ok;
  }

  outcome(): Outcome {
    if (this.failures.length === 0) return { status: "pass" };
    const first = this.failures[0]!.message;
    const more = this.count > 1 ? ` (and ${this.count - 1} more)` : "";
    return { status: "fail", reason: `${first}${more}`, failures: this.failures, ...(this.unlisted.length ? { unlisted: this.unlisted } : {}) };
  }
}

const MAX_BODY_CHARS = 20_000;

/** Very large request bodies (the oversized batches) are summarised: reports stay readable. */
function abbreviate(request: RecordedRequest): RecordedRequest {
  if (request.body === undefined) return request;
  const size = JSON.stringify(request.body).length;
  return size > MAX_BODY_CHARS ? { ...request, body: `(a JSON body of ${size} characters, not repeated here)` } : request;
}

/** What a response looked like, in a few words, for failure messages. */
export function describeResponse(exchange: Exchange): string {
  if (!exchange.response) return `no response (${exchange.error ?? "unknown error"})`;
  const type = exchange.response.headers["content-type"] ?? "no content type";
  return `${exchange.response.status} (${type})`;
}
