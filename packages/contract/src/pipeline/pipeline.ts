import { document as mergedDocument, type OpenApiDocument } from "../document.js";
import { errorResponse, type ErrorResponse } from "../errors.js";
import { listOperations, matchRoute, validationStatus, type Operation } from "../operations.js";
import { requestBodySchemaPointer } from "../pointers.js";
import { describeIssues, parseRequest, type RawRequest, type RequestIssue } from "../request.js";
import { credentialForms, presentedCredential, refusesRole, requiredRole, requiresCredentials, type Credential } from "../security.js";
import { ContractValidator } from "../validator.js";
import { routeErrorResponse } from "../errors.js";
import { checkRecordCount, decodeBody, maxBodyBytes } from "./body.js";
import { compileBodyInvariants } from "./body-invariants.js";
import { parseTarget, type HttpHeaders, type HttpRequest, type QueryValues } from "./http-request.js";
import type { InputPolicy } from "./input-policy.js";
import { recordErrors } from "./record-errors.js";
import { forbiddenTextPolicy } from "./storable-text.js";
import type { AnyContractRequest, ValidatedRequest } from "./validated-request.js";

/** An error answer, in the format of the module it concerns; header names are lower-case. */
export interface ErrorReply extends ErrorResponse {
  headers: Record<string, string>;
}

/** The outcome of one step: what it found, or the error to answer with. */
export type Step<T> = ({ ok: true } & T) | { ok: false; error: ErrorReply };

/** A request matched to an operation, not yet checked any further. */
export interface Route {
  operation: Operation;
  pathParams: Record<string, string>;
  pathname: string;
  query: QueryValues;
}

export interface PipelineOptions {
  /** Shared with response checks, so that each schema compiles once. */
  validator?: ContractValidator;
  /**
   * Rules on hostile input, run on the decoded request before its schemas, after those the document
   * declares itself (`x-input-rules`: forbidden characters).
   */
  policies?: InputPolicy[];
}

/** A detail longer than this is cut: a batch with thousands of bad records would otherwise echo them all. */
const MAX_DETAIL = 2000;

/**
 * The request path, written once for every server of the contract, from a raw request (method,
 * target, headers, body bytes) to a validated request for one operation or the error its module
 * answers with. Three steps, so that a server can do its own work between them (look the credential
 * up, serve a mock control); `accept` runs them all.
 *
 * 1. `route`: the operation under any base path of its servers; otherwise 404, or 405 with `Allow`,
 *    in the format of the module whose prefix the path is under.
 * 2. `credential`: the credential the operation's security accepts; none where one is required is 401
 *    with `WWW-Authenticate`. Whether it is valid is the server's to decide (`unauthorized`); once
 *    it has looked the key up, `authorize` answers a role the operation's `x-required-role` does
 *    not allow with the operation's 403.
 * 3. `validate`: the body (media type, charset, encoding, `x-max-bytes` and `x-max-records`: 413,
 *    JSON), the input policies (the document's `x-input-rules`, then the server's), then parameters and body against their schemas with defaults
 *    applied, `x-request-invariants` and the request body's `x-invariants`: the operation's
 *    validation status, a batch's bad records listed in `errors`.
 */
export class RequestPipeline<Request extends ValidatedRequest = ValidatedRequest> {
  readonly validator: ContractValidator;
  /** What an adapter reads of a body before it knows the operation: enough to see any body too large. */
  readonly readLimit: number;
  private readonly policies: InputPolicy[];
  private readonly bodyInvariants = new Map<Operation, (body: unknown) => RequestIssue[]>();

  constructor(
    readonly doc: OpenApiDocument,
    options: PipelineOptions = {},
  ) {
    this.validator = options.validator ?? new ContractValidator(doc);
    const declared = forbiddenTextPolicy(doc);
    this.policies = [...(declared ? [declared] : []), ...(options.policies ?? [])];
    this.readLimit = Math.max(...listOperations(doc).map(maxBodyBytes));
  }

  route(method: string, url: string): Step<{ route: Route }> {
    const { pathname, query } = parseTarget(url);
    const match = matchRoute(this.doc, method, pathname);
    if (match.kind !== "operation") {
      const routed = routeErrorResponse(this.doc, match, method, pathname);
      return { ok: false, error: { ...routed, headers: lowerCaseNames(routed.headers) } };
    }
    return { ok: true, route: { operation: match.operation, pathParams: match.pathParams, pathname, query } };
  }

  credential(route: Route, headers: HttpHeaders): Step<{ credential: Credential | undefined }> {
    const credential = presentedCredential(this.doc, route.operation, headers);
    if (!credential && requiresCredentials(route.operation)) return { ok: false, error: this.unauthorized(route.operation) };
    return { ok: true, credential };
  }

