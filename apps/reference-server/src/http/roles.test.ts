import { document, listOperations, requiredRole } from "@agent-analytics/contract";
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";

const BATCH = { agents: [{ id: "agent_r", name: "R", kind: "agent" }], users: [{ id: "user_r" }] };

// The writes are the operations that declare `x-required-role`: read from the contract, not listed here.
const writes = listOperations(document).filter((op) => requiredRole(op) !== undefined);

describeEachEngine("roles on $name", (engine) => {
  let server: TestServer;
  let admin: string;
  let member: string;
  beforeAll(async () => {
    server = await startTestServer(engine);
    const tenant = await server.tenant("user_1", "admin");
    admin = tenant.key;
    member = await server.keyFor(tenant.orgId, "user_2", "member");
  });
  afterAll(() => server?.stop());

  it("the contract reserves ingest and the refresh to admins", () => {
    expect(writes.map((op) => [op.operationId, requiredRole(op)])).toEqual([
      ["refresh_metrics", "admin"],
      ["ingestBatch", "admin"],
    ]);
  });

  it("a member's batch is 403 in the ingest problem format, before its body is read, and nothing is stored", async () => {
    const refused = await call(server, "POST", "/ingest/batch", { key: member, body: BATCH });
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain("application/problem+json");
    expect(refused.body).toMatchObject({ type: "https://agent-analytics.dev/problems/forbidden", status: 403, detail: "ingestBatch requires the admin role; this key has the member role." });
    // An invalid body gets the same 403: a member learns nothing about a write it may not make.
    expect((await call(server, "POST", "/ingest/batch", { key: member, body: { agents: [{ id: "" }] } })).status).toBe(403);
    expect((await call(server, "GET", "/agents/agent_r/stats", { key: admin })).status).toBe(404);
    const stored = await call(server, "POST", "/ingest/batch", { key: admin, body: BATCH });
    expect(stored.status).toBe(200);
    expect(stored.body.accepted.total).toBe(2);
  });

  it("a member's refresh is 403 FORBIDDEN in the agentos format, and nothing is recomputed", async () => {
    for (const path of ["/metrics/refresh", "/metrics/refresh?background=true"]) {
      const refused = await call(server, "POST", path, { key: member });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ detail: "refresh_metrics requires the admin role; this key has the member role.", error_code: "FORBIDDEN" });
    }
    expect((await call(server, "GET", "/metrics/refresh/status", { key: member })).body).toMatchObject({ status: "idle" });
    expect((await call(server, "POST", "/metrics/refresh", { key: admin })).status).toBe(200);
    expect((await call(server, "GET", "/metrics/refresh/status", { key: member })).body).toMatchObject({ status: "completed" });
  });

  it.each([
    ["GET", "/ingest/context"],
    ["GET", "/metrics"],
    ["GET", "/metrics/refresh/status"],
    ["GET", "/agents/agent_r/stats"],
    ["GET", "/analytics/overview"],
  ])("a member may still read: %s %s", async (method, path) => {
    const r = await call(server, method, path, { key: member });
    expect(r.status).toBeLessThan(300);
  });
});
