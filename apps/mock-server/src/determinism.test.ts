import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";

const paths = [
  "/metrics?starting_date=2026-02-01&ending_date=2026-02-10",
  "/agents/agent_7/runs?limit=5&offset=3",
  "/analytics/metrics?period=day&startDate=2026-02-01&endDate=2026-02-15",
  "/analytics/events?startDate=2026-02-01&endDate=2026-02-03&limit=20",
  "/api/dashboard/getStats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
];

let first: RunningMock;
beforeAll(async () => {
  first = await startTestMock();
});
afterAll(() => first.close());

const fetchAll = async (mock: RunningMock, headers: Record<string, string> = {}) =>
  Promise.all(paths.map(async (p) => (await call(mock.url, p, { headers: { ...AUTH, ...headers } })).text));

describe("determinism", () => {
  it("gives byte-identical bodies for the same request across restarts", async () => {
    const before = await fetchAll(first);
    const second = await startTestMock();
    try {
      expect(await fetchAll(second)).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it("does not depend on query parameter order or on control parameters", async () => {
    const a = await call(first.url, "/agents/agent_7/runs?limit=5&offset=3", { headers: AUTH });
    const b = await call(first.url, "/agents/agent_7/runs?offset=3&limit=5&__dynamic=true", { headers: AUTH });
    expect(b.text).toBe(a.text);
  });

  it("gives different data to different requests", async () => {
    const bodies = await fetchAll(first);
    const other = await call(first.url, "/agents/agent_8/runs?limit=5&offset=3", { headers: AUTH });
    expect(other.text).not.toBe(bodies[1]);
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it("follows the server seed, and a request seed overrides it", async () => {
    const seeded = await startTestMock({ seed: "other" });
    try {
      const mine = await fetchAll(seeded);
      const defaults = await fetchAll(first);
      expect(mine).not.toEqual(defaults);
      expect(await fetchAll(first, { prefer: "seed=other" })).toEqual(mine);
    } finally {
      await seeded.close();
    }
  });
});
