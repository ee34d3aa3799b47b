import {
  ContractValidator,
  declaredHeaders,
  describeIssues,
  document as mergedDocument,
  errorResponse,
  listOperations,
  matchRoute,
  parseRequest,
  presentedCredential,
  problem,
  requiresCredentials,
  responseFor,
  routeErrorResponse,
  responseSchemaPointer,
  successStatuses,
  validationStatus,
  type ErrorResponse,
  type OpenApiDocument,
  type Operation,
  type ParsedRequest,
} from "@agent-analytics/contract";
import { corsHeaders } from "./http/cors.js";
import { isControlParameter, parsePreferHeader, parsePreferQuery, type MockPreferences } from "./http/prefer.js";
import { normalizedQuery, splitUrl, type MockRequest, type MockResponse } from "./http/request-parts.js";
import { pickDelay, pickFailure } from "./faults.js";
import { resolveOptions, type MockOptions, type ResolvedOptions } from "./options.js";
import { hashSeed, planResponses, solveBody, type ResponsePlan } from "./solver/index.js";
import { indexExamples, type StaticExample } from "./static-examples.js";
import { parseBody } from "./http/body.js";
import { ResponseCache } from "./response-cache.js";
import { recordErrors } from "./http/record-errors.js";
import { controlRequest } from "./world/control.js";
import { World, type Answer } from "./world/index.js";

/**
 * The mock as a function from request to response, with everything derived from the contract
 * compiled once: routes, validators, per-response solving plans and serialized examples.
 */
export class MockEngine {
  readonly doc: OpenApiDocument;
  readonly options: ResolvedOptions;
  private readonly validator: ContractValidator;
  private readonly plans: Map<string, ResponsePlan>;
  private readonly examples: Map<string, StaticExample[]>;
  private readonly cache: ResponseCache;
  /** The simulated organisation that answers the operations docs/semantics.md covers. */
  readonly world: World;

  constructor(options: MockOptions = {}) {
    this.doc = options.document ?? mergedDocument;
    this.options = resolveOptions(options);
    this.validator = new ContractValidator(this.doc);
    const operations = listOperations(this.doc);
    this.plans = planResponses(this.doc);
    this.examples = indexExamples(this.doc, operations);
    this.cache = new ResponseCache(this.options.cacheSize);
    const { seed, now, worldDays: days, worldScale: scale } = this.options;
    this.world = new World({ seed, now, days, scale, document: this.doc });
  }

  /**
   * Compiles every response validator, one operation per macrotask. The server calls this right
   * after it starts listening: start-up stays short, and the first requests rarely pay for a compile.
   */
  warm(): Promise<void> {
    const operations = listOperations(this.doc);
    return new Promise((resolve) => {
      const next = (i: number) => {
        if (i >= operations.length) return resolve();
        const operation = operations[i]!;
        for (const status of successStatuses(operation)) {
          const plan = this.plans.get(`${operation.operationId} ${status}`);
          if (plan?.schema) this.validator.validate(responseSchemaPointer(operation, String(status), plan.mediaType), null);
        }
        setImmediate(() => next(i + 1));
      };
      setImmediate(() => next(0));
    });
  }

  handle(request: MockRequest): MockResponse {
    const cors = this.options.cors ? corsHeaders(request) : {};
    try {
      return this.route(request, cors);
    } catch (error) {
      // Bad input must never take the mock down; reaching here is a bug in the mock, reported as such.
      const failure = problem(500, `the mock failed to answer: ${(error as Error).message}`);
      return this.reply(failure, cors, 0);
    }
  }

