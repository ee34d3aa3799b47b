import { document, parseInvariant, type OpenApiDocument } from "@agent-analytics/contract";
import { describe, expect, it } from "vitest";
import { matchPagingLaw, operationRoutes } from "./routes.js";

describe("operationRoutes", () => {
  const routes = operationRoutes(document);

  it("finds paging exactly where the contract declares the paging law", () => {
    const paged = Object.entries(routes).filter(([, route]) => route.paging);
    expect(Object.fromEntries(paged.map(([id, route]) => [id, route.paging]))).toEqual({
      listAgentRuns: { items: ["data", "runs"], total: ["data", "total"], limit: "limit", offset: "offset" },
      listAnalyticsEvents: { items: ["data", "events"], total: ["data", "total"], limit: "limit", offset: "skip" },
    });
  });

  it("reads where each module's error template puts its message and code", () => {
    const byModule = Object.fromEntries(Object.values(routes).map((route) => [route.module, route.errorFields]));
    expect(byModule).toEqual({
      agents: { message: ["message"], code: ["error"] },
      agentos: { message: ["detail"], code: ["error_code"] },
      analytics: { message: ["error", "message"], code: ["error", "code"] },
      dashboard: { message: ["message"], code: ["error"] },
      ingest: { message: ["detail"], code: null }, // the code is inside the problem's type URI
    });
  });

  it("refuses a response it cannot type by status", () => {
    const changed = structuredClone(document) as OpenApiDocument;
    const op = changed.paths["/ingest/context"]!.get!;
    op.responses = { ...op.responses, default: op.responses["500"]! };
    expect(() => operationRoutes(changed)).toThrow(/getIngestContext: response 'default' is not a numeric status/);
  });
});

describe("matchPagingLaw", () => {
  it.each([
    ["len(body.items) <= query.limit", null],
    ["len(body.items) == max(0, min(query.limit, body.total - query.from))", { items: ["items"], total: ["total"], limit: "limit", offset: "from" }],
    ["len(body.items) == max(1, min(query.limit, body.total - query.from))", null],
    ["len(body.items) == max(0, min(query.limit, path.total - query.from))", null],
  ])("%s", (expr, expected) => {
    expect(matchPagingLaw(parseInvariant(expr))).toEqual(expected);
  });
});
