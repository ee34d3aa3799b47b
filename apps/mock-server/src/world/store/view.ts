import type { Records } from "../records.js";
import type { AgentEntry, MessageEntry, RunEntry, SessionEntry, UserEntry } from "./entries.js";
import { Layer, type Resolver } from "./layer.js";

/**
 * What one organisation sees: the seeded world (shared by every organisation, never changed) and
 * the layer of records its key ingested. Ids are unique per organisation, so a record is in one
 * layer at most; indexes of users and agents continue from the world's into the organisation's own.
 */
export class View implements Resolver {
  readonly layers: readonly Layer[];
  readonly own: Layer;

  constructor(readonly world: Layer) {
    this.own = new Layer(world.userCount, world.agentCount);
    this.layers = [world, this.own];
  }

  get userCount(): number {
    return this.own.userCount;
  }

  get agentCount(): number {
    return this.own.agentCount;
  }

  user(id: string): UserEntry | undefined {
    return this.own.users.get(id) ?? this.world.users.get(id);
  }

  agent(id: string): AgentEntry | undefined {
    return this.own.agents.get(id) ?? this.world.agents.get(id);
  }

  session(id: string): SessionEntry | undefined {
    return this.own.sessions.get(id) ?? this.world.sessions.get(id);
  }

  run(id: string): RunEntry | undefined {
    return this.own.runs.get(id) ?? this.world.runs.get(id);
  }

  message(id: string): MessageEntry | undefined {
    return this.own.messages.get(id) ?? this.world.messages.get(id);
  }

  /** A stored record of a type, by id, in whichever layer holds it. */
  stored(type: keyof Records, id: string): object | undefined {
    for (const layer of this.layers) {
      const entry = layer[type].get(id) as { record?: object } | object | undefined;
      if (entry) return "record" in entry ? entry.record : entry;
    }
    return undefined;
  }

  userAt(idx: number): UserEntry {
    return idx < this.own.userBase ? this.world.userList[idx]! : this.own.userList[idx - this.own.userBase]!;
  }

  agentAt(idx: number): AgentEntry {
    return idx < this.own.agentBase ? this.world.agentList[idx]! : this.own.agentList[idx - this.own.agentBase]!;
  }

  /** Every user of the organisation, for filters on metadata. */
  *allUsers(): Iterable<UserEntry> {
    for (const layer of this.layers) yield* layer.users.values();
  }

  agentIdx(id: string): number {
    const entry = this.agent(id);
    if (!entry) throw new Error(`no agent ${id}: references must be resolved before records are stored`);
    return entry.idx;
  }

  userIdx(id: string | null): number {
    if (id === null) return -1;
    const entry = this.user(id);
    if (!entry) throw new Error(`no user ${id}: references must be resolved before records are stored`);
    return entry.idx;
  }

  sessionOf(id: string): { agent: number; user: number } {
    const entry = this.session(id);
    if (!entry) throw new Error(`no session ${id}: references must be resolved before records are stored`);
    return entry;
  }

  /** Stores an organisation's new records in its own layer. */
  add(records: Records): void {
    this.own.add(records, this);
  }
}
