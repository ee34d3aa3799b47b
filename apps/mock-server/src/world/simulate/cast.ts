import { Faker, en } from "@faker-js/faker";
import type { AgentKind, User } from "../records.js";
import { Random } from "./random.js";

/**
 * Who is in the simulated organisation: the models its agents call (with their providers and the
 * token counts typical of each), its agents of every kind, its knowledge bases and its users.
 */
export interface Model {
  id: string;
  provider: string;
  /** Context tokens per call and reply tokens per call, as ranges drawn log-uniformly. */
  input: [number, number];
  output: [number, number];
  /** Share of the context served from the provider's prompt cache. */
  cached: number;
  reasoning?: [number, number];
  audio?: [number, number];
  /** Seconds a call takes. */
  latency: [number, number];
}

const m = (id: string, provider: string, input: [number, number], output: [number, number], cached: number, latency: [number, number], extra: Partial<Model> = {}): Model => ({
  id, provider, input, output, cached, latency, ...extra,
});

export const MODELS = {
  sonnet: m("claude-sonnet-4", "Anthropic", [1_200, 6_000], [150, 900], 0.45, [2.5, 12]),
  haiku: m("claude-3-5-haiku", "Anthropic", [600, 2_500], [80, 400], 0.3, [0.8, 3.5]),
  opus: m("claude-opus-4", "Anthropic", [3_000, 16_000], [500, 3_000], 0.5, [8, 40]),
  gpt4o: m("gpt-4o", "OpenAI", [1_000, 5_000], [150, 1_000], 0.35, [2, 9]),
  gpt4oMini: m("gpt-4o-mini", "OpenAI", [500, 3_000], [80, 600], 0.25, [0.7, 3]),
  o4mini: m("o4-mini", "OpenAI", [800, 4_000], [200, 1_200], 0.2, [5, 30], { reasoning: [500, 6_000] }),
  realtime: m("gpt-4o-realtime-preview", "OpenAI", [300, 1_500], [100, 600], 0.1, [0.6, 2.5], { audio: [500, 4_000] }),
  geminiPro: m("gemini-2.5-pro", "Google", [2_000, 12_000], [300, 2_000], 0.2, [4, 20]),
  geminiFlash: m("gemini-2.5-flash", "Google", [800, 5_000], [100, 800], 0.15, [0.9, 4]),
} satisfies Record<string, Model>;

export interface AgentProfile {
  id: string;
  name: string;
  kind: AgentKind;
  /** Share of the organisation's conversations (0: the agent does not chat). */
  share: number;
  models: [Model, number][];
  /** Mean user turns per conversation. */
  turns: number;
  /** Tool calls per answer: how often, and at most how many. */
  tools: [number, number];
  /** Runs per conversation (teams split work among members). */
  runsPerSession: [number, number];
  /** Posts a completed run generates (a content agent), at most. */
  posts: number;
  /** Share of its conversations with no signed-in user. */
  anonymous: number;
}

const agent = (p: Omit<AgentProfile, "tools" | "runsPerSession" | "posts" | "anonymous"> & Partial<AgentProfile>): AgentProfile => ({
  tools: [0.2, 1], runsPerSession: [1, 1], posts: 0, anonymous: 0.03, ...p,
});

/** The reference server's demo agents (same ids, names and kinds) and three more. */
export const AGENTS: AgentProfile[] = [
  agent({ id: "agent_support", name: "Support agent", kind: "agent", share: 0.34, models: [[MODELS.sonnet, 0.85], [MODELS.haiku, 0.15]], turns: 3.2, tools: [0.6, 4] }),
  agent({ id: "agent_writer", name: "Post writer", kind: "agent", share: 0.14, models: [[MODELS.gpt4o, 0.8], [MODELS.sonnet, 0.2]], turns: 2.6, posts: 3 }),
  agent({ id: "agent_analyst", name: "SQL analyst", kind: "agent", share: 0.12, models: [[MODELS.o4mini, 0.9], [MODELS.gpt4o, 0.1]], turns: 2.4, tools: [0.9, 3] }),
  agent({ id: "agent_voice", name: "Voice concierge", kind: "agent", share: 0.08, models: [[MODELS.realtime, 1]], turns: 4.5, anonymous: 0.3 }),
  agent({ id: "team_research", name: "Research team", kind: "team", share: 0.16, models: [[MODELS.opus, 0.6], [MODELS.sonnet, 0.4]], turns: 1.8, tools: [0.9, 8], runsPerSession: [1, 3] }),
  agent({ id: "team_sales", name: "Sales team", kind: "team", share: 0.16, models: [[MODELS.geminiPro, 0.7], [MODELS.gpt4o, 0.3]], turns: 2.2, tools: [0.5, 3], runsPerSession: [1, 2] }),
  agent({ id: "workflow_onboarding", name: "Onboarding workflow", kind: "workflow", share: 0, models: [[MODELS.gpt4oMini, 1]], turns: 2 }),
  agent({ id: "workflow_digest", name: "Weekly digest workflow", kind: "workflow", share: 0, models: [[MODELS.geminiFlash, 1]], turns: 0, posts: 1 }),
  agent({ id: "workflow_triage", name: "Ticket triage", kind: "workflow", share: 0, models: [[MODELS.haiku, 1]], turns: 0 }),
];

export const KNOWLEDGE_BASES = ["kb_handbook", "kb_product_docs", "kb_support_articles", "kb_pricing"];

export type Region = "eu" | "us" | "apac";

export interface Member {
  user: User;
  region: Region;
  /** Relative share of the organisation's conversations (a few heavy users, many light ones). */
  weight: number;
  /** Day number (UTC days since 1970) from which the user is active. */
  joinedDay: number;
}

export interface Organisation {
  name: string;
  domain: string;
  members: Member[];
  /** The admin and a member the keys act for. */
  admin: string;
  member: string;
}

/**
 * The organisation's people: 84 per unit of scale, about two thirds there when the horizon opens
 * and the rest joining along it (the organisation grows). `user_001` is its admin, `user_002` a
 * busy member: the keys act for them.
 */
export function castOrganisation(seed: string, firstDay: number, days: number, scale: number): Organisation {
  const random = new Random(seed, "directory");
  const faker = new Faker({ locale: [en], seed: random.int(1, 2 ** 31 - 1) });
  const name = faker.company.name();
  const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`;
  const count = Math.max(8, Math.round(84 * scale));
  const members: Member[] = [];
  for (let i = 1; i <= count; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const region = random.weighted<Region>([["eu", 0.4], ["us", 0.45], ["apac", 0.15]]);
    const founding = i <= 2 || random.chance(0.65);
    const joinedDay = founding ? firstDay - random.int(30, 400) : firstDay + random.int(1, days - 1);
    const metadata: Record<string, string> = {
      name: `${first} ${last}`,
      email: `${first}.${last}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
      plan: i === 1 ? "enterprise" : random.weighted([["free", 0.5], ["pro", 0.35], ["enterprise", 0.15]]),
      region,
      team: i === 1 ? "operations" : random.pick(["support", "sales", "engineering", "marketing", "operations", "finance"]),
      joined: new Date(joinedDay * 86_400_000).toISOString().slice(0, 10),
    };
    if (i === 1) metadata.role = "admin";
    const weight = i === 2 ? 4 : Math.exp(random.gauss() * 0.9);
    members.push({ user: { id: `user_${String(i).padStart(3, "0")}`, metadata }, region, weight, joinedDay });
  }
  return { name, domain, members, admin: "user_001", member: "user_002" };
}
