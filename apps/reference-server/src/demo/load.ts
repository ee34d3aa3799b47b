import type { Logger } from "pino";
import { ingestBatch } from "../ingest/ingest.js";
import type { Database } from "../storage/engine.js";
import { createKey, createOrganization } from "../storage/keys.js";
import { demoDay, demoDirectory } from "./generate.js";

export const DEMO_ORG = "org_demo";
/** Fixed, publicly known keys: the demo organisation holds demo data only. */
export const DEMO_ADMIN_KEY = "aak_demo_admin_key";
export const DEMO_MEMBER_KEY = "aak_demo_member_key";
export const DEMO_DAYS = 42;

/**
 * Loads the demo organisation through the same ingest path as the API: its directory, then one
 * batch per day of the last six weeks (before today). Idempotent: reloaded days are duplicates.
 */
export async function loadDemo(db: Database, log: Logger, now = Date.now()) {
  await createOrganization(db, "Demo organisation", DEMO_ORG);
  await createKey(db, { organizationId: DEMO_ORG, userId: "user_001", role: "admin" }, DEMO_ADMIN_KEY);
  await createKey(db, { organizationId: DEMO_ORG, userId: "user_002", role: "member" }, DEMO_MEMBER_KEY);
  let accepted = 0;
  const batches = [demoDirectory()];
  const today = Math.floor(now / 86_400_000) * 86_400_000;
  for (let d = DEMO_DAYS; d >= 1; d--) batches.push(demoDay(new Date(today - d * 86_400_000).toISOString().slice(0, 10)));
  for (const batch of batches) {
    const outcome = await ingestBatch(db, DEMO_ORG, batch);
    if (outcome.kind !== "stored") throw new Error(`demo data rejected: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    accepted += outcome.result.accepted.total;
  }
  log.info({ organizationId: DEMO_ORG, accepted }, "demo data loaded");
  const yesterday = new Date(today - 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  return { organizationId: DEMO_ORG, key: DEMO_ADMIN_KEY, memberKey: DEMO_MEMBER_KEY, agentId: "agent_support", runId: await firstRun(db, yesterday) };
}

async function firstRun(db: Database, tag: string): Promise<string> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM runs WHERE org_id = $1 AND agent_id = 'agent_support' ORDER BY (id LIKE $2) DESC, started_at DESC LIMIT 1",
    [DEMO_ORG, `run_${tag}_%`],
  );
  return rows[0]?.id ?? "run_unknown";
}
