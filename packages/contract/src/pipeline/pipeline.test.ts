import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readBody } from "./body.js";
import type { HttpRequest } from "./http-request.js";
import { contractPipeline, createPipeline } from "./pipeline.js";
import { document } from "../document.js";

const pipeline = contractPipeline();
const BEARER = { authorization: "Bearer k" };
const JSON_BODY = { ...BEARER, "content-type": "application/json" };
const accept = (method: string, url: string, headers: HttpRequest["headers"] = BEARER, body?: HttpRequest["body"]) =>
  pipeline.accept({ method, url, headers, body });
const batch = (value: unknown) => JSON.stringify(value);
const run = (fields: Record<string, unknown>) => ({ id: "r1", agentId: "a", status: "queued", startedAt: "2026-02-22T08:00:00Z", ...fields });

// One table for every error the request path answers, in both servers: each row is a request and
// what the contract says it gets (status, the module's error body, headers).
describe("the request path's errors", () => {
  const cases: [string, string, string, HttpRequest["headers"], HttpRequest["body"], number, object, Record<string, string>?][] = [
    // Routing: the module whose prefix the path is under answers in its format; elsewhere a problem.
    ["an unknown path", "GET", "/nowhere", BEARER, undefined, 404, { type: "about:blank", status: 404 }],
    ["an unknown agents path", "GET", "/agents/a/nothing", BEARER, undefined, 404, { success: false, error: "not_found" }],
    ["an unknown path under a base path", "GET", "/api-proxy/agents", BEARER, undefined, 404, { success: false, error: "not_found" }],
    ["a wrong method", "DELETE", "/metrics", BEARER, undefined, 405, { error_code: "METHOD_NOT_ALLOWED" }, { allow: "GET" }],
    // Credentials: presence and form; 401 with WWW-Authenticate where a bearer scheme is accepted.
    ["no credential", "GET", "/metrics", {}, undefined, 401, { error_code: "UNAUTHENTICATED" }, { "www-authenticate": "Bearer" }],
    ["another scheme", "GET", "/agents/a/stats", { authorization: "Basic abc" }, undefined, 401, { success: false, error: "unauthorized" }],
    ["an empty bearer", "GET", "/analytics/overview", { authorization: "Bearer" }, undefined, 401, { success: false, error: { code: "unauthorized" } }],
    ["x-api-key where only bearer is accepted", "GET", "/analytics/overview", { "x-api-key": "k" }, undefined, 401, { success: false }],
    ["a blank x-api-key", "GET", "/ingest/context", { "x-api-key": " " }, undefined, 401, { status: 401, type: "https://agent-analytics.dev/problems/unauthorized" }],
    // Content type: a documented media type or a +json type where JSON is documented; UTF-8 only.
    ["a text/plain body", "POST", "/ingest/batch", { ...BEARER, "content-type": "text/plain" }, "{}", 400, { status: 400 }],
    ["a body without a content type", "POST", "/ingest/batch", BEARER, "{}", 400, { status: 400 }],
    ["a body that only mentions json", "POST", "/ingest/batch", { ...BEARER, "content-type": "text/json" }, "{}", 400, { status: 400 }],
    ["a latin1 body", "POST", "/ingest/batch", { ...JSON_BODY, "content-type": "application/json; charset=latin1" }, "{}", 400, { status: 400 }],
    ["an unknown content encoding", "POST", "/ingest/batch", { ...JSON_BODY, "content-encoding": "compress" }, "{}", 400, { status: 400 }],
    ["a body that is not gzip", "POST", "/ingest/batch", { ...JSON_BODY, "content-encoding": "gzip" }, "{}", 400, { status: 400 }],
    // Size: past x-max-bytes or x-max-records, 413 (docs/invariants.md), whether or not the status is documented.
    ["a body over x-max-bytes", "POST", "/ingest/batch", JSON_BODY, "x".repeat(10 * 1024 * 1024 + 1), 413, { type: "https://agent-analytics.dev/problems/too-large" }],
    ["a gzip body over x-max-bytes once inflated", "POST", "/ingest/batch", { ...JSON_BODY, "content-encoding": "gzip" }, gzipSync(Buffer.alloc(10 * 1024 * 1024 + 1, 32)), 413, { status: 413 }],
    ["more records than x-max-records", "POST", "/ingest/batch", JSON_BODY, batch({ users: Array.from({ length: 5001 }, (_, i) => ({ id: `u${i}` })) }), 413, { detail: "A batch holds at most 5000 records; this one holds 5001." }],
    // Parsing and validation: the operation's validation status (422 where documented).
    ["malformed JSON", "POST", "/ingest/batch", JSON_BODY, '{"agents": [', 400, { detail: "The body is not valid JSON." }],
    ["a missing batch", "POST", "/ingest/batch", JSON_BODY, undefined, 400, { status: 400 }],
    ["a parameter out of range", "GET", "/agents/a/runs?limit=101", BEARER, undefined, 400, { success: false, error: "bad_request" }],
    ["a repeated parameter", "GET", "/agents/a/runs?limit=1&limit=2", BEARER, undefined, 400, { success: false }],
    ["a malformed agentos date", "GET", "/metrics?starting_date=2026-02-30", BEARER, undefined, 422, { error_code: "VALIDATION_ERROR" }],
    ["a reversed range (x-request-invariants)", "GET", "/analytics/events?startDate=2026-02-02&endDate=2026-02-01", BEARER, undefined, 400, { success: false, error: { message: "`startDate` must be before `endDate`." } }],
  ];

  it.each(cases)("%s: %s %s", (_name, method, url, headers, body, status, expected, expectedHeaders = {}) => {
    const outcome = accept(method, url, headers, body);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.status).toBe(status);
    expect(outcome.error.body).toMatchObject(expected);
    for (const [name, value] of Object.entries(expectedHeaders)) expect(outcome.error.headers[name]).toBe(value);
  });
});

