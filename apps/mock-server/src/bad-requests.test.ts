import { document, listOperations } from "@agent-analytics/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "./server.js";
import { AUTH, call, startTestMock } from "./test-support/mock-fixture.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());

const operations = listOperations(document);
const noise = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "-1", "0", "1e309", "NaN", "null", "true", "2026-02-30", "2026-13-01", "9999-12-31T23:59:59Z", "%", "%E0%A4%A", "__proto__", "a".repeat(300)),
  // What storage cannot hold, and the edges of the contract's instants (x-input-rules).
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfff", "0000-01-01", "0001-01-01T00:00:00+01:00", "2016-12-31T23:59:60Z", "9998-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
  fc.integer().map(String),
);
/** A URL carries UTF-8, which has no lone surrogate: one is sent as U+FFFD, as a browser would. */
const wellFormed = (text: string) => text.replace(/\p{Cs}/gu, "\uFFFD");
const paramNames = [...new Set(operations.flatMap((op) => op.parameters.map((p) => p.name)))];
const bodies = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.record({ users: fc.array(fc.record({ id: noise }), { maxLength: 3 }), runs: fc.anything({ maxDepth: 2 }) }).map((b) => JSON.stringify(b)),
);
const preferValues = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }), fc.constantFrom("code=200", "code=201", "example=x", "dynamic=true", "seed=", "delay=0"));

describe("randomized bad requests", () => {
  it("never produce a 5xx or a crash, on any operation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
        fc.array(fc.tuple(fc.constantFrom(...paramNames, "x", "__code", "__seed"), noise), { maxLength: 6 }),
        fc.array(noise, { maxLength: 2 }),
        bodies,
        preferValues,
        fc.boolean(),
        async (operation, method, query, pathValues, body, prefer, authorized) => {
          let i = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(wellFormed(pathValues[i++] ?? "x")) || "x");
          const search = new URLSearchParams(query).toString();
          const headers: Record<string, string> = authorized ? { ...AUTH } : {};
          if (prefer !== undefined) headers.prefer = prefer.replace(/[^\x20-\x7e]/g, "");
          if (typeof body === "string") headers["content-type"] = "application/json";
          const reply = await call(mock.url, `${path}${search ? `?${search}` : ""}`, {
            method,
            headers,
            body: method === "GET" ? undefined : (body as string | undefined),
          });
          expect(reply.status, `${method} ${path}?${search} -> ${reply.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 4010 },
    );
  });

  it.each(["/%", "/metrics/%E0%A4%A", "//", "/agents//runs", "/agents/%2F/runs/%00", "/" + "a/".repeat(500)])("survives the path %s", async (path) => {
    const reply = await call(mock.url, path, { headers: AUTH });
    expect(reply.status).toBeLessThan(500);
  });
});
