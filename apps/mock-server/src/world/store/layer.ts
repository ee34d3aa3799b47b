import type { KbFile, Records } from "../records.js";
import { DAY } from "../time.js";
import { AgentRuns } from "./agent-runs.js";
import { DayCells } from "./day-cells.js";
import {
  byEvent,
  byProcessed,
  byTime,
  zeroTokens,
  type AgentEntry,
  type Event,
  type EventType,
  type FeedbackEntry,
  type KbDay,
  type MessageEntry,
  type RunDay,
  type RunEntry,
  type SessionEntry,
  type UserEntry,
} from "./entries.js";
import { SortedList } from "./sorted.js";

/** How a layer finds the agent and user indexes of records stored in other layers. */
export interface Resolver {
  agentIdx(id: string): number;
  userIdx(id: string | null): number;
  /** Agent and user indexes of a session, wherever it is stored. */
  sessionOf(id: string): { agent: number; user: number };
}

const dayOf = (ms: number): number => Math.floor(ms / DAY);

/**
 * Records of one layer of an organisation (the seeded world, or what one key ingested), with the
 * indexes and daily rollups every read needs, kept current as records are added. Reads combine the
 * layers of an organisation (`View`): sums add up, distinct counts union the indexes, lists merge.
 */
export class Layer {
  readonly users = new Map<string, UserEntry>();
  readonly agents = new Map<string, AgentEntry>();
  readonly sessions = new Map<string, SessionEntry>();
  readonly runs = new Map<string, RunEntry>();
  readonly messages = new Map<string, MessageEntry>();
  readonly feedback = new Map<string, FeedbackEntry>();
  readonly kbFiles = new Map<string, KbFile>();

  /** Entries by index, from `userBase` / `agentBase` on (indexes are unique across an organisation's layers). */
  readonly userList: UserEntry[] = [];
  readonly agentList: AgentEntry[] = [];

  /** Per UTC day number: the (agent, user) cells of the day, with their indexes and totals. */
  readonly cells = new Map<number, DayCells>();
  readonly runDays = new Map<number, RunDay>();
  readonly kbDays = new Map<number, KbDay>();
  readonly agentRuns = new Map<number, AgentRuns>();

  /** Ascending by time, for the partial days at the edges of a range. */
  readonly sessionsByTime = new SortedList<SessionEntry>(byTime);
  readonly messagesByTime = new SortedList<MessageEntry>(byTime);
  readonly feedbackByTime = new SortedList<FeedbackEntry>(byTime);
  readonly kbByTime = new SortedList<KbFile>(byProcessed);
  /** Ascending by timestamp then id, all and per agent and per user index. */
  readonly events = new SortedList<Event>(byEvent);
  readonly eventsByAgent = new Map<number, SortedList<Event>>();
  readonly eventsByUser = new Map<number, SortedList<Event>>();

  constructor(
    readonly userBase = 0,
    readonly agentBase = 0,
  ) {}

  get userCount(): number {
    return this.userBase + this.userList.length;
  }

  get agentCount(): number {
    return this.agentBase + this.agentList.length;
  }

  /**
   * The day entries of `days` in `[fromDay, toDay)`: one lookup per day for a short range, one pass
   * over the days that hold anything for a long one (a dashboard range has no bound).
   */
  static *daysBetween<T>(days: Map<number, T>, fromDay: number, toDay: number): Iterable<T> {
    if (toDay - fromDay <= days.size) {
      for (let day = fromDay; day < toDay; day++) {
        const entry = days.get(day);
        if (entry !== undefined) yield entry;
      }
      return;
    }
    for (const [day, entry] of days) if (day >= fromDay && day < toDay) yield entry;
  }

  /** Merges every list's additions in: a layer built in one go is then ready for reads. */
  settle(): void {
    for (const list of [this.sessionsByTime, this.messagesByTime, this.feedbackByTime, this.kbByTime, this.events]) void list.items;
    for (const map of [this.eventsByAgent, this.eventsByUser]) for (const list of map.values()) void list.items;
    for (const stats of this.agentRuns.values()) stats.settle();
  }

  /** Number of records stored, of every type. */
  get records(): number {
    return Object.values(this.size()).reduce((a, b) => a + b, 0);
  }

  /** Records count, by type. */
  size(): Record<keyof Records, number> {
    const { users, agents, sessions, runs, messages, feedback, kbFiles } = this;
    return { users: users.size, agents: agents.size, sessions: sessions.size, runs: runs.size, messages: messages.size, feedback: feedback.size, kbFiles: kbFiles.size };
  }

