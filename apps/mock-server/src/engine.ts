import {
  createPipeline,
  declaredHeaders,
  document as mergedDocument,
  listOperations,
  matchRoute,
  problem,
  responseFor,
  responseSchemaPointer,
  routeErrorResponse,
  successStatuses,
  validationStatus,
  type ErrorResponse,
  type OpenApiDocument,
  type Operation,
  type QueryValues,
  type RequestPipeline,
  type ValidatedRequest,
} from "@agent-analytics/contract";
import { documentedHeaderValues } from "./documented-headers.js";
import { acceptable } from "./http/accept.js";
import { corsHeaders } from "./http/cors.js";
import { isControlParameter, parsePreferHeader, parsePreferQuery, type MockPreferences } from "./http/prefer.js";
import { bodyText, normalizedQuery, type MockRequest, type MockResponse } from "./http/request-parts.js";
import { pickDelay, pickFailure } from "./faults.js";
import { reasonOf } from "./log/request-log.js";
import { resolveOptions, type MockOptions, type ResolvedOptions } from "./options.js";
import { hashSeed, planResponses, solveBody, type ResponsePlan } from "./solver/index.js";
import { indexExamples, type StaticExample } from "./static-examples.js";
import { ResponseCache } from "./response-cache.js";
import { controlRequest } from "./world/control.js";
import { World, type Answer } from "./world/index.js";

/**
 * The mock as a function from request to response, with everything derived from the contract
 * compiled once: the request pipeline, per-response solving plans and serialized examples.
 */
export class MockEngine {
  readonly doc: OpenApiDocument;
  readonly options: ResolvedOptions;
  readonly pipeline: RequestPipeline;
  private readonly plans: Map<string, ResponsePlan>;
  private readonly examples: Map<string, StaticExample[]>;
  private readonly cache: ResponseCache;
  /** The simulated organisation that answers the operations docs/semantics.md covers. */
  readonly world: World;

