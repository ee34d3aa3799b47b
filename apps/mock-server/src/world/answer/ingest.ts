import { checkInvariant, deref, type Invariant, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";
import type { SuccessBody } from "@agent-analytics/types";
import { ingest, type RecordError } from "../ingest.js";
import { RECORD_TYPES, type IngestBatch, type RecordType } from "../records.js";
import { failure, ok, type Answer, type Asked } from "./answer.js";

type RecordInvariants = [RecordType, Invariant[]][];

/** The `x-invariants` of each record type's item schema in the batch body, read from the document once. */
export function recordInvariants(doc: OpenApiDocument, operation: Operation): RecordInvariants {
  const media = operation.requestBody?.content["application/json"];
  const body = media?.schema ? deref<SchemaObject>(doc, media.schema as SchemaObject) : {};
  const properties = (body.properties ?? {}) as Record<string, SchemaObject>;
  return RECORD_TYPES.map((type) => {
    const items = properties[type]?.items as SchemaObject | undefined;
    const item = items ? deref<SchemaObject>(doc, items) : {};
    return [type, (item["x-invariants"] as Invariant[] | undefined) ?? []];
  });
}

/** Records breaking an invariant of their item schema are invalid, like a schema violation. */
function invariantErrors(batch: IngestBatch, invariants: RecordInvariants): RecordError[] {
  const errors: RecordError[] = [];
  for (const [type, list] of invariants) {
    if (list.length === 0) continue;
    ((batch[type] ?? []) as Record<string, unknown>[]).forEach((record, index) => {
      const scope = { ...record, this: record };
      const broken = list.filter((inv) => !checkInvariant(inv, scope).ok);
      if (broken.length > 0) {
        const id = typeof record.id === "string" ? record.id : null;
        errors.push({ recordType: type, index, id, reason: broken.map((inv) => `breaks ${inv.id}: ${inv.expr}`).join("; ") });
      }
    });
  }
  return errors;
}

const invalid = (n: number) => `${n === 1 ? "1 record is" : `${n} records are`} invalid; nothing was stored.`;

export function ingestBatch(invariants: RecordInvariants) {
  return ({ org, body }: Asked<"ingestBatch">): Answer<SuccessBody<"ingestBatch">> => {
    const batch = body as IngestBatch;
    const broken = invariantErrors(batch, invariants);
    if (broken.length > 0) return failure(400, invalid(broken.length), { errors: broken });
    const outcome = ingest(org, batch);
    if (outcome.kind === "invalid") return failure(400, invalid(outcome.errors.length), { errors: outcome.errors });
    if (outcome.kind === "conflict") {
      const n = outcome.errors.length;
      return failure(409, `${n === 1 ? "1 record reuses" : `${n} records reuse`} a stored id with different content; nothing was stored.`, { errors: outcome.errors });
    }
    return ok(outcome.result);
  };
}

export function ingestContext({ org }: Asked<"getIngestContext">): Answer<SuccessBody<"getIngestContext">> {
  return ok({ ...org.caller });
}
