import type { IngestBatch, OperationId } from "@agent-analytics/types";
import { describe, expectTypeOf, it } from "vitest";
import type { OperationHandler, OperationHandlers } from "./handlers.js";
import { contractPipeline } from "./pipeline.js";
import type { AnyContractRequest, ContractRequest } from "./validated-request.js";

// Checked by the compiler (`pnpm typecheck`, `vitest --typecheck`): each `@ts-expect-error` fails
// the build if the line it marks compiles. The reference server's handler map has its own test of
// the same guarantees on the real handlers.
describe("typed requests and handlers", () => {
  it("narrow an accepted request by its operationId", () => {
    const outcome = contractPipeline().accept({ method: "GET", url: "/agents/a/runs", headers: {} });
    expectTypeOf(outcome).toExtend<{ ok: true; request: AnyContractRequest } | { ok: false }>();
    const request = {} as AnyContractRequest;
    if (request.operationId === "listAgentRuns") {
      expectTypeOf(request.query.limit).toEqualTypeOf<number>();
      expectTypeOf(request.path).toEqualTypeOf<{ agentId: string }>();
      expectTypeOf(request.body).toEqualTypeOf<undefined>();
    }
    expectTypeOf<ContractRequest<"ingestBatch">["body"]>().toEqualTypeOf<IngestBatch>();
  });

  it("require a handler for every operation, each answering its own success bodies", () => {
    type Context = null;
    expectTypeOf<keyof OperationHandlers<Context>>().toEqualTypeOf<OperationId>();
    const context: OperationHandler<"getIngestContext", Context> = async (_request, _context, reply) => reply(200, { organizationId: "o", userId: "u", role: "admin" });
    // @ts-expect-error a map without the other operations is not a handler map.
    const _partial: OperationHandlers<Context> = { getIngestContext: context };
    // @ts-expect-error a role the contract does not have.
    const _wrongValue: OperationHandler<"getIngestContext", Context> = async (_q, _c, reply) => reply(200, { organizationId: "o", userId: "u", role: "owner" });
    // @ts-expect-error a field IngestContext does not have.
    const _extraField: OperationHandler<"getIngestContext", Context> = async (_q, _c, reply) => reply(200, { organizationId: "o", userId: "u", role: "admin", plan: "pro" });
    // @ts-expect-error a status the operation does not document.
    const _wrongStatus: OperationHandler<"getIngestContext", Context> = async (_q, _c, reply) => reply(201, { organizationId: "o", userId: "u", role: "admin" });
    // @ts-expect-error a reply made by hand, not by `reply`.
    const _byHand: OperationHandler<"getIngestContext", Context> = async () => ({ status: 200, body: { organizationId: "o", userId: "u", role: "admin" } });
    // @ts-expect-error a query field listAgentRuns does not have.
    const _wrongQuery: OperationHandler<"listAgentRuns", Context> = async (request, _c, reply) => reply(200, { success: true, data: { runs: [], total: request.query.limitt } });
    const _refresh: OperationHandler<"refresh_metrics", Context> = async (request, _c, reply) =>
      request.query.background ? reply(202, { status: "started", message: "..." }) : reply(200, []);
  });
});