  constructor(options: MockOptions = {}) {
    this.doc = options.document ?? mergedDocument;
    this.options = resolveOptions(options);
    this.pipeline = createPipeline(this.doc);
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
          if (plan?.schema) this.pipeline.validator.validate(responseSchemaPointer(operation, String(status), plan.mediaType), null);
        }
        setImmediate(() => next(i + 1));
      };
      setImmediate(() => next(0));
    });
  }

  handle(request: MockRequest): MockResponse {
    const cors = this.options.cors ? corsHeaders(request) : {};
    try {
      return this.serve(request, cors);
    } catch (error) {
      // Bad input must never take the mock down; reaching here is a bug in the mock, reported as such.
      const failure = problem(500, `the mock failed to answer: ${(error as Error).message}`);
      return this.reply(failure, cors, 0);
    }
  }

  /**
   * The contract's request pipeline (route, credential, authorize, validate), with the mock's own controls
   * between its steps: `Prefer` (or its `__` query forms) once the operation is known, an error asked
   * for served before anything else is checked, and injected failures once the request is valid.
   * The world's controls (`/__mock/...`) come first: no operation lives there.
   */
  private serve(request: MockRequest, cors: Record<string, string>): MockResponse {
    const control = controlRequest(this.world, request);
    if (control) return { status: control.status, headers: { ...cors, "content-type": control.contentType }, body: JSON.stringify(control.body), delayMs: 0 };
    const routed = this.pipeline.route(request.method, request.url);
    if (!routed.ok) return this.reply(routed.error, cors, 0);
    const { route } = routed;

    const prefer = request.headers.prefer;
    const parsedPrefer =
      prefer !== undefined ? parsePreferHeader(Array.isArray(prefer) ? prefer.join(",") : prefer) : parsePreferQuery(route.query);
    if (!parsedPrefer.ok) return this.reply(problem(422, parsedPrefer.message), cors, 0);
    const prefs = parsedPrefer.preferences;
    const delayMs = pickDelay(prefs.delay ?? this.options.delay);

    // HEAD only where the contract documents it (the pipeline routes it to GET): Prism's 405.
    if (request.method.toUpperCase() === "HEAD" && route.operation.method !== "head") return this.reply(this.headNotAllowed(route.operation, route.pathname), cors, 0);

    // An explicitly requested error is served as asked, whatever the request holds, with the headers its response documents.
    if (prefs.code !== undefined && prefs.code >= 400) {
      const refused = this.notAcceptable(route.operation, prefs.code, request, cors);
      if (refused) return refused;
      const answered = this.answer(route.operation, prefs.code, prefs, undefined, request, route.query, cors, delayMs);
      return { ...answered, headers: { ...documentedHeaderValues(this.doc, route.operation, answered.status), ...answered.headers } };
    }

    const presented = this.pipeline.credential(route, request.headers);
    if (!presented.ok) return this.reply(presented.error, cors, delayMs);
    // Every key is valid to the mock; its role is the world's (a key containing "member" is a member).
    const role = presented.credential ? this.world.callerOf(presented.credential.value).role : undefined;
    const allowed = this.pipeline.authorize(route.operation, role);
    if (!allowed.ok) return this.reply(allowed.error, cors, delayMs);
    const validated = this.pipeline.validate(route, { headers: request.headers, body: request.body, credential: presented.credential });
    if (!validated.ok) return this.reply(validated.error, cors, delayMs);

    const refused = this.notAcceptable(route.operation, prefs.code ?? successStatuses(route.operation)[0] ?? 200, request, cors);
    if (refused) return refused;
    const failure = pickFailure(prefs.failRate ?? this.options.failRate);
    if (failure) return this.reply(this.pipeline.errorReply(route.operation, failure.status, failure.message, {}, failure.headers), cors, delayMs);
    const status = prefs.code ?? successStatuses(route.operation)[0] ?? 200;
    return this.answer(route.operation, status, prefs, validated.request, request, route.query, cors, delayMs);
  }

  /**
   * Answers a request with a documented status: the example asked for (or the first one, when
   * static), else, for a validated request, a body generated for it. An error status asked for
   * with `Prefer: code` has no validated request and gets the module's error body.
   */
  private answer(
    operation: Operation,
    status: number,
    prefs: MockPreferences,
    validated: ValidatedRequest | undefined,
    request: MockRequest,
    query: QueryValues,
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
    if (validated && status < 300) for (const header of declaredHeaders(this.doc, operation, status, validated)) replyHeaders[header.name.toLowerCase()] = header.value;
    if (!content) return { status, headers: replyHeaders, body: "", delayMs };

    if (!dynamic && examples.length > 0) {
      const chosen = examples.find((e) => e.name === prefs.example) ?? examples[0]!;
      return { status, headers: { ...replyHeaders, "content-type": chosen.contentType }, body: chosen.body, delayMs };
    }
    if (validated && this.world.answers(operation)) {
      const answered = this.world.answer(validated);
      if (!wantsGenerated(prefs, answered)) return this.fromWorld(validated, answered, cors, answered.kind === "ok" && answered.status === status ? replyHeaders : undefined, delayMs);
    }
    const plan = this.plans.get(`${operation.operationId} ${status}`);
    if (status >= 400 || !plan || !validated) {
      const message = `mocked ${status} response for ${operation.operationId}`;
      return this.reply(this.pipeline.errorReply(operation, status, message), cors, delayMs);
    }
    // The operation's own path, so that a request under a base path (`/api-proxy`) gets the same data.
    const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(validated.path[name])));
    const identity = [request.method.toUpperCase(), path, normalizedQuery(query, (k) => !isControlParameter(k)), bodyText(request.body)];
    const cacheKey = `${operation.operationId} ${status} ${identity.join(" ")} ${prefs.seed ?? this.options.seed}`;
    const cached = this.cache.get(cacheKey);
    const headers = { ...replyHeaders, "content-type": plan.mediaType };
    if (cached !== undefined) return { status, headers, body: cached, delayMs };
    const seed = hashSeed(...identity, prefs.seed ?? this.options.seed);
    const generated = solveBody(plan, validated, { seed, now: this.options.now, validator: this.pipeline.validator });
    if (!generated.verified) {
      // No body can honour the contract for this request (a reversed range, a range longer than a
      // list may be): answered as the operation answers a request it cannot serve.
      const message = `no response satisfies the contract for this request (${generated.reason})`;
      return this.reply(this.pipeline.errorReply(operation, validationStatus(operation), message), cors, delayMs);
    }
    const text = JSON.stringify(generated.body);
    this.cache.set(cacheKey, text);
    return { status, headers, body: text, delayMs };
  }

  /**
   * The world's answer: its body, or an error in the module's format. `declared` are the headers
   * the contract derives from the request, when already computed for the answer's status.
   */
  private fromWorld(validated: ValidatedRequest, answered: Answer<unknown>, cors: Record<string, string>, declared: Record<string, string> | undefined, delayMs: number): MockResponse {
    const { operation } = validated;
    if (answered.kind === "not-found") return this.reply(this.pipeline.errorReply(operation, 404, answered.message), cors, delayMs);
    if (answered.kind === "error") return this.reply(this.pipeline.errorReply(operation, answered.status, answered.message, answered.extra), cors, delayMs);
    const headers: Record<string, string> = { ...(declared ?? cors), "content-type": "application/json" };
    if (!declared) for (const header of declaredHeaders(this.doc, operation, answered.status, validated)) headers[header.name.toLowerCase()] = header.value;
    return { status: answered.status, headers, body: answered.json ?? JSON.stringify(answered.body), delayMs };
  }

  /** 406 when the request's `Accept` admits none of the media types documented for the status it would get. */
  private notAcceptable(operation: Operation, status: number, request: MockRequest, cors: Record<string, string>): MockResponse | undefined {
    const types = Object.keys(responseFor(operation, status)?.content ?? {});
    if (acceptable(request.headers.accept, types)) return undefined;
    const message = `Accept ${JSON.stringify(request.headers.accept)} admits none of the media types of ${operation.operationId} ${status} (${types.join(", ")}).`;
    return this.reply(this.pipeline.errorReply(operation, 406, message), cors, 0);
  }

  /** The 405 of a HEAD the contract does not document, with the methods it documents on the path. */
  private headNotAllowed(operation: Operation, pathname: string): ErrorResponse & { headers: Record<string, string> } {
    const methods = [...new Set(listOperations(this.doc).map((op) => op.method))];
    const allow = methods.filter((method) => {
      const match = matchRoute(this.doc, method, pathname);
      return match.kind === "operation" && match.operation.method === method;
    });
    const match = { kind: "method-not-allowed" as const, allow: allow.map((m) => m.toUpperCase()), module: operation.conformanceClass };
    const error = routeErrorResponse(this.doc, match, "HEAD", pathname);
    return { ...error, headers: Object.fromEntries(Object.entries(error.headers).map(([k, v]) => [k.toLowerCase(), v])) };
  }

  private reply(error: ErrorResponse & { headers?: Record<string, string> }, cors: Record<string, string>, delayMs: number): MockResponse {
    const reason = reasonOf(error.status, error.body);
    return { status: error.status, headers: { ...cors, ...error.headers, "content-type": error.contentType }, body: JSON.stringify(error.body), delayMs, ...(reason === undefined ? {} : { reason }) };
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
