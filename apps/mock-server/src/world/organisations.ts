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

/** What an organisation wrote: its own view once it ingests, and its metrics refresh. */
interface Written {
  own?: View;
  refresh: RefreshStatus;
}

/**
 * One key's organisation, seen as that key's caller: the seeded world, read-only, plus what the
 * organisation ingested (its own layer, seen by no other organisation, shared by its admin and
 * member keys), and the state of its metrics refresh. Until it writes, it reads through the view
 * every pristine organisation shares, so a key that only reads costs nothing to keep.
 */
export class Organisation {
  constructor(
    readonly caller: Caller,
    private readonly pristine: View,
    private readonly written: Written,
    private readonly keep: (written: Written) => void,
  ) {}

  get view(): View {
    return this.written.own ?? this.pristine;
  }

  /** The organisation's own view, created (and the organisation kept) on its first write. */
  forWriting(): View {
    if (!this.written.own) {
      this.written.own = new View(this.pristine.world);
      this.keep(this.written);
    }
    return this.written.own;
  }

  get refresh(): RefreshStatus {
    return this.written.refresh;
  }

  set refresh(status: RefreshStatus) {
    this.written.refresh = status;
    this.keep(this.written);
  }
}

/** A key acts as a member when it says so (`...member...`), else as the organisation's admin. */
export function roleOfKey(key: string): Role {
  return /member/i.test(key) ? "member" : "admin";
}

/**
 * The key that names a key's organisation: a member key belongs to the organisation of the same key
 * with `member` written `admin` (`team-member-1` to `team-admin-1`), so that a client holding both
 * keys writes as the admin and reads as the member of one organisation.
 */
export function organisationKeyOf(key: string): string {
  return key.replace(/member/gi, "admin");
}

/**
 * The organisation id of a key: stable across restarts, and distinct for distinct keys (53 bits
 * of a fast string hash, cyrb53: keys are not secrets to the mock, and every request derives it).
 */
export function organisationIdOf(key: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `org_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0")}`;
}

/**
 * Every key is accepted, and is its own organisation or, for a member key, a member of its admin
 * key's (`organisationKeyOf`). Organisations share the seeded world and keep
 * their ingested records apart: the conformance kit's isolation class (two keys, each blind to the
 * other's records) holds, and one client's writes never change what another sees.
 */
export class Organisations {
  /** What each organisation wrote, by the key that names it. */
  private readonly byKey = new Map<string, Written>();
  private readonly pristine: View;

  constructor(
    world: Layer,
    private readonly users: KeyUsers,
  ) {
    this.pristine = new View(world);
  }

  callerOf(key: string): Caller {
    const role = roleOfKey(key);
    return { organizationId: organisationIdOf(organisationKeyOf(key)), userId: role === "admin" ? this.users.admin : this.users.member, role };
  }

  of(key: string): Organisation {
    const named = organisationKeyOf(key);
    const written = this.byKey.get(named) ?? { refresh: { status: "idle", started_at: null, finished_at: null, error: null } };
    return new Organisation(this.callerOf(key), this.pristine, written, (kept) => this.byKey.set(named, kept));
  }

  /** Forgets what one key (or, without a key, every key) ingested: back to the seeded world. */
  reset(key?: string): number {
    if (key === undefined) {
      const count = this.byKey.size;
      this.byKey.clear();
      return count;
    }
    return this.byKey.delete(organisationKeyOf(key)) ? 1 : 0;
  }
}