describe("a batch's bad records", () => {
  it.each([
    ["a schema issue", { users: [{ id: "ok" }, { id: "has space" }] }, [{ recordType: "users", index: 1, id: "has space", reason: expect.stringMatching(/^id must match pattern/) }]],
    [
      "request body x-invariants, every one a record breaks",
      { runs: [run({}), run({ id: "r2", status: "completed", error: "x", postsGenerated: 1, postsPublished: 2, completedAt: "2026-02-22T09:00:00Z" }), run({ id: "r3", completedAt: "2026-02-22T07:00:00Z" })] },
      [
        { recordType: "runs", index: 1, id: "r2", reason: expect.stringMatching(/error-only-when-failed.*; record breaks published-within-generated/) },
        { recordType: "runs", index: 2, id: "r3", reason: expect.stringMatching(/finished-iff-completed-at.*; record breaks completed-after-started/) },
      ],
    ],
  ])("are listed one by one for %s", (_name, body, errors) => {
    const outcome = accept("POST", "/ingest/batch", JSON_BODY, batch(body));
    expect(outcome.ok || outcome.error.body).toMatchObject({ status: 400, type: "https://agent-analytics.dev/problems/invalid-records", errors });
  });
});

describe("an accepted request", () => {
  it("is typed by its operation, with defaults applied, path parameters decoded and the credential", () => {
    const outcome = accept("GET", "/api-proxy/agents/a%201/runs?status=failed", { "x-api-key": "secret" });
    expect(outcome.ok && outcome.request).toMatchObject({
      operationId: "listAgentRuns",
      path: { agentId: "a 1" },
      query: { limit: 50, offset: 0, status: "failed" },
      credential: { kind: "apiKey", value: "secret" },
    });
  });

  it.each([
    ["application/json; charset=UTF-8", {}, "{}"],
    ["application/vnd.batch+json", {}, "{}"],
    ["application/json", { "content-encoding": "gzip" }, gzipSync('{"agents":[{"id":"a","name":"A","kind":"agent"}]}')],
  ])("reads a %s body", (type, headers, body) => {
    const outcome = accept("POST", "/ingest/batch", { ...BEARER, "content-type": type, ...headers }, body);
    expect(outcome.ok && outcome.request.operationId).toBe("ingestBatch");
  });

  it("reads an absolute-form target as its path", () => {
    expect(accept("GET", "http://example.com:8080/agents/a/stats?x=1").ok && "routed").toBe("routed");
  });

  it("ignores a body sent to an operation that takes none, and answers HEAD as GET", () => {
    expect(accept("GET", "/ingest/context", { ...BEARER, "content-type": "text/plain" }, "\u0000garbage").ok).toBe(true);
    expect(accept("HEAD", "/ingest/context").ok).toBe(true);
  });
});

describe("input policies", () => {
  it("refuse a request before its schemas, in the module's validation format", () => {
    const strict = createPipeline(document, {
      policies: [{ name: "no-x", check: (request) => (String(request.query.agentId ?? request.pathParams.agentId).includes("x") ? [{ in: "path", name: "agentId", message: "must not hold x" }] : []) }],
    });
    const refused = strict.accept({ method: "GET", url: "/agents/xx/runs?limit=0", headers: BEARER });
    expect(refused.ok || refused.error).toMatchObject({ status: 400, body: { success: false, message: "agentId (path) must not hold x" } });
    expect(strict.accept({ method: "GET", url: "/agents/aa/runs", headers: BEARER }).ok).toBe(true);
  });
});

describe("readBody", () => {
  it("keeps one byte past the limit, reads the rest, and gives undefined for no body", async () => {
    const chunks = [Buffer.from("abcd"), Buffer.from("efgh"), Buffer.from("ijkl")];
    expect(Buffer.from((await readBody(Readable.from(chunks), 5))!).toString()).toBe("abcdef");
    expect(Buffer.from((await readBody(Readable.from(chunks), 100))!).toString()).toBe("abcdefghijkl");
    expect(await readBody(Readable.from([]), 100)).toBeUndefined();
  });

  it("bounds what adapters read by the largest x-max-bytes", () => {
    expect(pipeline.readLimit).toBe(10 * 1024 * 1024);
  });
});
