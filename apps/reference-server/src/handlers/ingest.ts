import { checkInvariant, deref, document, type Invariant, type SchemaObject } from "@agent-analytics/contract";
import type { IngestBatch, IngestContext } from "@agent-analytics/types";
import { ingestBatch } from "../ingest/ingest.js";
import { RECORD_TYPES, type RecordType } from "../ingest/records.js";
import { ok, type Handler } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { idOf, type RecordError } from "../http/record-errors.js";

const batchSchema = deref<SchemaObject>(
  document,
  (document.paths["/ingest/batch"]!.post!.requestBody as { content: Record<string, { schema: SchemaObject }> }).content["application/json"]!.schema,
);

/** The `x-invariants` of each record type's item schema (IngestRun's), read from the document once. */
const recordInvariants: [RecordType, Invariant[]][] = RECORD_TYPES.map((type) => {
  const property = (batchSchema.properties as Record<string, SchemaObject>)[type]!;
  const item = deref<SchemaObject>(document, property.items as SchemaObject);
  return [type, (item["x-invariants"] as Invariant[] | undefined) ?? []];
});

/**
 * Request-body invariants are validation rules: a record breaking one is invalid. Checked per
 * record against its item schema's invariants (a generic walk of the whole batch costs far more).
 */
function invariantErrors(body: IngestBatch): RecordError[] {
  const errors: RecordError[] = [];
  for (const [type, invariants] of recordInvariants) {
    if (invariants.length === 0) continue;
    ((body[type] ?? []) as Record<string, unknown>[]).forEach((record, index) => {
      const scope = { ...record, this: record };
      const broken = invariants.filter((inv) => !checkInvariant(inv, scope).ok);
      if (broken.length > 0) {
        errors.push({ recordType: type, index, id: idOf(body, type, index), reason: broken.map((inv) => `breaks ${inv.id}: ${inv.expr}`).join("; ") });
      }
    });
  }
  return errors;
}

const plural = (n: number) => (n === 1 ? "1 record is" : `${n} records are`);

export const ingestHandlers: Record<string, Handler> = {
  async ingestBatch({ db, auth, request }) {
    const batch = request.body as IngestBatch;
    const broken = invariantErrors(batch);
    if (broken.length > 0) throw new HttpError(400, `${plural(broken.length)} invalid; nothing was stored.`, { errors: broken });
    const outcome = await ingestBatch(db, auth.organizationId, batch);
    if (outcome.kind === "invalid") {
      throw new HttpError(400, `${plural(outcome.errors.length)} invalid; nothing was stored.`, { errors: outcome.errors });
    }
    if (outcome.kind === "conflict") {
      const n = outcome.errors.length;
      throw new HttpError(409, `${n === 1 ? "1 record reuses" : `${n} records reuse`} a stored id with different content; nothing was stored.`, {
        errors: outcome.errors,
      });
    }
    return ok(outcome.result);
  },

  async getIngestContext({ auth }) {
    const body: IngestContext = { organizationId: auth.organizationId, userId: auth.userId, role: auth.role };
    return ok(body);
  },
};
