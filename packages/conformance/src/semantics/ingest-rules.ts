import { differences } from "../compare.js";
import type { Exchange } from "../http.js";
import { describeResponse, Skip, type Verdict } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { expectError } from "../checks/error-format.js";
import { RECORD_TYPES } from "@agent-analytics/contract";
import type { FigureCheck } from "./figure-check.js";
import type { Semantics } from "./state.js";
import { AGENTS_FIGURES } from "./figures-agents.js";
import { DASHBOARD_FIGURES } from "./figures-dashboard.js";
import { ANALYTICS_FIGURES } from "./figures-analytics.js";

type Counts = Record<string, number>;
const SCRATCH_DAYS_BEFORE = 20;
interface IngestResult { received: Counts; accepted: Counts; duplicates: Counts }

/** A scratch instant in the quiet margin before the dataset's ten days (checked empty too). */
const scratch = (sem: Semantics, minute: number) => new Date(Date.parse(`${sem.dataset.firstDay}T12:00:00Z`) - SCRATCH_DAYS_BEFORE * 86_400_000 + minute * 60_000).toISOString();

function counts(ex: Exchange): IngestResult | undefined {
  return ex.response?.status === 200 ? (ex.response.body as IngestResult) : undefined;
}

/** Re-sends records that must be new (nothing of a rejected batch stored): all accepted. */
async function expectNothingStored(ctx: RunContext, v: Verdict, body: Record<string, unknown[]>, what: string) {
  const ex = await ctx.client.call(ctx.op("ingestBatch"), { body });
  const total = Object.values(body).reduce((n, list) => n + list.length, 0);
  const result = counts(ex);
  v.check(result?.accepted?.total === total, ex, `${what}: re-sending its valid records answered ${describeResponse(ex)} with accepted ${JSON.stringify(result?.accepted)}`, `200 with all ${total} accepted: nothing of the rejected batch was stored`);
}

/** Figures the dataset fixes, re-checked after re-sending it. */
const UNCHANGED: [string, string, Record<string, FigureCheck>][] = [
  ["agents", "getAgentStats", AGENTS_FIGURES],
  ["dashboard", "getDashboardStats", DASHBOARD_FIGURES],
  ["analytics", "listAnalyticsEvents", ANALYTICS_FIGURES],
];

