import { describe, expect, it } from "vitest";
import { document } from "../document.js";
import { findOperation, listOperations } from "../operations.js";
import { responseSchemaPointer } from "../pointers.js";
import { requiredRole } from "../security.js";
import { contractPipeline } from "./pipeline.js";

const pipeline = contractPipeline();

describe("x-required-role", () => {
  it("is declared on the writes alone: ingest and the agentos refresh need an admin", () => {
    const declared = listOperations(document).flatMap((op) => (requiredRole(op) ? [[op.operationId, requiredRole(op)]] : []));
    expect(declared).toEqual([
      ["refresh_metrics", "admin"],
      ["ingestBatch", "admin"],
    ]);
  });

  // Each write's 403 is the module's own error body, valid against the 403 its operation documents.
  const refused: [string, string | undefined, string, object][] = [
    ["ingestBatch", "member", "application/problem+json", { type: "https://agent-analytics.dev/problems/forbidden", title: "Forbidden", status: 403, detail: "ingestBatch requires the admin role; this key has the member role." }],
    ["ingestBatch", undefined, "application/problem+json", { type: "https://agent-analytics.dev/problems/forbidden", title: "Forbidden", status: 403, detail: "ingestBatch requires the admin role; this key has no role." }],
    ["refresh_metrics", "member", "application/json", { detail: "refresh_metrics requires the admin role; this key has the member role.", error_code: "FORBIDDEN" }],
  ];
  it.each(refused)("%s refuses a key with role %s: 403 in the module's format", (operationId, role, contentType, body) => {
    const operation = findOperation(document, operationId);
    const outcome = pipeline.authorize(operation, role);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ status: 403, contentType });
    expect(outcome.error.body).toEqual(body);
    expect(pipeline.validator.validate(responseSchemaPointer(operation, "403", contentType), outcome.error.body)).toEqual([]);
  });

  const allowed: [string, string | undefined][] = [
    ["ingestBatch", "admin"],
    ["refresh_metrics", "admin"],
    ["getIngestContext", "member"],
    ["get_metrics", "member"],
    ["get_metrics_refresh_status", "member"],
    ["getDashboardStats", "member"],
    ["getAgentStats", undefined],
  ];
  it.each(allowed)("%s allows a key with role %s", (operationId, role) => {
    expect(pipeline.authorize(findOperation(document, operationId), role)).toEqual({ ok: true });
  });
});
