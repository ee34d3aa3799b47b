import {
  contractPipeline,
  declaredHeaders,
  dispatch,
  maxBodyBytes,
  readBody,
  requiresCredentials,
  type AnyContractRequest,
  type ErrorReply,
  type HandledReply,
  type Operation,
} from "@agent-analytics/contract";
import express, { type Request, type Response, type Router } from "express";
import type { Database } from "../storage/engine.js";
import { cachedKeyLookup } from "../storage/keys.js";
import type { Handlers } from "./context.js";
import { HttpError } from "./errors.js";
import type { Gate } from "../storage/gate.js";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../storage/unavailable.js";

function send(res: Response, reply: ErrorReply): void {
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.status(reply.status).type(reply.contentType).send(JSON.stringify(reply.body));
}

/**
 * Every operation of the contract on Express: the contract's request pipeline (routing,
 * credentials, body, validation: @agent-analytics/contract), with this server's own step between
 * its stages (the key is looked up after the credential is read, and its role authorized before
 * the body's verdict is answered), then the
 * operation's handler. Errors, the pipeline's and the handlers', go out in the module's format.
 */
export function contractRouter(db: Database, handlers: Handlers, track: (work: Promise<unknown>) => void, gate: Gate): Router {
  const pipeline = contractPipeline();
  const findKey = cachedKeyLookup(db);
  const router = express.Router();

  router.use(async (req: Request, res: Response) => {
    let operation: Operation | undefined;
    try {
      const routed = pipeline.route(req.method, req.originalUrl);
      if (!routed.ok) return send(res, routed.error);
      operation = routed.route.operation;
      const presented = pipeline.credential(routed.route, req.headers);
      if (!presented.ok) return send(res, presented.error);
      // Past a full line, shed before the body is read or validated: under overload the cheapest
      // answer leaves the event loop to the requests that hold the database.
      if (gate.shedding) throw gate.atCapacity();
      // The body is read and checked before the request takes its turn at the database: a slow
      // upload holds no slot, and hostile input is refused whenever the line has room.
      const body = operation.requestBody ? await readBody(req, maxBodyBytes(operation)) : undefined;
      const validated = pipeline.validate(routed.route, { headers: req.headers, body, credential: presented.credential });
      const outcome = await gate.run(async (): Promise<{ error: ErrorReply } | { reply: HandledReply; request: AnyContractRequest }> => {
        const op = routed.route.operation;
        const auth = presented.credential ? await findKey(presented.credential.value) : undefined;
        if (!auth && requiresCredentials(op)) return { error: pipeline.unauthorized(op) };
        // The key's role against the operation's `x-required-role` (writes: admin), before the body's verdict.
        const allowed = pipeline.authorize(op, auth?.role);
        if (!allowed.ok) return { error: allowed.error };
        if (!validated.ok) return { error: validated.error };
        // Every operation of the contract requires a key, so `auth` is set for each of them.
        return { reply: await dispatch(handlers, validated.request, { db, auth: auth!, log: req.log, track }), request: validated.request };
      });
      if ("error" in outcome) return send(res, outcome.error);
      const { reply } = outcome;
      for (const header of declaredHeaders(pipeline.doc, operation, reply.status, outcome.request)) res.setHeader(header.name, header.value);
      res.status(reply.status).type("application/json").send(JSON.stringify(reply.body));
    } catch (error) {
      if (error instanceof HttpError) return send(res, pipeline.errorReply(operation, error.status, error.message, error.extra, error.headers));
      // A lost database connection, or a full line for it: nothing was changed, a retry is safe.
      if (isDatabaseUnavailable(error)) {
        const retryAfter = error instanceof DatabaseUnavailableError ? error.retryAfterSeconds : 1;
        if (!(error instanceof DatabaseUnavailableError)) req.log.warn({ err: error }, "database unavailable");
        return send(res, pipeline.errorReply(operation, 503, error instanceof DatabaseUnavailableError ? error.message : "The database is unavailable; retry shortly.", {}, { "retry-after": String(retryAfter) }));
      }
      // A client that went away while its body was read leaves nobody to answer.
      if (req.destroyed) return;
      req.log.error({ err: error }, "request failed");
      send(res, pipeline.errorReply(operation, 500, "Internal server error."));
    }
  });

  return router;
}
