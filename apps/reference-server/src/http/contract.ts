import {
  ContractValidator,
  declaredHeaders,
  describeIssues,
  document,
  errorResponse,
  matchRoute,
  parseRequest,
  presentedCredential,
  problem,
  requiresCredentials,
  routeErrorResponse,
  validationStatus,
  type ErrorResponse,
  type Operation,
} from "@agent-analytics/contract";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Database } from "../storage/engine.js";
import { cachedKeyLookup, type KeyContext } from "../storage/keys.js";
import type { Handler, HandlerContext } from "./context.js";
import { HttpError } from "./errors.js";
import { recordErrors } from "./record-errors.js";

export const validator = new ContractValidator(document);

interface Locals {
  operation?: Operation;
  pathParams?: Record<string, string>;
  auth?: KeyContext;
}

/** Sends an error in the format of the operation's module (a plain problem outside any operation). */
export function sendError(res: Response, operation: Operation | undefined, error: HttpError): void {
  const response = operation ? errorResponse(document, operation, error.status, error.message) : problem(error.status, error.message);
  send(res, response, error.extra, error.headers);
}

function send(res: Response, response: ErrorResponse, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  const body = { ...(response.body as Record<string, unknown>), ...extra };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(response.status).type(response.contentType).send(JSON.stringify(body));
}

const largestBody = Math.max(
  1024,
  ...Object.values(document.paths).flatMap((item) =>
    Object.values(item).map((op) => {
      const body = (op as { requestBody?: { "x-max-bytes"?: number } }).requestBody;
      return body?.["x-max-bytes"] ?? 0;
    }),
  ),
);

/**
 * The whole request pipeline, driven by the merged document: route by matchRoute, authenticate
 * with the operation's security schemes, read the JSON body within the operation's declared
 * bounds, validate everything with parseRequest, then call the operation's handler.
 */
export function contractRouter(db: Database, handlers: Record<string, Handler>, track: (work: Promise<unknown>) => void): Router {
  const router = express.Router();
  const findKey = cachedKeyLookup(db);

  router.use((req: Request, res: Response, next: NextFunction) => {
    const match = matchRoute(document, req.method, req.path);
    if (match.kind !== "operation") {
      // Under a module's prefix, in that module's format; elsewhere a problem.
      const routed = routeErrorResponse(document, match, req.method, req.path);
      return send(res, routed, {}, routed.headers);
    }
    (res.locals as Locals).operation = match.operation;
    (res.locals as Locals).pathParams = match.pathParams;
    next();
  });

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const operation = (res.locals as Locals).operation!;
    if (!requiresCredentials(operation)) return next();
    const credential = presentedCredential(document, operation, req.headers);
    const auth = credential ? await findKey(credential.value) : undefined;
    if (!auth) return sendError(res, operation, new HttpError(401, "A valid API key is required."));
    (res.locals as Locals).auth = auth;
    next();
  });

  // Bodies are read only for operations that take one, up to the largest declared bound; the
  // operation's own bound is checked right after.
  const json = express.json({ limit: largestBody, type: () => true });
  router.use((req: Request, res: Response, next: NextFunction) => {
    const operation = (res.locals as Locals).operation!;
    if (!operation.requestBody) return next();
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (!Object.keys(operation.requestBody.content).includes(type) && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
      // 415 where the operation documents it, else the module's validation status.
      const status = operation.responses["415"] ? 415 : validationStatus(operation);
      return sendError(res, operation, new HttpError(status, `The body must be ${Object.keys(operation.requestBody.content).join(" or ")}.`));
    }
    const limit = operation.requestBody["x-max-bytes"];
    if (limit !== undefined && Number(req.headers["content-length"] ?? 0) > limit) {
      return sendError(res, operation, new HttpError(413, `A body holds at most ${limit} bytes.`));
    }
    json(req, res, next);
  });

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const locals = res.locals as Locals;
    const operation = locals.operation!;
    try {
      const body = operation.requestBody ? (req.body as unknown) : undefined;
      const maxRecords = operation.requestBody?.["x-max-records"];
      if (maxRecords !== undefined && body && typeof body === "object" && !Array.isArray(body)) {
        const count = Object.values(body).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
        if (count > maxRecords) throw new HttpError(413, `A batch holds at most ${maxRecords} records; this one holds ${count}.`);
      }
      const parsed = parseRequest(document, validator, operation, {
        pathParams: locals.pathParams ?? {},
        query: req.query as Record<string, string | string[] | undefined>,
        headers: req.headers,
        body,
      });
      if (!parsed.ok) {
        const errors = recordErrors(operation, parsed.issues, body);
        throw new HttpError(validationStatus(operation), describeIssues(parsed.issues).slice(0, 2000), errors ? { errors } : {});
      }
      const handler = handlers[operation.operationId];
      if (!handler) throw new HttpError(500, "Not implemented.");
      const ctx: HandlerContext = { db, auth: locals.auth!, request: parsed.request, operation, log: req.log, track };
      const result = await handler(ctx);
      for (const header of declaredHeaders(document, operation, result.status, parsed.request)) res.setHeader(header.name, header.value);
      res.status(result.status).type(result.contentType ?? "application/json").send(JSON.stringify(result.body));
    } catch (error) {
      next(error);
    }
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const operation = (res.locals as Locals).operation;
    if (error instanceof HttpError) return sendError(res, operation, error);
    const bodyError = error as { type?: string; status?: number };
    if (bodyError.type === "entity.parse.failed") {
      return sendError(res, operation, new HttpError(operation ? validationStatus(operation) : 400, "The body is not valid JSON."));
    }
    if (bodyError.type === "entity.too.large") return sendError(res, operation, new HttpError(413, "The body is too large."));
    if (typeof bodyError.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
      const status = operation ? validationStatus(operation) : 400;
      return sendError(res, operation, new HttpError(status, "The request body could not be read."));
    }
    req.log.error({ err: error }, "request failed");
    sendError(res, operation, new HttpError(500, "Internal server error."));
  });

  return router;
}
