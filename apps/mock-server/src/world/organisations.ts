import { createHash } from "node:crypto";
import type { RefreshStatus } from "@agent-analytics/types";
import type { Layer } from "./store/layer.js";
import { View } from "./store/view.js";

export type Role = "member" | "admin";

/** Who a key acts for (`GET /ingest/context`). */
export interface Caller {
  organizationId: string;
  userId: string;
  role: Role;
}

/** The simulated organisation's users that keys act for: its admin, and a member. */
export interface KeyUsers {
  admin: string;
  member: string;
}

/**
 * One key's organisation: the seeded world, read-only, plus what the key ingested (its own layer,
 * seen by no other key), and the state of its metrics refresh.
 */
export class Organisation {
  readonly view: View;
  refresh: RefreshStatus = { status: "idle", started_at: null, finished_at: null, error: null };

  constructor(
    readonly caller: Caller,
    world: Layer,
  ) {
    this.view = new View(world);
  }
}

/** A key acts as a member when it says so (`...member...`), else as the organisation's admin. */
export function roleOfKey(key: string): Role {
  return /member/i.test(key) ? "member" : "admin";
}

/** The organisation id of a key: stable across restarts, unique per key. */
export function organisationIdOf(key: string): string {
  return `org_${createHash("sha256").update(key, "utf8").digest("hex").slice(0, 12)}`;
}

const MAX_PRISTINE = 10_000;

/**
 * Every key is accepted and is its own organisation, created on its first request. Organisations
 * share the seeded world and keep their ingested records apart: the conformance kit's isolation
 * class (two keys, each blind to the other's records) holds, and one client's writes never change
 * what another sees.
 */
export class Organisations {
  private readonly byKey = new Map<string, Organisation>();

  constructor(
    private readonly world: Layer,
    private readonly users: KeyUsers,
  ) {}

  callerOf(key: string): Caller {
    const role = roleOfKey(key);
    return { organizationId: organisationIdOf(key), userId: role === "admin" ? this.users.admin : this.users.member, role };
  }

  of(key: string): Organisation {
    let org = this.byKey.get(key);
    if (!org) {
      if (this.byKey.size >= MAX_PRISTINE) this.forgetPristine();
      org = new Organisation(this.callerOf(key), this.world);
      this.byKey.set(key, org);
    }
    return org;
  }

  /** Keys that only ever read hold nothing worth keeping: past the bound, the oldest of them go. */
  private forgetPristine(): void {
    for (const [key, org] of this.byKey) {
      if (org.view.own.records === 0 && org.refresh.status === "idle") this.byKey.delete(key);
      if (this.byKey.size < MAX_PRISTINE / 2) return;
    }
  }

  /** Forgets what one key (or, without a key, every key) ingested: back to the seeded world. */
  reset(key?: string): number {
    if (key === undefined) {
      const count = this.byKey.size;
      this.byKey.clear();
      return count;
    }
    return this.byKey.delete(key) ? 1 : 0;
  }
}
