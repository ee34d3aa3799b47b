import type { Exchange, HttpClient } from "../http.js";
import type { RunContext } from "../run-context.js";
import { buildDataset } from "./dataset.js";
import { buildRecentBatch, utcMidnight } from "./recent.js";
import { declaredNonZero } from "./quiet.js";
import { seededRandom } from "./random.js";
import { Semantics, type RelativeReads } from "./state.js";

/** Why semantics are unavailable; with an exchange when the server's answer is the cause (a failure). */
export interface Unavailable {
  reason: string;
  exchange?: Exchange;
}

/** The relative windows read before and after the recent records: `[operationId, query]`. */
export const RELATIVE_READS: [string, Record<string, string>][] = [
  ["getAnalyticsOverview", { period: "day" }],
  ["getAnalyticsOverview", { period: "week" }],
  ["getAnalyticsOverview", { period: "month" }],
  ["getAnalyticsRolling", { window: "1" }],
  ["getAnalyticsRolling", { window: "7" }],
  ["getAnalyticsRolling", { window: "90" }],
];

export const relativeKey = (operationId: string, query: Record<string, string>) => `${operationId}?${new URLSearchParams(query).toString()}`;

/**
 * Loads the kit's dataset into a quiet window (checked empty first, under both keys) and the recent
 * records around them; returns the semantics state or why it could not be prepared.
 */
export async function prepareSemantics(ctx: RunContext): Promise<Semantics | Unavailable> {
  if (!ctx.claimed.has("ingest")) return { reason: "needs the ingest class claimed, to load a dataset with a known answer" };
  const contextEx = await ctx.client.call(ctx.op("getIngestContext"));
  if (contextEx.response?.status !== 200) return { reason: "GET /ingest/context did not answer 200", exchange: contextEx };
  const caller = contextEx.response.body as Semantics["caller"];

  // The second key's organisation must be quiet too, organisation-wide when it may look there.
  let adminB = false;
  if (ctx.clientB) {
    const contextB = await ctx.clientB.call(ctx.op("getIngestContext"));
    adminB = contextB.response?.status === 200 && (contextB.response.body as { role?: string }).role === "admin";
  }
  const random = seededRandom(ctx.seed);
  let month: string | undefined;
  const busy: string[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS && month === undefined; attempt++) {
    const candidate = randomMonth(random);
    const span = quietSpan(candidate);
    const quiet = await isQuiet(ctx, ctx.client, span, caller.role === "admin");
    if (typeof quiet !== "string" && typeof quiet !== "boolean") return quiet;
    const quietB = ctx.clientB && quiet === true ? await isQuiet(ctx, ctx.clientB, span, adminB) : true;
    if (typeof quietB !== "string" && typeof quietB !== "boolean") return quietB;
    if (quiet === true && quietB === true) month = candidate;
    else busy.push(`${span.first}..${span.last}: ${quiet === true ? `under --token-b, ${String(quietB)}` : quiet}`);
  }
  if (month === undefined) {
    // The same non-zero figure in every span is more likely a defect than a busy organisation.
    return { reason: `no quiet window found: each of ${MAX_ATTEMPTS} random spans held something (${busy.join("; ")})` };
  }

  const dataset = buildDataset({ prefix: ctx.prefix, month, callerUserId: caller.userId, seed: Math.floor(random() * 2 ** 31) });
  // The caller's user must exist for their sessions to resolve; an existing one (409: other content) is fine too.
  const ingest = ctx.op("ingestBatch");
  const callerEx = await ctx.client.call(ingest, { body: { users: [{ id: caller.userId }] } });
  if (callerEx.response?.status === 403) return { reason: `the key the kit writes with may not ingest (403): the token has the ${caller.role} role; pass --write-token, an admin key of its organisation`, exchange: callerEx };
  if (callerEx.response?.status !== 200 && callerEx.response?.status !== 409) return { reason: "the caller's user could not be ensured", exchange: callerEx };
  const loaded = await ctx.client.call(ingest, { body: dataset.batch });
  if (loaded.response?.status !== 200) return { reason: "the dataset could not be loaded", exchange: loaded };

  let recentBatch;
  let relative: RelativeReads | undefined;
  let relativeB: RelativeReads | undefined;
  if (ctx.claimed.has("analytics")) {
    const beforeA = await readRelative(ctx, ctx.client);
    const beforeB = ctx.clientB ? await readRelative(ctx, ctx.clientB) : undefined;
    recentBatch = buildRecentBatch(ctx.prefix, Date.now());
    const recentEx = await ctx.client.call(ingest, { body: recentBatch });
    if (recentEx.response?.status !== 200) return { reason: "the recent records could not be loaded", exchange: recentEx };
    relative = { ...beforeA, ...(await readRelative(ctx, ctx.client, "after")) } as RelativeReads;
    if (beforeB && ctx.clientB) relativeB = { ...beforeB, ...(await readRelative(ctx, ctx.clientB, "after")) } as RelativeReads;
  }
  const semantics = new Semantics(dataset, recentBatch, caller);
  semantics.relative = relative;
  semantics.relativeB = relativeB;
  return semantics;
}