  private route(request: MockRequest, cors: Record<string, string>): MockResponse {
    const { pathname, query } = splitUrl(request.url);
    const control = controlRequest(this.world, request.method, pathname, query, credentialOf(request.headers));
    if (control) return { status: control.status, headers: { ...cors, "content-type": "application/json" }, body: JSON.stringify(control.body), delayMs: 0 };
    const match = matchRoute(this.doc, request.method, pathname);
    if (match.kind !== "operation") {
      // Under a module's prefix, in that module's format; elsewhere a problem.
      const routed = routeErrorResponse(this.doc, match, request.method, pathname);
      return this.reply(routed, { ...cors, ...lowerCase(routed.headers) }, 0);
    }
    const { operation, pathParams } = match;

    const prefer = request.headers.prefer;
    const parsedPrefer =
      prefer !== undefined ? parsePreferHeader(Array.isArray(prefer) ? prefer.join(",") : prefer) : parsePreferQuery(query);
    if (!parsedPrefer.ok) return this.reply(problem(422, parsedPrefer.message), cors, 0);
    const prefs = parsedPrefer.preferences;
    const delayMs = pickDelay(prefs.delay ?? this.options.delay);
    for (const key of Object.keys(query)) if (isControlParameter(key)) delete query[key];

    // An explicitly requested error is served as asked, whatever the request holds.
    if (prefs.code !== undefined && prefs.code >= 400) return this.answer(operation, prefs.code, prefs, undefined, request, cors, delayMs);

    if (requiresCredentials(operation) && !presentedCredential(this.doc, operation, request.headers)) {
      const denied = errorResponse(this.doc, operation, 401, "missing or malformed credentials");
      return this.reply(denied, { ...cors, "www-authenticate": "Bearer" }, delayMs);
    }
    const body = parseBody(operation, request);
    if (!body.ok) return this.reply(errorResponse(this.doc, operation, body.status ?? validationStatus(operation), body.message), cors, delayMs);
    const parsed = parseRequest(this.doc, this.validator, operation, { pathParams, query, headers: request.headers, body: body.value });
    if (!parsed.ok) {
      const invalid = errorResponse(this.doc, operation, validationStatus(operation), describeIssues(parsed.issues));
      const errors = recordErrors(operation, parsed.issues, body.value);
      return this.reply(errors ? withFields(invalid, { errors }) : invalid, cors, delayMs);
    }

    const failure = pickFailure(prefs.failRate ?? this.options.failRate);
    if (failure) {
      const injected = errorResponse(this.doc, operation, failure.status, failure.message);
      return this.reply(injected, { ...cors, ...failure.headers }, delayMs);
    }
    return this.answer(operation, prefs.code ?? successStatuses(operation)[0] ?? 200, prefs, parsed.request, request, cors, delayMs);
  }