  /**
   * The 403 of an operation that declares `x-required-role`, for a key of another role (or of no
   * known role); allowed otherwise. Run after the server has looked the credential up and before
   * the body is checked: a member learns nothing about a write it may not make.
   */
  authorize(operation: Operation, role: string | undefined): Step<object> {
    if (!refusesRole(operation, role)) return { ok: true };
    const held = role === undefined ? "no role" : `the ${role} role`;
    return { ok: false, error: this.errorReply(operation, 403, `${operation.operationId} requires the ${requiredRole(operation)} role; this key has ${held}.`) };
  }

  validate(route: Route, sent: { headers: HttpHeaders; body?: Uint8Array | string; credential?: Credential }): Step<{ request: Request }> {
    const { operation } = route;
    const body = decodeBody(operation, sent.headers, sent.body);
    if (!body.ok) return this.reject(operation, body.status, body.message);
    const tooMany = checkRecordCount(operation, body.value);
    if (tooMany && !tooMany.ok) return this.reject(operation, tooMany.status, tooMany.message);

    const raw: RawRequest = { pathParams: route.pathParams, query: route.query, headers: sent.headers, body: body.value };
    const refused = this.policies.length === 0 ? [] : this.policies.flatMap((policy) => policy.check(raw, operation));
    if (refused.length > 0) return this.invalid(operation, refused, raw.body);
    const parsed = parseRequest(this.doc, this.validator, operation, raw);
    if (!parsed.ok) return this.invalid(operation, parsed.issues, raw.body);
    const broken = parsed.request.body === undefined ? [] : this.bodyInvariantsOf(operation)(parsed.request.body);
    if (broken.length > 0) return this.invalid(operation, broken, raw.body);

    // Built field by field: a spread of the parsed request costs more than the rest of this step.
    const { path, query, headers } = parsed.request;
    const request: ValidatedRequest = { operationId: operation.operationId, operation, path, query, headers, body: parsed.request.body, credential: sent.credential };
    return { ok: true, request: request as Request };
  }

  /** Every step, for a server that does nothing between them (its credential is not looked up). */
  accept(request: HttpRequest): Step<{ request: Request; route: Route }> {
    const routed = this.route(request.method, request.url);
    if (!routed.ok) return routed;
    const presented = this.credential(routed.route, request.headers);
    if (!presented.ok) return presented;
    const validated = this.validate(routed.route, { headers: request.headers, body: request.body, credential: presented.credential });
    return validated.ok ? { ...validated, route: routed.route } : validated;
  }

  /** The 401 of an operation, for a credential that is missing or that the server does not know. */
  unauthorized(operation: Operation): ErrorReply {
    const forms = credentialForms(this.doc, operation).map((scheme) => (scheme.type === "http" ? "Authorization: Bearer <key>" : `${scheme.name}: <key>`));
    const bearer = credentialForms(this.doc, operation).some((scheme) => scheme.type === "http");
    return this.errorReply(operation, 401, `A valid API key is required (${[...new Set(forms)].join(" or ")}).`, {}, bearer ? { "www-authenticate": "Bearer" } : {});
  }

  /** An error in the operation's module format (a problem outside any operation), with extra body members. */
  errorReply(operation: Operation | undefined, status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): ErrorReply {
    const response = errorResponse(this.doc, operation, status, message);
    const body = Object.keys(extra).length > 0 ? { ...(response.body as Record<string, unknown>), ...extra } : response.body;
    return { ...response, body, headers: lowerCaseNames(headers) };
  }

  private reject(operation: Operation, status: number, message: string, extra: Record<string, unknown> = {}): { ok: false; error: ErrorReply } {
    return { ok: false, error: this.errorReply(operation, status, message, extra) };
  }

  private invalid(operation: Operation, issues: RequestIssue[], body: unknown): { ok: false; error: ErrorReply } {
    // A batch lists its bad records one by one (the ingest problem's `errors`).
    const extra = operation.requestBody?.["x-max-records"] === undefined ? {} : { errors: recordErrors(issues, body) };
    return this.reject(operation, validationStatus(operation), describeIssues(issues).slice(0, MAX_DETAIL), extra);
  }

  private bodyInvariantsOf(operation: Operation): (body: unknown) => RequestIssue[] {
    let check = this.bodyInvariants.get(operation);
    if (!check) {
      const mediaType = Object.keys(operation.requestBody?.content ?? {})[0];
      check = mediaType === undefined ? () => [] : compileBodyInvariants(this.doc, requestBodySchemaPointer(operation, mediaType));
      this.bodyInvariants.set(operation, check);
    }
    return check;
  }
}

/** The pipeline of any document (the mock serves others): requests typed only as far as any document allows. */
export function createPipeline(doc: OpenApiDocument, options: PipelineOptions = {}): RequestPipeline {
  return new RequestPipeline(doc, options);
}

/** The pipeline of the merged contract, whose requests are typed by operation (`AnyContractRequest`). */
export function contractPipeline(options: PipelineOptions = {}): RequestPipeline<AnyContractRequest> {
  return new RequestPipeline<AnyContractRequest>(mergedDocument, options);
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
