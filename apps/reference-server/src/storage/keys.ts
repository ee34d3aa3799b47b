import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Queryable } from "./engine.js";

export type Role = "member" | "admin";

export interface KeyContext {
  organizationId: string;
  userId: string;
  role: Role;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key; only its hash is stored, so it can be shown once. */
export function newKey(): string {
  return `aak_${randomBytes(24).toString("base64url")}`;
}

export async function createOrganization(db: Queryable, name: string, id = `org_${randomUUID().replace(/-/g, "").slice(0, 20)}`): Promise<string> {
  await db.query("INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", [id, name]);
  return id;
}

export async function organizationExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query("SELECT 1 FROM organizations WHERE id = $1", [id])).length > 0;
}

/** Stores a key (a given one, e.g. the demo's deterministic key, or a new random one) and returns it. */
export async function createKey(db: Queryable, context: KeyContext, key = newKey()): Promise<string> {
  if (!(await organizationExists(db, context.organizationId))) throw new Error(`no organisation '${context.organizationId}'`);
  await db.query(
    "INSERT INTO api_keys (key_hash, org_id, user_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING",
    [hashKey(key), context.organizationId, context.userId, context.role],
  );
  return key;
}

/**
 * The context of a presented key, or undefined. The lookup is by digest, and the stored digest is
 * compared again in constant time so that no timing reveals how much of a digest matched.
 */
export async function findKey(db: Queryable, key: string): Promise<KeyContext | undefined> {
  const digest = hashKey(key);
  const rows = await db.query<{ key_hash: string; org_id: string; user_id: string; role: Role }>(
    "SELECT key_hash, org_id, user_id, role FROM api_keys WHERE key_hash = $1",
    [digest],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(Buffer.from(row.key_hash, "hex"), Buffer.from(digest, "hex"))) return undefined;
  return { organizationId: row.org_id, userId: row.user_id, role: row.role };
}

/**
 * findKey with a small in-process cache of keys found (by digest, never the key itself). Keys
 * cannot be changed or revoked through the API, so a found key stays valid; unknown keys are not
 * cached, so a key created a moment ago by another instance or the CLI works at once.
 */
export function cachedKeyLookup(db: Queryable, ttlMs = 60_000, max = 10_000): (key: string) => Promise<KeyContext | undefined> {
  const cache = new Map<string, { context: KeyContext; expires: number }>();
  return async (key) => {
    const digest = hashKey(key);
    const hit = cache.get(digest);
    if (hit && hit.expires > Date.now()) return hit.context;
    const context = await findKey(db, key);
    if (context) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(digest, { context, expires: Date.now() + ttlMs });
    }
    return context;
  };
}
