import type { Message, Records, Run, RunStatus, Tokens } from "../records.js";
import { DAY, HOUR, MINUTE } from "../time.js";
import { AGENTS, KNOWLEDGE_BASES, type AgentProfile, type Member, type Model, type Organisation } from "./cast.js";
import { Random } from "./random.js";
import { isWeekend, outageAt, sessionsOn, timeOfDay, type Incident } from "./rhythm.js";

export interface Horizon {
  seed: string;
  /** Day numbers (UTC days since 1970): the first simulated day, and how many. */
  firstDay: number;
  days: number;
  /** Nothing happens at or after this instant. */
  now: number;
  scale: number;
  org: Organisation;
  incidents: Incident[];
}

const SECOND = 1000;
const FAILURE_RATE = 0.022;
const OUTAGE_FAILURE_RATE = 0.6;
const ERRORS = ["Rate limited by the model provider (429).", "Tool call timed out after 30 s.", "Context length exceeded.", "Tool returned an invalid response."];
const OUTAGE_ERROR = "Model provider unavailable (503).";
const CHATTING = AGENTS.filter((a) => a.share > 0);
const agentById = (id: string) => AGENTS.find((a) => a.id === id)!;

/**
 * One UTC day of the organisation, appended to `out`: its conversations (each user message
 * answered by the agent, tool calls, the runs that did the work, sometimes feedback), the onboarding
 * of users who joined that day, the scheduled workflows, and knowledge-base files processed.
 */
export function simulateDay(h: Horizon, day: number, out: Records): void {
  const random = new Random(h.seed, "day", day);
  const b = new DayBuilder(h, day, random, out);
  const active = h.org.members.filter((m) => m.joinedDay < day);
  const count = sessionsOn(random, day, h.firstDay, h.days, h.scale, h.incidents);
  const starts: { agent: AgentProfile; member: Member | undefined; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    const agent = random.weighted(CHATTING.map((a) => [a, a.share] as const));
    const member = active.length === 0 || random.chance(agent.anonymous) ? undefined : random.weighted(active.map((m) => [m, m.weight] as const));
    starts.push({ agent, member, at: day * DAY + timeOfDay(random, member?.region, isWeekend(day)) });
  }
  for (const member of h.org.members.filter((m) => m.joinedDay === day)) {
    starts.push({ agent: agentById("workflow_onboarding"), member, at: day * DAY + timeOfDay(random, member.region, false) });
  }
  // Numbered in the order they started, as a real system would issue them.
  starts.sort((x, y) => x.at - y.at);
  starts.forEach((s, i) => b.conversation(i + 1, s.agent, s.member, s.at));
  b.scheduledRuns();
  b.knowledgeFiles();
}

class DayBuilder {
  private readonly tag: string;
  private readonly midnight: number;

  constructor(
    private readonly h: Horizon,
    private readonly day: number,
    private readonly random: Random,
    private readonly out: Records,
  ) {
    this.midnight = day * DAY;
    this.tag = new Date(this.midnight).toISOString().slice(0, 10).replace(/-/g, "");
  }

