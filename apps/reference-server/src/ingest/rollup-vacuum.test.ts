import { afterAll, beforeAll, expect, it } from "vitest";
import { FIXTURE } from "../test/fixture.js";
import { call, describeEachEngine, startTestServer, type TestServer } from "../test/harness.js";
import { vacuumRollups } from "./rollup-vacuum.js";

describeEachEngine("rollup vacuum on $name", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.stop());

  it("vacuums the rollups that updates left dead row versions in, and only those", async () => {
    const { key } = await server.tenant("user_1", "admin");
    expect((await call(server, "POST", "/ingest/batch", { key, body: FIXTURE })).status).toBe(200);
    for (let i = 0; i < 3; i++) await server.db.query("UPDATE user_daily SET incoming = incoming");
    const dead = async () => (await server.db.query<{ n: number }>(
      "SELECT n_dead_tup::int AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'user_daily'",
    ))[0]!.n;
    // Statistics reach the shared counters shortly after the updating transactions end.
    for (let i = 0; i < 100 && (await dead()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await dead()).toBeGreaterThan(0);
    const vacuumed = await vacuumRollups(server.db, 1);
    expect(vacuumed).toContain("user_daily");
    expect(vacuumed).not.toContain("agent_stats");
    expect(await dead()).toBe(0);
    expect(await vacuumRollups(server.db, 1)).not.toContain("user_daily");
  });
});
