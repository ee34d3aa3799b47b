import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "./document.js";
import { matchRoute } from "./operations.js";

const ok = { "200": { description: "ok" } };
const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/both": { get: { operationId: "getBoth", responses: ok }, head: { operationId: "headBoth", responses: ok } },
    "/read": { get: { operationId: "getRead", responses: ok } },
    "/write": { post: { operationId: "postWrite", responses: ok } },
  },
} as unknown as OpenApiDocument;

describe("HEAD routing", () => {
  it.each([
    ["/both", "headBoth"],
    ["/read", "getRead"],
  ])("HEAD %s is %s", (path, operationId) => {
    const match = matchRoute(doc, "HEAD", path);
    expect(match.kind === "operation" && match.operation.operationId).toBe(operationId);
  });

  it("is 405 where neither HEAD nor GET is documented", () => {
    expect(matchRoute(doc, "HEAD", "/write")).toMatchObject({ kind: "method-not-allowed", allow: ["POST"] });
  });
});