  /**
   * Stores new records (validated, references resolvable, none stored before in the organisation).
   * `resolver` reaches the organisation's other layers; this layer's own records are found first.
   */
  add(records: Records, resolver: Resolver): void {
    for (const record of records.users) {
      const entry: UserEntry = { record, idx: this.userCount };
      this.userList.push(entry);
      this.users.set(record.id, entry);
    }
    for (const record of records.agents) {
      const entry: AgentEntry = { record, idx: this.agentCount };
      this.agentList.push(entry);
      this.agents.set(record.id, entry);
    }
    const agentIdx = (id: string) => this.agents.get(id)?.idx ?? resolver.agentIdx(id);
    const userIdx = (id: string | null) => (id === null ? -1 : (this.users.get(id)?.idx ?? resolver.userIdx(id)));
    const sessionOf = (id: string) => this.sessions.get(id) ?? resolver.sessionOf(id);

    const events: Event[] = [];
    const sessions = records.sessions.map((record) => {
      const entry: SessionEntry = { record, agent: agentIdx(record.agentId), user: userIdx(record.userId) };
      this.sessions.set(record.id, entry);
      this.day(record.createdAt).count(entry.agent, entry.user, "sessions");
      return entry;
    });
    const runs = records.runs.map((record) => {
      const entry: RunEntry = { record, agent: agentIdx(record.agentId), user: userIdx(record.userId) };
      this.runs.set(record.id, entry);
      this.addRun(entry, events);
      return entry;
    });
    const messages = records.messages.map((record) => {
      const { agent, user } = sessionOf(record.sessionId);
      const entry: MessageEntry = { record, agent, user };
      this.messages.set(record.id, entry);
      const day = this.day(record.createdAt);
      const type: EventType = record.role === "user" ? "incomingMessages" : "outgoingMessages";
      day.count(agent, user, record.role === "user" ? "incoming" : "outgoing");
      day.count(agent, user, "toolCalls", record.toolCalls);
      day.count(agent, user, "inputTokens", record.inputTokens);
      day.count(agent, user, "outputTokens", record.outputTokens);
      events.push({ id: `${record.id}:${type}`, type, agent, user, at: record.createdAt });
      return entry;
    });
    const feedback = records.feedback.map((record) => {
      const { agent, user } = sessionOf(record.sessionId);
      const entry: FeedbackEntry = { record, agent, user };
      this.feedback.set(record.id, entry);
      const day = this.day(record.createdAt);
      day.count(agent, user, "feedback");
      if (record.helpful) day.count(agent, user, "helpful");
      return entry;
    });
    for (const file of records.kbFiles) {
      this.kbFiles.set(file.id, file);
      const day = this.kbDays.get(dayOf(file.processedAt)) ?? { files: 0, input: 0, output: 0, bases: new Set<string>() };
      day.files++;
      day.input += file.extractInputTokens;
      day.output += file.extractOutputTokens;
      day.bases.add(file.knowledgeBaseId);
      this.kbDays.set(dayOf(file.processedAt), day);
    }

    this.sessionsByTime.add(sessions);
    this.messagesByTime.add(messages);
    this.feedbackByTime.add(feedback);
    this.kbByTime.add(records.kbFiles);
    this.index(events);
    this.indexRuns(runs);
  }

  private addRun(entry: RunEntry, events: Event[]): void {
    const run = entry.record;
    this.day(run.startedAt).count(entry.agent, entry.user, "initiated");
    events.push({ id: `${run.id}:tasksInitiated`, type: "tasksInitiated", agent: entry.agent, user: entry.user, at: run.startedAt });
    if (run.status === "completed") {
      this.day(run.completedAt!).count(entry.agent, entry.user, "completed");
      events.push({ id: `${run.id}:tasksCompleted`, type: "tasksCompleted", agent: entry.agent, user: entry.user, at: run.completedAt! });
    }
    const day = this.runDays.get(dayOf(run.startedAt)) ?? { tokens: zeroTokens(), models: new Map() };
    for (const key of Object.keys(day.tokens) as (keyof typeof day.tokens)[]) day.tokens[key] += run.tokens[key];
    if (run.model) {
      const key = `${run.model.provider}\u0000${run.model.id}`;
      const model = day.models.get(key) ?? { id: run.model.id, provider: run.model.provider, count: 0 };
      model.count++;
      day.models.set(key, model);
    }
    this.runDays.set(dayOf(run.startedAt), day);
  }

  private indexRuns(runs: RunEntry[]): void {
    for (const [agent, list] of group(runs, (r) => r.agent)) {
      let stats = this.agentRuns.get(agent);
      if (!stats) {
        stats = new AgentRuns();
        this.agentRuns.set(agent, stats);
      }
      stats.add(list);
    }
  }

  private index(events: Event[]): void {
    this.events.add(events);
    for (const [agent, list] of group(events, (e) => e.agent)) listIn(this.eventsByAgent, agent).add(list);
    for (const [user, list] of group(events, (e) => e.user)) if (user >= 0) listIn(this.eventsByUser, user).add(list);
  }

  private day(at: number): DayCells {
    const day = dayOf(at);
    let cells = this.cells.get(day);
    if (!cells) {
      cells = new DayCells();
      this.cells.set(day, cells);
    }
    return cells;
  }
}

function group<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function listIn<K>(map: Map<K, SortedList<Event>>, key: K): SortedList<Event> {
  let list = map.get(key);
  if (!list) {
    list = new SortedList(byEvent);
    map.set(key, list);
  }
  return list;
}
