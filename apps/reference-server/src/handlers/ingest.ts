import { checkSchemaInvariants, document, type SchemaObject } from "@agent-analytics/spec";
import type { IngestBatch, IngestContext } from "@agent-analytics/types";
import { ingestBatch } from "../ingest/ingest.js";
import { RECORD_TYPES, type RecordType } from "../ingest/records.js";
import { ok, type Handler } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { idOf, type RecordError } from "../http/record-errors.js";

const batchSchema = (document.paths["/ingest/batch"]!.post!.requestBody as { content: Record<string, { schema: SchemaObject }> })
  .content["application/json"]!.schema;

/** Request-body invariants (e.g. IngestRun's) are validation rules: a record breaking one is invalid. */
function invariantErrors(body: IngestBatch): RecordError[] {
  const errors = new Map<string, RecordError>();
  for (const failure of checkSchemaInvariants(document, batchSchema, body)) {
    const match = /^\/([^/]+)\/(\d+)$/.exec(failure.pointer);
    if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1]!)) continue;
    const recordType = match[1] as RecordType;
    const index = Number(match[2]);
    const key = `${recordType}/${index}`;
    const reason = `breaks ${failure.invariant.id}: ${failure.invariant.expr}`;
    const existing = errors.get(key);
    if (existing) existing.reason += `; ${reason}`;
    else errors.set(key, { recordType, index, id: idOf(body, recordType, index), reason });
  }
  return [...errors.values()];
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
