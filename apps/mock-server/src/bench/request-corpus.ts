import { deref, listOperations, listResponseExamples, type OpenApiDocument, type Operation, type SchemaObject } from "@agent-analytics/contract";
import fc from "fast-check";
import type { MockRequest } from "../http/request-parts.js";
import { requestArbitrary, urlOf, type ValidRequest } from "../test-support/request-arbitrary.js";

/** Every credential the contract's modules ask for (the widgets test module included). */
const CREDENTIALS = { authorization: "Bearer corpus", "x-api-key": "corpus", "x-widget-key": "corpus" };

export interface CorpusShape {
  /** Requests drawn per operation (parameters present or not, within their bounds). */
  samples: number;
  /** Seeds each request is answered under. */
  seeds: number;
  /** Rounds get their own seeds, so no round repeats another's bodies. */
  round: number;
}

/**
 * The same broad, fixed set of requests on every call with the same shape: for every operation,
 * sampled valid requests, the same with date parameters reversed (requests no body can satisfy, or
 * that a request invariant refuses), and the contract's own example requests, each under several seeds.
 */
export function corpusRequests(doc: OpenApiDocument, shape: CorpusShape): MockRequest[] {
  const requests: MockRequest[] = [];
  const examples = listResponseExamples(doc);
  for (const operation of listOperations(doc)) {
    const body = examples.find((e) => e.operation === operation && e.request.body !== undefined)?.request.body;
    const sampled = fc.sample(requestArbitrary(doc, operation, body), { numRuns: shape.samples, seed: 20260301 }).map((r) => withPatternedPath(doc, operation, r));
    const fromExamples = examples.filter((e) => e.operation === operation && e.status < 300).map((e) => exampleRequest(operation, e.request));
    for (const request of [...sampled, ...sampled.map(reverseDates).filter((r) => r !== undefined), ...fromExamples]) {
      for (let seed = 0; seed < shape.seeds; seed++) requests.push(mockRequest(operation, request, `${shape.round}:${seed}`));
    }
  }
  return requests;
}

/** Path parameters that declare a `pattern` (`^shop_[a-z0-9]+$`) get a value that matches it. */
function withPatternedPath(doc: OpenApiDocument, operation: Operation, request: ValidRequest): ValidRequest {
  const path = { ...request.path };
  for (const param of operation.parameters) {
    const pattern = param.in === "path" ? deref<SchemaObject>(doc, (param.schema ?? {}) as SchemaObject).pattern : undefined;
    if (typeof pattern === "string") path[param.name] = fc.sample(fc.stringMatching(new RegExp(pattern)), { numRuns: 1, seed: path[param.name]!.length })[0]!;
  }
  return { ...request, path };
}

function mockRequest(operation: Operation, request: ValidRequest, seed: string): MockRequest {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers = { ...CREDENTIALS, prefer: `seed=${seed}`, ...(body ? { "content-type": "application/json" } : {}) };
  return { method: operation.method.toUpperCase(), url: urlOf(operation, request), headers, body };
}

/** The request with its first and last date-like query values swapped, when it has two. */
function reverseDates(request: ValidRequest): ValidRequest | undefined {
  const dated = Object.keys(request.query).filter((k) => /^\d{4}-\d{2}-\d{2}/.test(request.query[k]!));
  if (dated.length < 2) return undefined;
  const [a, b] = [dated[0]!, dated[dated.length - 1]!];
  return { ...request, query: { ...request.query, [a]: request.query[b]!, [b]: request.query[a]! } };
}

function exampleRequest(operation: Operation, example: { path: Record<string, unknown>; query: Record<string, unknown>; body?: unknown }): ValidRequest {
  const documented = (name: string) => operation.parameters.some((p) => p.name === name);
  return {
    path: Object.fromEntries(Object.entries(example.path).map(([k, v]) => [k, String(v)])),
    query: Object.fromEntries(
      Object.entries(example.query)
        .filter(([name, v]) => v !== undefined && v !== null && documented(name))
        .map(([k, v]) => [k, String(v)]),
    ),
    body: example.body,
  };
}
