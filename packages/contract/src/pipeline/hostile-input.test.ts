import { describe, expect, it } from "vitest";
import { contractPipeline } from "./pipeline.js";
import { parseDate } from "../invariants/values.js";
import { periodBuckets, isoWeekKey, utcMs } from "../calendar.js";

const pipeline = contractPipeline();
const ADMIN = { authorization: "Bearer aak_test" };
const JSON_BODY = { ...ADMIN, "content-type": "application/json" };

function answer(method: string, url: string, body?: unknown) {
  const result = pipeline.accept({ method, url, headers: body === undefined ? ADMIN : JSON_BODY, body: body === undefined ? undefined : JSON.stringify(body) });
  return result.ok ? { status: 0, detail: "" } : { status: result.error.status, detail: JSON.stringify(result.error.body) };
}

const batch = (record: Record<string, unknown>) => ({ agents: [{ id: "a1", name: "A", kind: "agent", ...record }] });

describe("hostile input at the contract boundary", () => {
  it.each([
    ["a NUL path segment", "GET", "/agents/%00/stats", undefined, 400, "agentId (path) must not hold U+0000 (NUL)"],
    ["a NUL agentId on the dashboard", "GET", "/api/dashboard/getStats?from=2026-01-01&to=2026-01-02&agentId=%00", undefined, 400, "agentId (query) must not hold U+0000"],
    ["a NUL assistant", "GET", "/analytics/events?startDate=2026-01-01&endDate=2026-01-02&assistant=%00", undefined, 400, "assistant (query) must not hold U+0000"],
    ["a NUL inside user", "GET", "/analytics/events?startDate=2026-01-01&endDate=2026-01-02&user=a%00", undefined, 400, "user (query) must not hold U+0000 (NUL) at character 1"],
    ["a NUL in a record's name", "POST", "/ingest/batch", batch({ name: "a\u0000b" }), 400, "body /agents/0/name must not hold U+0000"],
    ["a lone surrogate in a record's name", "POST", "/ingest/batch", batch({ name: "\ud800" }), 400, "body /agents/0/name must not hold U+D800 (a lone surrogate)"],
    ["a lone surrogate in metadata", "POST", "/ingest/batch", { users: [{ id: "u1", metadata: { plan: "x\udfff" } }] }, 400, "body /users/0/metadata/plan must not hold U+DFFF"],
    ["a NUL in a metadata key", "POST", "/ingest/batch", { users: [{ id: "u1", metadata: { "p\u0000": "x" } }] }, 400, "(a key) must not hold U+0000"],
  ])("refuses %s with the validation status, naming where", (_name, method, url, body, status, detail) => {
    const reply = answer(method, url, body);
    expect(reply.status).toBe(status);
    expect(reply.detail).toContain(detail);
  });

  it.each([
    ["an offset beyond every number", "/api-proxy/agents/a1/runs?offset=1e309", "offset (query) must be integer"],
    ["an offset beyond exact integers", "/api-proxy/agents/a1/runs?offset=1e20", "offset (query) must be an integer from -9007199254740991 to 9007199254740991"],
  ])("refuses %s before it reaches SQL", (_name, url, detail) => {
    const reply = answer("GET", url);
    expect(reply.status).toBe(400);
    expect(reply.detail).toContain(detail);
  });

  it("accepts the largest exact integer as an offset", () => {
    expect(answer("GET", "/api-proxy/agents/a1/runs?offset=9007199254740991").status).toBe(0);
  });

  it("accepts a surrogate pair (an emoji), which is not a lone surrogate", () => {
    expect(answer("POST", "/ingest/batch", batch({ name: "🙂 ok" })).status).toBe(0);
  });

  it.each([
    ["year 0000 on the dashboard", "/api/dashboard/getStats?from=0000-01-01&to=2026-01-02", 400],
    ["an offset taking year 0001 into year 0000", "/api/dashboard/getStats?from=0001-01-01T00:00:00%2B01:00&to=2026-01-02", 400],
    ["the last instant of 9999", "/api/dashboard/getStats?from=2026-01-01&to=9999-12-31T23:59:59.999Z", 400],
    ["year 0000 in analytics", "/analytics/events?startDate=0000-01-01&endDate=2026-01-02", 400],
    ["year 0000 in agentos", "/metrics?starting_date=0000-01-01", 422],
  ])("refuses %s with the module's validation status, saying which instants are accepted", (_name, url, status) => {
    const reply = answer("GET", url);
    expect(reply.status).toBe(status);
    expect(reply.detail).toContain("0001-01-01T00:00:00Z up to but not including 9999-01-01T00:00:00Z");
  });

  it.each([
    ["the first accepted instant", "/api/dashboard/getStats?from=0001-01-01&to=0001-01-02"],
    ["a leap second", "/api/dashboard/getStats?from=2016-12-31T23:59:60Z&to=2017-01-01"],
    ["the last accepted day", "/api/dashboard/getStats?from=9998-12-31&to=9998-12-31T23:59:59.999Z"],
  ])("accepts %s", (_name, url) => {
    expect(answer("GET", url).status).toBe(0);
  });

  it("refuses a record timestamp in year 0000, naming the record", () => {
    const reply = answer("POST", "/ingest/batch", { sessions: [{ id: "s1", agentId: "a1", createdAt: "0000-06-01T00:00:00Z" }] });
    expect(reply.status).toBe(400);
    expect(reply.detail).toContain("/sessions/0/createdAt");
  });
});

describe("the shared date parser", () => {
  it.each([
    ["0000-01-01", utcMs(0, 0, 1)],
    ["0001-01-01", -62135596800000],
    ["0099-12-31T23:59:59Z", -59011459201000],
    ["1999-12-31", 946598400000],
    ["2016-12-31T23:59:60Z", Date.parse("2017-01-01T00:00:00Z")],
  ])("reads %s as its own year (a leap second as the next minute's first instant)", (text, ms) => {
    expect(parseDate(text)).toBe(ms);
    expect(new Date(parseDate(text)).toISOString().slice(0, 4)).toBe(new Date(ms).toISOString().slice(0, 4));
  });

  it("keeps first-century calendar periods in their century", () => {
    const start = parseDate("0001-01-01");
    expect(periodBuckets("month", start, parseDate("0001-03-01")).map((b) => b.key)).toEqual(["0001-01", "0001-02"]);
    expect(isoWeekKey(start)).toBe("0001-W01");
  });
});
