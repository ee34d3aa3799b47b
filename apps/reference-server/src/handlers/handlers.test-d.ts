import { describe, expectTypeOf, it } from "vitest";
import type { Handlers } from "../http/context.js";
import { agentsHandlers } from "./agents.js";
import { handlers } from "./index.js";

// Checked by the compiler (`pnpm typecheck`, and `vitest --typecheck` in `pnpm test`): each
// `@ts-expect-error` below fails the build if the line it marks compiles, so these lines prove that
// the handler map is complete and typed by the contract, with no runtime test needed.
describe("the handler map", () => {
  it("answers every operation of the contract", () => {
    expectTypeOf(handlers).toEqualTypeOf<Handlers>();
    const { getAgentRun: _removed, ...withoutOne } = handlers;
    // @ts-expect-error getAgentRun is missing.
    const _incomplete: Handlers = withoutOne;
  });

  it("names only operations of the contract", () => {
    // @ts-expect-error getAgentRuns is not an operationId.
    const _misspelt: Handlers = { ...handlers, getAgentRuns: handlers.getAgentRun };
    // @ts-expect-error a module's map is checked where it is declared, too.
    const _module = { getAgentStatz: agentsHandlers.getAgentStats } satisfies Partial<Handlers>;
  });

  it("reads only the query fields an operation has, with defaults present", () => {
    const _typed: Handlers["listAgentRuns"] = async ({ query }, _context, reply) => {
      expectTypeOf(query.limit).toEqualTypeOf<number>();
      expectTypeOf(query.status).toEqualTypeOf<"queued" | "running" | "completed" | "failed" | undefined>();
      return reply(200, { success: true, data: { runs: [], total: 0 } });
    };
    // @ts-expect-error listAgentRuns has no `page` parameter.
    const _wrongField: Handlers["listAgentRuns"] = async ({ query }, _context, reply) => reply(200, { success: true, data: { runs: [], total: query.page } });
  });

  it("returns only the success bodies an operation documents", () => {
    const context = (auth: { organizationId: string; userId: string; role: "admin" | "member" }) => ({ organizationId: auth.organizationId, userId: auth.userId, role: auth.role });
    const _right: Handlers["getIngestContext"] = async (_request, { auth }, reply) => reply(200, context(auth));
    // @ts-expect-error IngestContext has no `organizationName`.
    const _extraField: Handlers["getIngestContext"] = async (_request, { auth }, reply) => reply(200, { ...context(auth), organizationName: "Acme" });
    // @ts-expect-error totalRuns is a number.
    const _wrongType: Handlers["getAgentStats"] = async ({ path }, _context, reply) => reply(200, { success: true, data: { agentId: path.agentId, totalRuns: "3", successfulRuns: 0, failedRuns: 0, totalPostsGenerated: 0, totalPostsPublished: 0, averageRunDurationMs: 0 } });
    // @ts-expect-error getIngestContext documents no 201.
    const _undocumentedStatus: Handlers["getIngestContext"] = async (_request, { auth }, reply) => reply(201, context(auth));
    // @ts-expect-error a reply is made by `reply`, whose argument the compiler checks field by field.
    const _byHand: Handlers["getIngestContext"] = async (_request, { auth }) => ({ status: 200, body: context(auth) });
  });
});
