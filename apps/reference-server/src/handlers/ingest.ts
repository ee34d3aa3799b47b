import type { Handlers } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { ingestBatch } from "../ingest/ingest.js";

const plural = (n: number) => (n === 1 ? "1 record is" : `${n} records are`);

export const ingestHandlers = {
  // The batch is valid against its schema and its records' x-invariants (the pipeline checked
  // them); what is left is what only stored records can tell: references and conflicts.
  async ingestBatch({ body }, { db, auth }, reply) {
    const outcome = await ingestBatch(db, auth.organizationId, body);
    if (outcome.kind === "invalid") {
      throw new HttpError(400, `${plural(outcome.errors.length)} invalid; nothing was stored.`, { errors: outcome.errors });
    }
    if (outcome.kind === "conflict") {
      const n = outcome.errors.length;
      throw new HttpError(409, `${n === 1 ? "1 record reuses" : `${n} records reuse`} a stored id with different content; nothing was stored.`, {
        errors: outcome.errors,
      });
    }
    return reply(200, outcome.result);
  },

  async getIngestContext(_request, { auth }, reply) {
    return reply(200, { organizationId: auth.organizationId, userId: auth.userId, role: auth.role });
  },
} satisfies Partial<Handlers>;
