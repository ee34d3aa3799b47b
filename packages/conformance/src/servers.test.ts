import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect } from "vitest";
import { MOCK_SERVER, startReferenceServer, startServer, type Storage } from "./test-support/child-server.js";
import { describeConformance } from "./vitest.js";

/**
 * The kit against the project's own servers, started through their CLIs, each requirement one
 * Vitest test: a regression names the requirement that broke.
 */
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fixed seed: the generated cases, and so the failures below, are the same on every run. */
const SEED = 1;

function referenceSuite(name: string, storage: () => Storage, role: "admin" | "member" = "admin") {
  describeConformance(`reference server, ${name}, ${role} keys: every class, isolation included`, {
    async setup() {
      const server = await startReferenceServer(storage(), role);
      // A member writes nothing: the kit loads its dataset with an admin key of the same organisation,
      // and checks (class roles) that the member's own writes are refused.
      const writes = role === "member" ? { writeToken: server.writeToken, writeTokenB: server.writeTokenB } : {};
      return { baseUrl: server.url, token: server.token, tokenB: server.tokenB, ...writes, seed: SEED, teardown: server.stop };
    },
    // Every class is claimed (the second key adds isolation, the write keys roles), and every requirement passes.
    expected: ({ claimed }) => (!claimed ? "skip" : "pass"),
    timeoutMs: 180_000,
    checkRun(result) {
      expect(result.classes.filter((c) => !c.claimed).map((c) => c.id)).toEqual(role === "member" ? [] : ["roles"]);
      expect(result.meta.seed).toBe(SEED);
      expect(result.durationMs, "the full run must stay under 60 s").toBeLessThan(60_000);
    },
  });
}

function freshDataDir(): Storage {
  const dir = mkdtempSync(join(tmpdir(), "conformance-pglite-"));
  dataDirs.push(dir);
  return { dataDir: dir };
}

referenceSuite("embedded PGlite", freshDataDir);
// A member sees only their own conversations, is refused allInOrg (403) and every write (roles).
referenceSuite("embedded PGlite", freshDataDir, "member");

// CI sets DATABASE_URL: then an unreachable database fails the suite, it is never skipped.
describe.runIf(process.env.DATABASE_URL)("with DATABASE_URL", () => {
  const databaseUrl = process.env.DATABASE_URL!;
  const schema = `conformance_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
  referenceSuite("PostgreSQL", () => ({ databaseUrl, schema }));
});

/**
 * The mock answers from its simulated organisation and keeps what each key ingests, so it claims
 * every class, exact figures and isolation included. It accepts every key (each its own
 * organisation), so the one check it cannot pass is that an unknown key is refused.
 */
function mockSuite(role: "admin" | "member") {
  describeConformance(`mock server, ${role} keys: every class, isolation included`, {
    async setup() {
      const server = await startServer(MOCK_SERVER, ["--port", "0"]);
      // A key that says "member" acts as a member of the organisation of the same key with "admin"
      // for "member" (apps/mock-server README): that admin key loads the member's dataset.
      const writes = role === "member" ? { writeToken: "conformance-admin-a", writeTokenB: "conformance-admin-b" } : {};
      return { baseUrl: server.url, token: `conformance-${role}-a`, tokenB: `conformance-${role}-b`, ...writes, seed: SEED, teardown: server.stop };
    },
    expected({ check, claimed }) {
      if (!claimed) return "skip";
      return check === "auth-wrong" ? "fail" : "pass";
    },
    checkRun(result) {
      expect(result.classes.filter((c) => !c.claimed).map((c) => c.id)).toEqual(role === "member" ? [] : ["roles"]);
      expect(result.classes.flatMap((c) => c.requirements).filter((r) => r.status === "skip" && r.class !== "roles")).toEqual([]);
    },
  });
}

mockSuite("admin");
// A member sees only their own conversations, is refused allInOrg (403) and every write (roles).
mockSuite("member");