  conversation(n: number, agent: AgentProfile, member: Member | undefined, createdAt: number): void {
    const { random, h } = this;
    if (createdAt >= h.now) return;
    const id = `${this.tag}_${String(n).padStart(4, "0")}`;
    const sessionId = `sess_${id}`;
    const userId = member?.user.id ?? null;
    const model = random.weighted(agent.models);
    this.out.sessions.push({ id: sessionId, agentId: agent.id, userId, createdAt });

    // Turns: each user message answered by the agent once the model (and its tools) replied.
    const turns: { user: Message; answer?: Message; reasoning: number; audio: [number, number] }[] = [];
    let t = createdAt;
    const count = random.geometric(agent.turns);
    for (let k = 1; k <= count && t < h.now; k++) {
      const user: Message = { id: `msg_${id}_${pad(2 * k - 1)}`, sessionId, role: "user", toolCalls: 0, inputTokens: random.logUniform(12, 350), outputTokens: 0, createdAt: t };
      this.out.messages.push(user);
      const toolCalls = random.chance(agent.tools[0]) ? random.int(1, agent.tools[1]) : 0;
      t += Math.round(random.logUniform(model.latency[0] * SECOND, model.latency[1] * SECOND) * (1 + 0.4 * toolCalls));
      const turn: (typeof turns)[number] = { user, reasoning: model.reasoning ? random.logUniform(...model.reasoning) : 0, audio: [0, 0] };
      if (model.audio) turn.audio = [random.logUniform(...model.audio), random.logUniform(...model.audio)];
      if (t < h.now) {
        turn.answer = {
          id: `msg_${id}_${pad(2 * k)}`, sessionId, role: "assistant", toolCalls,
          inputTokens: random.logUniform(...model.input) + 250 * (k - 1), outputTokens: random.logUniform(...model.output), createdAt: t,
        };
        this.out.messages.push(turn.answer);
      }
      turns.push(turn);
      t += random.logUniform(15 * SECOND, 240 * SECOND);
    }

    // Runs: the turns split among the agent's runs (members of a team work in turn).
    const runCount = Math.min(turns.length, random.int(...agent.runsPerSession));
    let failed = false;
    for (let r = 0; r < runCount; r++) {
      const group = turns.slice(Math.floor((r * turns.length) / runCount), Math.floor(((r + 1) * turns.length) / runCount));
      const startedAt = group[0]!.user.createdAt + random.int(150, 1_200);
      const answered = group.filter((g) => g.answer);
      const end = answered.length === group.length ? Math.max(group[group.length - 1]!.answer!.createdAt + random.int(50, 400), startedAt + 500) : h.now;
      const tokens = this.tokens(model, answered.map((g) => g.answer!), group, r === 0);
      const run = this.run(`run_${id}${r === 0 ? "" : `_${String.fromCharCode(97 + r)}`}`, agent, model, { sessionId, userId, startedAt, completedAt: end, tokens });
      if (run?.status === "failed") {
        failed = true;
        if (random.chance(0.5)) this.retry(run, agent, model);
      }
    }
    // Feedback on the last answer, now and then; rarely kind to a failed conversation.
    const last = [...turns].reverse().find((g) => g.answer)?.answer;
    if (last && random.chance(0.24)) {
      const at = last.createdAt + random.logUniform(5 * SECOND, 180 * SECOND);
      if (at < h.now) {
        this.out.feedback.push({ id: `fb_${id}`, sessionId, messageId: random.chance(0.96) ? last.id : null, helpful: random.chance(failed ? 0.3 : 0.88), createdAt: at });
      }
    }
  }

  private tokens(model: Model, answers: Message[], group: { reasoning: number; audio: [number, number] }[], first: boolean): Tokens {
    const input = answers.reduce((s, m) => s + m.inputTokens, 0);
    const output = answers.reduce((s, m) => s + m.outputTokens, 0);
    const cached = Math.min(input, Math.round(input * model.cached * (0.6 + 0.6 * this.random.next())));
    return {
      input, output, cached,
      cacheWrite: first && model.cached >= 0.3 ? Math.round(input * 0.1) : 0,
      reasoning: group.reduce((s, g) => s + g.reasoning, 0),
      audioInput: group.reduce((s, g) => s + g.audio[0], 0),
      audioOutput: group.reduce((s, g) => s + g.audio[1], 0),
    };
  }

