import {
  contractPipeline,
  declaredHeaders,
  dispatch,
  maxBodyBytes,
  readBody,
  requiresCredentials,
  type ErrorReply,
  type Operation,
} from "@agent-analytics/contract";
import express, { type Request, type Response, type Router } from "express";
import type { Database } from "../storage/engine.js";
import { cachedKeyLookup } from "../storage/keys.js";
import type { Handlers } from "./context.js";
import { HttpError } from "./errors.js";

function send(res: Response, reply: ErrorReply): void {
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.status(reply.status).type(reply.contentType).send(JSON.stringify(reply.body));
}

/**
 * Every operation of the contract on Express: the contract's request pipeline (routing,
 * credentials, body, validation: @agent-analytics/contract), with this server's own step between
 * its stages (the key is looked up after the credential is read, before the body is), then the
 * operation's handler. Errors, the pipeline's and the handlers', go out in the module's format.
 */
export function contractRouter(db: Database, handlers: Handlers, track: (work: Promise<unknown>) => void): Router {
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
      const auth = presented.credential ? await findKey(presented.credential.value) : undefined;
      if (!auth && requiresCredentials(operation)) return send(res, pipeline.unauthorized(operation));
      const body = operation.requestBody ? await readBody(req, maxBodyBytes(operation)) : undefined;
      const validated = pipeline.validate(routed.route, { headers: req.headers, body, credential: presented.credential });
      if (!validated.ok) return send(res, validated.error);

      // Every operation of the contract requires a key, so `auth` is set for each of them.
      const reply = await dispatch(handlers, validated.request, { db, auth: auth!, log: req.log, track });
      for (const header of declaredHeaders(pipeline.doc, operation, reply.status, validated.request)) res.setHeader(header.name, header.value);
      res.status(reply.status).type("application/json").send(JSON.stringify(reply.body));
    } catch (error) {
      if (error instanceof HttpError) return send(res, pipeline.errorReply(operation, error.status, error.message, error.extra, error.headers));
      // A client that went away while its body was read leaves nobody to answer.
      if (req.destroyed) return;
      req.log.error({ err: error }, "request failed");
      send(res, pipeline.errorReply(operation, 500, "Internal server error."));
    }
  });

  return router;
}
