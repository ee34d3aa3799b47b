import { document, listOperations, type Operation } from "@agent-analytics/contract";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FIXTURE } from "../test/fixture.js";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const operations = listOperations(document);

/** Values a query or path parameter may be sent with: plausible, malformed, out of range, hostile. */
const paramValue = fc.oneof(
  fc.constantFrom("", "0", "-1", "1", "100", "101", "1e9", "9".repeat(40), "true", "false", "null", "NaN", "[]", "{}"),
  fc.constantFrom("2026-02-22", "2026-02-30", "2026-13-01", "2026-02-22T08:00:00Z", "2026-02-22T08:00:00", "22/02/2026", "0000-00-00", "9999-12-31T23:59:59.999Z"),
  fc.constantFrom("day", "week", "month", "year", "agent_a", "user_1", "incomingMessages", "nope", "default", "metrics"),
  fc.constantFrom("%00", "%ZZ", "'; DROP TABLE runs; --", "../../etc/passwd", "\u0000", "é", "🙂", "a\u0000b", "\ud800", "x\udc00"),
  fc.constantFrom("0000-01-01", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "2016-12-31T23:59:60Z", "9998-12-31T23:59:59.999Z", "9999-12-31"),
  fc.string({ maxLength: 30 }),
);

/** A URL carries UTF-8, which has no lone surrogate: one is sent as U+FFFD, as a browser would. */
const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, "\uFFFD");

const QUERY_NAMES = [...new Set(operations.flatMap((op) => op.parameters.filter((p) => p.in === "query").map((p) => p.name))), "unknown"];

/** A path for the operation with random segments, or a nearby path that matches nothing. */
function pathFor(op: Operation) {
  return fc
    .tuple(fc.array(fc.oneof(fc.constantFrom("agent_a", "run_1", "x"), fc.string({ minLength: 1, maxLength: 20 })), { minLength: 3, maxLength: 3 }), fc.boolean())
    .map(([segments, mangle]) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(wellFormed(segments[i++]!)));
      return mangle ? `${path}/extra` : path;
    });
}

const query = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_NAMES), paramValue), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`).join("&"));

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"agents": [', "{", "null", "[]", '{"runs": "x"}', "\u0000", '{"users": [{"id": ""}]}'),
  // A valid batch with one field of one record replaced.
  fc.tuple(
    fc.constantFrom("sessions", "runs", "messages", "feedback"),
    fc.nat(4),
    fc.constantFrom("id", "createdAt", "startedAt", "status", "sessionId", "tokens", "agentId"),
    fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom("\u0000", "\ud800", "0000-01-01T00:00:00Z", "2016-12-31T23:59:60Z", "9999-12-31T23:59:59.999Z", { "\u0000": 1 })),
  ).map(
    ([type, index, field, value]) => {
      const batch = structuredClone(FIXTURE) as Record<string, Record<string, unknown>[]>;
      const records = batch[type]!;
      records[index % records.length]![field] = value;
      return JSON.stringify(batch);
    },
  ),
);

const request = fc.record({
  op: fc.constantFrom(...operations),
  method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), { freq: 4 }),
  query,
  body,
  contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"),
  auth: fc.constantFrom("admin", "member", "none", "garbage"),
}).chain((r) => pathFor(r.op).map((path) => ({ ...r, path })));

describeEachEngine("bad input on $name", (engine) => {
  let server: TestServer;
  const keys: Record<string, string | undefined> = { none: undefined, garbage: "aak_garbage" };
  beforeAll(async () => {
    server = await startTestServer(engine);
    const t = await server.tenant("user_1", "admin");
    keys.admin = t.key;
    keys.member = await server.keyFor(t.orgId, "user_2", "member");
    await call(server, "POST", "/ingest/batch", { key: t.key, body: FIXTURE });
  });
  afterAll(() => server?.stop());

  it(`answers ${RUNS} generated bad requests across all operations without a 5xx, in the contract's terms`, async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const method = r.method ?? r.op.method.toUpperCase();
        const target = `${r.path}${r.query ? `?${r.query}` : ""}`;
        const reply = await call(server, method, target, {
          key: keys[r.auth],
          rawBody: method === "GET" ? undefined : r.body,
          headers: r.body !== undefined && method !== "GET" ? { "content-type": r.contentType } : {},
          // Bodies sent as raw text: the contract check needs the parsed body, so it is only run
          // where parsing succeeded (status checks below still apply to every reply).
          unchecked: true,
        });
        expect(reply.status, `${method} ${target} ${String(r.body).slice(0, 200)} -> ${JSON.stringify(reply.body).slice(0, 300)}`).toBeLessThan(500);
        expect(reply.contentType).toMatch(/json/);
        seen.add(reply.status);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20260222) },
    );
    // The generator reaches every kind of answer, not just the first gate.
    for (const status of [200, 400, 401, 404, 405, 422]) expect([...seen]).toContain(status);
  }, 180_000);

  it.each([
    ["limit out of range", "/agents/agent_a/runs?limit=101"],
    ["negative offset", "/agents/agent_a/runs?offset=-1"],
    ["unknown status", "/agents/agent_a/runs?status=paused"],
    ["malformed date", "/metrics?starting_date=2026-02-30"],
    ["non-boolean background", "/metrics/refresh?background=maybe"],
    ["repeated parameter", "/analytics/events?startDate=2026-01-01&startDate=2026-01-02&endDate=2026-02-01"],
    ["wrong type", "/analytics/users/top?startDate=2026-01-01&endDate=2026-02-01&limit=ten"],
    ["unknown id", "/agents/does-not-exist/runs/nope"],
  ])("answers %s with the module's 4xx", async (_name, path) => {
    const method = path.startsWith("/metrics/refresh") ? "POST" : "GET";
    const r = await call(server, method, path, { key: keys.admin });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});