  /** A run, finished when its end is past, else still running at `now` (or queued, just submitted). */
  private run(id: string, agent: AgentProfile, model: Model, r: { sessionId: string | null; userId: string | null; startedAt: number; completedAt: number; tokens: Tokens }): Run | undefined {
    const { random, h } = this;
    if (r.startedAt >= h.now) return undefined;
    const outage = outageAt(h.incidents, model.provider, r.startedAt);
    let status: RunStatus = random.chance(outage ? OUTAGE_FAILURE_RATE : FAILURE_RATE) ? "failed" : "completed";
    let completedAt: number | null = r.completedAt;
    if (completedAt >= h.now) {
      status = h.now - r.startedAt < MINUTE && random.chance(0.4) ? "queued" : "running";
      completedAt = null;
    }
    const generated = status === "completed" && agent.posts > 0 ? random.int(1, agent.posts) : 0;
    let published = 0;
    for (let p = 0; p < generated; p++) if (random.chance(0.7)) published++;
    const run: Run = {
      id, agentId: agent.id, sessionId: r.sessionId, userId: r.userId, status, model: { id: model.id, provider: model.provider },
      tokens: status === "queued" ? { ...r.tokens, input: 0, output: 0, cached: 0, cacheWrite: 0, reasoning: 0 } : r.tokens,
      postsGenerated: generated, postsPublished: published,
      error: status === "failed" ? (outage ? OUTAGE_ERROR : random.pick(ERRORS)) : null,
      startedAt: r.startedAt, completedAt,
    };
    this.out.runs.push(run);
    return run;
  }

  /** A failed run tried again a little later, with the same work to do. */
  private retry(failed: Run, agent: AgentProfile, model: Model): void {
    const startedAt = failed.completedAt! + this.random.int(20, 90) * SECOND;
    const duration = failed.completedAt! - failed.startedAt;
    this.run(`${failed.id}_retry`, agent, model, { sessionId: failed.sessionId, userId: failed.userId, startedAt, completedAt: startedAt + duration, tokens: { ...failed.tokens } });
  }

  /** Ticket triage every working hour on weekdays; the weekly digest on Monday mornings. */
  scheduledRuns(): void {
    const { random } = this;
    const weekday = new Date(this.midnight).getUTCDay();
    const job = (name: string, agentId: string, at: number, minutes: [number, number], input: [number, number], output: [number, number]) => {
      const agent = agentById(agentId);
      const model = agent.models[0]![0];
      const tokens = { input: random.logUniform(...input), output: random.logUniform(...output), cached: 0, cacheWrite: 0, reasoning: 0, audioInput: 0, audioOutput: 0 };
      tokens.cached = Math.round(tokens.input * model.cached * random.next());
      this.run(`run_${this.tag}_${name}`, agent, model, { sessionId: null, userId: null, startedAt: at, completedAt: at + random.int(minutes[0] * 60, minutes[1] * 60) * SECOND, tokens });
    };
    if (weekday >= 1 && weekday <= 5) {
      for (let hour = 7; hour <= 18; hour++) {
        const runs = Math.max(1, Math.round(this.h.scale * (0.5 + random.next())));
        for (let k = 0; k < runs; k++) job(`triage_${pad(hour)}${runs > 1 ? `_${k + 1}` : ""}`, "workflow_triage", this.midnight + hour * HOUR + random.int(0, 1_800) * SECOND, [1, 6], [2_000, 9_000], [100, 600]);
      }
    }
    if (weekday === 1) job("digest", "workflow_digest", this.midnight + 6 * HOUR + random.int(0, 300) * SECOND, [2, 6], [20_000, 60_000], [1_500, 4_000]);
  }

  /** The initial import on the first day, then a few files most working days. */
  knowledgeFiles(): void {
    const { random, h } = this;
    const initial = this.day === h.firstDay;
    const count = initial ? random.int(24, 36) : isWeekend(this.day) ? 0 : Math.round(random.weighted([[0, 0.35], [1, 0.3], [2, 0.2], [3, 0.1], [5, 0.05]]) * Math.sqrt(h.scale));
    for (let k = 1; k <= count; k++) {
      const at = this.midnight + (initial ? 9 * HOUR + random.int(0, 150) * MINUTE : random.int(8 * 60, 18 * 60) * MINUTE) + random.int(0, 59) * SECOND;
      if (at >= h.now) continue;
      this.out.kbFiles.push({
        id: `kbf_${this.tag}_${pad(k)}`, knowledgeBaseId: random.weighted(KNOWLEDGE_BASES.map((kb, i) => [kb, 4 - i] as const)),
        extractInputTokens: random.logUniform(1_500, 45_000), extractOutputTokens: random.logUniform(150, 4_000), processedAt: at,
      });
    }
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