  private answer(
    operation: Operation,
    status: number,
    prefs: MockPreferences,
    parsed: ParsedRequest | undefined,
    request: MockRequest,
    cors: Record<string, string>,
    delayMs: number,
  ): MockResponse {
    const response = responseFor(operation, status);
    if (!response || !Object.keys(operation.responses).includes(String(status))) {
      return this.reply(problem(422, `${operation.operationId} does not document status ${status}`), cors, 0);
    }
    const examples = this.examples.get(`${operation.operationId} ${status}`) ?? [];
    if (prefs.example !== undefined && !examples.some((e) => e.name === prefs.example)) {
      const names = examples.map((e) => e.name).join(", ") || "none";
      return this.reply(problem(422, `no example '${prefs.example}' for ${operation.operationId} ${status} (examples: ${names})`), cors, 0);
    }
    const dynamic = prefs.example !== undefined ? false : (prefs.dynamic ?? this.options.dynamic);
    const content = response.content !== undefined && Object.keys(response.content).length > 0;
    // Headers whose value the contract declares from the request (the `limit` applied).
    const replyHeaders = { ...cors };
    if (parsed && status < 300) for (const header of declaredHeaders(this.doc, operation, status, parsed)) replyHeaders[header.name.toLowerCase()] = header.value;
    if (!content) return { status, headers: replyHeaders, body: "", delayMs };

    if (!dynamic && examples.length > 0) {
      const chosen = examples.find((e) => e.name === prefs.example) ?? examples[0]!;
      return { status, headers: { ...replyHeaders, "content-type": chosen.contentType }, body: chosen.body, delayMs };
    }
    if (parsed && this.world.answers(operation)) {
      const key = presentedCredential(this.doc, operation, request.headers)?.value ?? "";
      const answered = this.world.answer(operation, parsed, key);
      if (!wantsGenerated(prefs, answered)) {
        return this.fromWorld(operation, parsed, answered, cors, answered.kind === "ok" && answered.status === status ? replyHeaders : undefined, delayMs);
      }
    }
    const plan = this.plans.get(`${operation.operationId} ${status}`);
    if (status >= 400 || !plan || !parsed) {
      const message = `mocked ${status} response for ${operation.operationId}`;
      return this.reply(errorResponse(this.doc, operation, status, message), cors, delayMs);
    }
    const { query } = splitUrl(request.url);
    // The operation's own path, so that a request under a base path (`/api-proxy`) gets the same data.
    const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(parsed.path[name])));
    const identity = [request.method.toUpperCase(), path, normalizedQuery(query, (k) => !isControlParameter(k)), request.body ?? ""];
    const cacheKey = `${operation.operationId} ${status} ${identity.join(" ")} ${prefs.seed ?? this.options.seed}`;
    const cached = this.cache.get(cacheKey);
    const headers = { ...replyHeaders, "content-type": plan.mediaType };
    if (cached !== undefined) return { status, headers, body: cached, delayMs };
    const seed = hashSeed(...identity, prefs.seed ?? this.options.seed);
    const generated = solveBody(plan, parsed, { seed, now: this.options.now, validator: this.validator });
    if (!generated.verified) {
      // No body can honour the contract for this request (a reversed range, a range longer than a
      // list may be): answered as the operation answers a request it cannot serve.
      const message = `no response satisfies the contract for this request (${generated.reason})`;
      return this.reply(errorResponse(this.doc, operation, validationStatus(operation), message), cors, delayMs);
    }
    const text = JSON.stringify(generated.body);
    this.cache.set(cacheKey, text);
    return { status, headers, body: text, delayMs };
  }

  /**
   * The world's answer: its body, or an error in the module's format. `declared` are the headers
   * the contract derives from the request, when already computed for the answer's status.
   */
  private fromWorld(operation: Operation, parsed: ParsedRequest, answered: Answer<unknown>, cors: Record<string, string>, declared: Record<string, string> | undefined, delayMs: number): MockResponse {
    if (answered.kind === "not-found") return this.reply(errorResponse(this.doc, operation, 404, answered.message), cors, delayMs);
    if (answered.kind === "error") {
      const error = errorResponse(this.doc, operation, answered.status, answered.message);
      return this.reply(answered.extra ? withFields(error, answered.extra) : error, cors, delayMs);
    }
    const headers: Record<string, string> = { ...(declared ?? cors), "content-type": "application/json" };
    if (!declared) for (const header of declaredHeaders(this.doc, operation, answered.status, parsed)) headers[header.name.toLowerCase()] = header.value;
    return { status: answered.status, headers, body: answered.json ?? JSON.stringify(answered.body), delayMs };
  }

  private reply(error: ErrorResponse, headers: Record<string, string>, delayMs: number): MockResponse {
    return { status: error.status, headers: { ...headers, "content-type": error.contentType }, body: JSON.stringify(error.body), delayMs };
  }
}

/**
 * Whether a request the world answered asks for the solver's body instead: a status the world's
 * answer does not have (`Prefer: code=202`), or generated data (`code=200`, `dynamic=true`) where
 * the world holds nothing.
 */
function wantsGenerated(prefs: MockPreferences, answered: Answer<unknown>): boolean {
  if (answered.kind === "not-found") return prefs.code !== undefined || prefs.dynamic === true;
  return answered.kind === "ok" && prefs.code !== undefined && prefs.code !== answered.status;
}

/** An error body with more fields (the ingest problem's `errors` list). */
function withFields(error: ErrorResponse, fields: Record<string, unknown>): ErrorResponse {
  return { ...error, body: { ...(error.body as Record<string, unknown>), ...fields } };
}

/** The key a request presents in any of the contract's forms (control requests belong to no operation). */
function credentialOf(headers: MockRequest["headers"]): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization ?? ""));
  const apiKey = String(headers["x-api-key"] ?? "").trim();
  return bearer?.[1] ?? (apiKey || undefined);
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
