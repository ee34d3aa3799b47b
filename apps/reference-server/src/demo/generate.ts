import { Faker, en } from "@faker-js/faker";
import type { IngestBatch } from "@agent-analytics/types";

export const DEMO_AGENTS = [
  { id: "agent_support", name: "Support agent", kind: "agent" },
  { id: "agent_writer", name: "Post writer", kind: "agent" },
  { id: "team_research", name: "Research team", kind: "team" },
  { id: "team_sales", name: "Sales team", kind: "team" },
  { id: "workflow_onboarding", name: "Onboarding workflow", kind: "workflow" },
  { id: "workflow_digest", name: "Weekly digest workflow", kind: "workflow" },
] as const;

const MODELS = [
  { id: "gpt-4o", provider: "OpenAI" },
  { id: "gpt-4o-mini", provider: "OpenAI" },
  { id: "claude-sonnet-4", provider: "Anthropic" },
  { id: "gemini-2.5-flash", provider: "Google" },
];

export const DEMO_USER_COUNT = 24;
const userId = (n: number) => `user_${String(n).padStart(3, "0")}`;

/** The organisation's users and agents; the same on every run. */
export function demoDirectory(): IngestBatch {
  const faker = new Faker({ locale: [en], seed: 7 });
  const users = Array.from({ length: DEMO_USER_COUNT }, (_, i) => ({
    id: userId(i + 1),
    metadata: {
      plan: faker.helpers.arrayElement(["free", "pro", "enterprise"]),
      region: faker.helpers.arrayElement(["eu", "us", "apac"]),
      name: faker.person.fullName(),
    },
  }));
  return { users, agents: DEMO_AGENTS.map((a) => ({ ...a })) };
}

function seedOf(day: string): number {
  let h = 2166136261;
  for (const c of day) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/**
 * One UTC day of activity (`YYYY-MM-DD`), a pure function of the day: sessions with messages,
 * runs, feedback, and knowledge-base files. Ids carry the day, so loading the same day again is a
 * batch of duplicates, and a restart on a later day only adds the new days.
 */
export function demoDay(day: string): IngestBatch {
  const faker = new Faker({ locale: [en], seed: seedOf(day) });
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const weekday = new Date(midnight).getUTCDay();
  const busy = weekday === 0 || weekday === 6 ? 0.5 : 1;
  const batch: Required<IngestBatch> = { users: [], agents: [], sessions: [], runs: [], messages: [], feedback: [], kbFiles: [] };
  const tag = day.replace(/-/g, "");
  const sessionCount = Math.round(faker.number.int({ min: 10, max: 22 }) * busy);
  for (let s = 0; s < sessionCount; s++) {
    const agent = faker.helpers.arrayElement(DEMO_AGENTS);
    const user = faker.datatype.boolean(0.92) ? userId(faker.number.int({ min: 1, max: DEMO_USER_COUNT })) : null;
    const sessionId = `sess_${tag}_${s}`;
    let t = midnight + faker.number.int({ min: 6 * 3600, max: 21 * 3600 }) * 1000;
    batch.sessions.push({ id: sessionId, agentId: agent.id, userId: user, createdAt: new Date(t).toISOString() });
    const turns = faker.number.int({ min: 1, max: 4 });
    let lastAssistant: string | null = null;
    for (let m = 0; m < turns; m++) {
      const inputTokens = faker.number.int({ min: 20, max: 400 });
      batch.messages.push({ id: `msg_${tag}_${s}_${m}u`, sessionId, role: "user", toolCalls: 0, inputTokens, outputTokens: 0, createdAt: new Date(t).toISOString() });
      t += faker.number.int({ min: 2, max: 40 }) * 1000;
      lastAssistant = `msg_${tag}_${s}_${m}a`;
      batch.messages.push({
        id: lastAssistant, sessionId, role: "assistant", toolCalls: faker.number.int({ min: 0, max: 3 }),
        inputTokens: faker.number.int({ min: 200, max: 2000 }), outputTokens: faker.number.int({ min: 50, max: 800 }), createdAt: new Date(t).toISOString(),
      });
      t += faker.number.int({ min: 10, max: 300 }) * 1000;
    }
    if (lastAssistant && faker.datatype.boolean(0.35)) {
      batch.feedback.push({ id: `fb_${tag}_${s}`, sessionId, messageId: lastAssistant, helpful: faker.datatype.boolean(0.8), createdAt: new Date(t).toISOString() });
    }
    const runs = faker.number.int({ min: 0, max: 2 });
    for (let r = 0; r < runs; r++) {
      const started = midnight + faker.number.int({ min: 6 * 3600, max: 22 * 3600 }) * 1000;
      const status = faker.helpers.weightedArrayElement([
        { weight: 85, value: "completed" as const }, { weight: 10, value: "failed" as const },
        { weight: 3, value: "running" as const }, { weight: 2, value: "queued" as const },
      ]);
      const finished = status === "completed" || status === "failed";
      const generated = status === "completed" ? faker.number.int({ min: 0, max: 3 }) : 0;
      const model = faker.helpers.arrayElement(MODELS);
      batch.runs.push({
        id: `run_${tag}_${s}_${r}`, agentId: agent.id, sessionId, userId: user, status, model,
        tokens: {
          input: faker.number.int({ min: 300, max: 5000 }), output: faker.number.int({ min: 50, max: 1500 }),
          cached: faker.number.int({ min: 0, max: 200 }), cacheWrite: 0, reasoning: faker.number.int({ min: 0, max: 300 }),
          audioInput: 0, audioOutput: 0,
        },
        postsGenerated: generated, postsPublished: faker.number.int({ min: 0, max: generated }),
        error: status === "failed" ? faker.helpers.arrayElement(["Rate limited by the model provider.", "Tool call timed out."]) : null,
        startedAt: new Date(started).toISOString(),
        completedAt: finished ? new Date(started + faker.number.int({ min: 5_000, max: 120_000 })).toISOString() : null,
      });
    }
  }
  const files = faker.number.int({ min: 0, max: 3 });
  for (let k = 0; k < files; k++) {
    batch.kbFiles.push({
      id: `kbf_${tag}_${k}`, knowledgeBaseId: faker.helpers.arrayElement(["kb_handbook", "kb_product", "kb_support"]),
      extractInputTokens: faker.number.int({ min: 1000, max: 9000 }), extractOutputTokens: faker.number.int({ min: 100, max: 900 }),
      processedAt: new Date(midnight + faker.number.int({ min: 0, max: 86_399 }) * 1000).toISOString(),
    });
  }
  return batch;
}