async function readRelative(ctx: RunContext, client: HttpClient, when: "before" | "after" = "before"): Promise<Partial<RelativeReads>> {
  const reads = new Map<string, Exchange>();
  const first = utcMidnight(Date.now());
  for (const [operationId, query] of RELATIVE_READS) reads.set(relativeKey(operationId, query), await client.call(ctx.op(operationId), { query }));
  const last = utcMidnight(Date.now());
  return when === "before" ? { before: reads, todayBefore: first } : { after: reads, todayAfter: last };
}

const MAX_ATTEMPTS = 5;
const DAY = 86_400_000;

/**
 * A month between 1971 and 2019: about 600 windows, so a long-lived server can run the kit many
 * times, and none before 1970 (some storage keeps Unix timestamps).
 */
function randomMonth(random: () => number): string {
  const index = Math.floor(random() * 49 * 12);
  return `${1971 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The days that must be empty: the dataset's ten days, 35 days before them (the scratch records
 * of the ingest checks, the agentos range that starts 30 days early) and 5 days after.
 */
function quietSpan(month: string): { first: string; last: string } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const day0 = Date.UTC(year, m, 1) - 5 * DAY;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { first: day(day0 - 35 * DAY), last: day(day0 + 15 * DAY) };
}

/**
 * Whether the span holds nothing visible to this key in any claimed read module: `true`, or what
 * was found (operation, field, value), or why the server's answer made it impossible to tell.
 */
async function isQuiet(ctx: RunContext, client: HttpClient, span: { first: string; last: string }, admin: boolean): Promise<true | string | Unavailable> {
  const { first, last } = span;
  const after = new Date(Date.parse(`${last}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const reads: [string, Record<string, string>][] = [];
  if (ctx.claimed.has("dashboard")) {
    reads.push(["getDashboardStats", { from: `${first}T00:00:00.000Z`, to: `${last}T23:59:59.999Z`, ...(admin ? { allInOrg: "true" } : {}) }]);
  }
  if (ctx.claimed.has("analytics")) reads.push(["listAnalyticsEvents", { startDate: first, endDate: after, limit: "1" }]);
  if (ctx.claimed.has("agentos")) reads.push(["get_metrics", { starting_date: first, ending_date: last }]);
  for (const [operationId, query] of reads) {
    const op = ctx.op(operationId);
    const ex = await client.call(op, { query });
    if (ex.response?.status !== 200) return { reason: `the quiet-window check (${operationId}) did not answer 200`, exchange: ex };
    const found = quietIssues(ctx, operationId, ex.response.body);
    if (found === undefined) return { reason: `the quiet-window check (${operationId}) answered a body the kit cannot read`, exchange: ex };
    if (found.length) return `${operationId} ${found.slice(0, 3).map(([at, v]) => `${at} = ${JSON.stringify(v)}`).join(", ")}`;
  }
  return true;
}

/** What shows records in a quiet-window read: declared figures that are not 0, or rows; undefined if unreadable. */
function quietIssues(ctx: RunContext, operationId: string, body: unknown): [string, unknown][] | undefined {
  if (operationId === "getDashboardStats") return declaredNonZero(ctx.doc, ctx.op(operationId), body);
  if (operationId === "listAnalyticsEvents") {
    const total = (body as { data?: { total?: unknown } } | undefined)?.data?.total;
    return typeof total === "number" ? (total === 0 ? [] : [["/data/total", total]]) : undefined;
  }
  const rows = (body as { metrics?: unknown } | undefined)?.metrics;
  return Array.isArray(rows) ? (rows.length === 0 ? [] : [["/metrics (rows)", rows.length]]) : undefined;
}
