import type { SuccessBody } from "@agent-analytics/types";
import { ingest } from "../ingest.js";
import { failure, ok, type Answer, type Asked } from "./answer.js";

const invalid = (n: number) => `${n === 1 ? "1 record is" : `${n} records are`} invalid; nothing was stored.`;

/**
 * A batch the pipeline accepted (schema, size, the records' own invariants) is checked against the
 * organisation's records: references (400) and ids stored with other content (409), all or nothing.
 */
export function ingestBatch({ org, body }: Asked<"ingestBatch">): Answer<SuccessBody<"ingestBatch">> {
  const outcome = ingest(org, body);
  if (outcome.kind === "invalid") return failure(400, invalid(outcome.errors.length), { errors: outcome.errors });
  if (outcome.kind === "conflict") {
    const n = outcome.errors.length;
    return failure(409, `${n === 1 ? "1 record reuses" : `${n} records reuse`} a stored id with different content; nothing was stored.`, { errors: outcome.errors });
  }
  return ok(outcome.result);
}

export function ingestContext({ org }: Asked<"getIngestContext">): Answer<SuccessBody<"getIngestContext">> {
  return ok({ ...org.caller });
}
