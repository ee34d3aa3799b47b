import type { IngestBatch, OperationId } from "@agent-analytics/types";
import { describe, expectTypeOf, it } from "vitest";
import type { OperationHandler, OperationHandlers } from "./handlers.js";
import { contractPipeline } from "./pipeline.js";
import type { AnyContractRequest, ContractRequest } from "./validated-request.js";

// Checked by the compiler (`pnpm typecheck`, `vitest --typecheck`). The reference server's handler
// map has its own test of the same guarantees on the real handlers.
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
    expectTypeOf<keyof OperationHandlers<null>>().toEqualTypeOf<OperationId>();
    // @ts-expect-error a map without the other operations is not a handler map.
    const _partial: OperationHandlers<null> = { getIngestContext: async () => ({ status: 200, body: { organizationId: "o", userId: "u", role: "admin" } }) };
    const _context: OperationHandler<"getIngestContext", null> = async () => ({ status: 200, body: { organizationId: "o", userId: "u", role: "admin" } });
    // @ts-expect-error a role the contract does not have.
    const _wrongBody: OperationHandler<"getIngestContext", null> = async () => ({ status: 200, body: { organizationId: "o", userId: "u", role: "owner" } });
    // @ts-expect-error a status the operation does not document.
    const _wrongStatus: OperationHandler<"getIngestContext", null> = async () => ({ status: 201, body: { organizationId: "o", userId: "u", role: "admin" } });
    // @ts-expect-error a query field listAgentRuns does not have.
    const _wrongQuery: OperationHandler<"listAgentRuns", null> = async (request) => ({ status: 200, body: { success: true, data: { runs: [], total: request.query.limitt } } });
  });
});
