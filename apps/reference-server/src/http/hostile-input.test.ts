import { afterAll, beforeAll, expect, it } from "vitest";
import { FIXTURE } from "../test/fixture.js";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";

const RANGE = "from=2026-02-01T00:00:00.000Z&to=2026-03-31T23:59:59.999Z";
const session = (createdAt: string) => ({ agents: FIXTURE.agents, sessions: [{ id: `s_${createdAt}`, agentId: "agent_a", createdAt }] });

// The findings of the storage's limits: each answered before any SQL, in the module's format.
const REFUSED: [string, string, string, unknown, number, string][] = [
  ["a NUL path segment", "GET", "/agents/%00/stats", undefined, 400, "agentId (path) must not hold U+0000"],
  ["a NUL agentId on the dashboard", "GET", `/api/dashboard/getStats?${RANGE}&agentId=%00`, undefined, 400, "agentId (query) must not hold U+0000"],
  ["a NUL assistant", "GET", "/analytics/events?startDate=2026-02-01&endDate=2026-04-01&assistant=%00", undefined, 400, "assistant (query)"],
  ["a NUL inside user", "GET", "/analytics/events?startDate=2026-02-01&endDate=2026-04-01&user=a%00", undefined, 400, "user (query)"],
  ["a NUL in a record's name", "POST", "/ingest/batch", { agents: [{ id: "a_nul", name: "x\u0000", kind: "agent" }] }, 400, "/agents/0/name"],
  ["a lone surrogate in a record's name", "POST", "/ingest/batch", { agents: [{ id: "a_sur", name: "\ud800", kind: "agent" }] }, 400, "U+D800"],
  ["a NUL in metadata", "POST", "/ingest/batch", { users: [{ id: "u_nul", metadata: { plan: "\u0000" } }] }, 400, "/users/0/metadata/plan"],
  ["a lone surrogate in a metadata key", "POST", "/ingest/batch", { users: [{ id: "u_sur", metadata: { "\udc00": "x" } }] }, 400, "(a key)"],
  ["year 0000 on the dashboard", "GET", "/api/dashboard/getStats?from=0000-01-01&to=2026-01-01", undefined, 400, "0001-01-01T00:00:00Z"],
  ["year 0000 in analytics", "GET", "/analytics/events?startDate=0000-01-01T00:00:00Z&endDate=2026-01-01", undefined, 400, "0001-01-01T00:00:00Z"],
  ["the last instant of 9999", "GET", "/api/dashboard/getStats?from=2026-01-01&to=9999-12-31T23:59:59.999Z", undefined, 400, "9999-01-01T00:00:00Z"],
  ["year 0000 in an ingest timestamp", "POST", "/ingest/batch", session("0000-06-01T00:00:00Z"), 400, "/sessions/0/createdAt"],
  ["an offset into year 0000", "POST", "/ingest/batch", session("0001-01-01T00:30:00+01:00"), 400, "/sessions/0/createdAt"],
];

describeEachEngine("hostile input on $name", (engine) => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    ({ key } = await server.tenant("user_1", "admin"));
    await call(server, "POST", "/ingest/batch", { key, body: FIXTURE });
  });
  afterAll(() => server?.stop());

  it.each(REFUSED)("refuses %s with the module's validation status, saying what and where", async (_name, method, path, body, status, detail) => {
    const reply = await call(server, method, path, { key, body });
    expect(reply.status).toBe(status);
    expect(JSON.stringify(reply.body)).toContain(detail);
  });

  it("serves a leap second as the next minute's first instant, in ingest and on reads", async () => {
    const stored = await call(server, "POST", "/ingest/batch", { key, body: session("2016-12-31T23:59:60Z") });
    expect(stored.status).toBe(200);
    expect(stored.body.accepted.sessions).toBe(1);
    // Sent again as the instant it names, it is the same record: a duplicate.
    const same = await call(server, "POST", "/ingest/batch", { key, body: { sessions: [{ id: "s_2016-12-31T23:59:60Z", agentId: "agent_a", createdAt: "2017-01-01T00:00:00.000Z" }] } });
    expect(same.body.duplicates.sessions).toBe(1);
    const count = async (from: string, to: string) => (await call(server, "GET", `/api/dashboard/getStats?from=${from}&to=${to}&allInOrg=true`, { key })).body.conversationCount;
    expect(await count("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z")).toBe(1);
    expect(await count("2016-12-31T23:59:59Z", "2016-12-31T23:59:59.999Z")).toBe(0);
  });

  it.each([
    ["the first accepted instant", "0001-01-01T00:00:00Z"],
    ["the last accepted millisecond", "9998-12-31T23:59:59.999Z"],
  ])("stores and reads %s exactly", async (_name, instant) => {
    const stored = await call(server, "POST", "/ingest/batch", { key, body: session(instant) });
    expect(stored.status).toBe(200);
    const day = instant.slice(0, 10);
    const read = await call(server, "GET", `/api/dashboard/getStats?from=${day}&to=${day}&allInOrg=true`, { key });
    expect(read.status).toBe(200);
    expect(read.body.conversationCount).toBe(1);
  });
});