export const INGEST_RULES: Record<string, FigureCheck> = {
  async idempotent(ctx, sem, v) {
    const batch = sem.dataset.batch as Record<string, unknown[]>;
    const ex = await ctx.client.call(ctx.op("ingestBatch"), { body: batch });
    const result = counts(ex);
    const expected: IngestResult = { received: {}, accepted: {}, duplicates: {} };
    for (const type of RECORD_TYPES) {
      expected.received[type] = batch[type]?.length ?? 0;
      expected.accepted[type] = 0;
      expected.duplicates[type] = batch[type]?.length ?? 0;
    }
    for (const part of ["received", "accepted", "duplicates"] as const) expected[part].total = Object.values(expected[part]).reduce((a, b) => a + b, 0);
    if (v.check(result !== undefined, ex, `re-sending the dataset answered ${describeResponse(ex)}`, "200: re-sending a batch changes nothing")) {
      const diffs = differences(expected, result);
      if (diffs.length) v.fail(ex, `re-sending the dataset: ${diffs.join("; ")}`, "every record counted as a duplicate, none accepted");
    }
    // The same content spelled differently: another timestamp form, metadata in another order.
    const session = sem.records.sessions[0]!;
    const user = sem.dataset.batch.users![0]!;
    const respelled = {
      sessions: [{ id: session.id, agentId: session.agentId, userId: session.userId, createdAt: new Date(session.createdAt).toISOString() }],
      users: [{ id: user.id, metadata: Object.fromEntries(Object.entries(user.metadata ?? {}).reverse()) }],
    };
    const same = await ctx.client.call(ctx.op("ingestBatch"), { body: respelled });
    v.check(counts(same)?.duplicates?.total === 2, same, `the same records spelled differently answered ${describeResponse(same)} with duplicates ${JSON.stringify(counts(same)?.duplicates)}`, "200 with both records counted as duplicates (timestamps compare as instants, metadata as a map)");
    for (const [cls, operationId, checks] of UNCHANGED) if (ctx.claimed.has(cls)) await checks[operationId]!(ctx, sem, v);
  },
  async "all-or-nothing"(ctx, sem, v) {
    const agent = { id: ctx.freshId("aon_agent"), name: "All or nothing", kind: "agent" };
    const session = { id: ctx.freshId("aon_sess"), agentId: agent.id, createdAt: scratch(sem, 0) };
    const run = { id: ctx.freshId("aon_run"), agentId: agent.id, status: "queued", startedAt: scratch(sem, 1) };
    const bad = { id: ctx.freshId("aon_run"), agentId: agent.id, status: "exploded", startedAt: scratch(sem, 2) };
    const ex = await ctx.client.call(ctx.op("ingestBatch"), { body: { agents: [agent], sessions: [session], runs: [run, bad] } });
    if (expectError(ctx, ctx.op("ingestBatch"), ex, 400, "a batch with one invalid run", v)) {
      const errors = (ex.response!.body as { errors?: { recordType?: string; index?: number }[] }).errors ?? [];
      v.check(errors.some((e) => e.recordType === "runs" && e.index === 1), ex, `the problem lists ${JSON.stringify(errors)}`, 'an errors entry { recordType: "runs", index: 1 }');
    }
    await expectNothingStored(ctx, v, { agents: [agent], sessions: [session], runs: [run] }, "the rejected batch");
  },
  async conflict(ctx, sem, v) {
    const stored = sem.dataset.batch.agents![0]!;
    const fresh = { id: ctx.freshId("conflict_user") };
    const ex = await ctx.client.call(ctx.op("ingestBatch"), { body: { users: [fresh], agents: [{ ...stored, name: `${stored.name} (renamed)` }] } });
    expectError(ctx, ctx.op("ingestBatch"), ex, 409, "a stored agent id with a different name", v);
    await expectNothingStored(ctx, v, { users: [fresh] }, "the conflicting batch");
  },
  async limits(ctx, _sem, v) {
    const users = Array.from({ length: 5001 }, () => ({ id: ctx.freshId("limit_user") }));
    const ex = await ctx.client.call(ctx.op("ingestBatch"), { body: { users } });
    expectError(ctx, ctx.op("ingestBatch"), ex, 413, "a batch of 5001 records", v);
    await expectNothingStored(ctx, v, { users: [users[0]!] }, "the batch of 5001 records");
    // Few records, but a body over 10 MiB: 800 users with 50 metadata values of 256 characters.
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key_${String(i).padStart(2, "0")}`, "v".repeat(256)]));
    const heavy = Array.from({ length: 800 }, () => ({ id: ctx.freshId("heavy_user"), metadata }));
    const big = await ctx.client.call(ctx.op("ingestBatch"), { body: { users: heavy } });
    expectError(ctx, ctx.op("ingestBatch"), big, 413, "a body over 10 MiB (800 records)", v);
    await expectNothingStored(ctx, v, { users: [heavy[0]!] }, "the body over 10 MiB");
  },
};

/** `ingest.getIngestContext.figures`: the context is the key's, stable across calls. */
export const INGEST_FIGURES: Record<string, FigureCheck> = {
  async getIngestContext(ctx, sem, v) {
    const ex = await ctx.client.call(ctx.op("getIngestContext"));
    if (!ex.response) throw new Skip("no response");
    const diffs = differences(sem.caller, ex.response.body);
    v.check(ex.response.status === 200 && diffs.length === 0, ex, `the context changed: ${diffs.join("; ")}`, JSON.stringify(sem.caller));
  },
};
