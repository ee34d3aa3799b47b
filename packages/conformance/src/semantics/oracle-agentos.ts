import { epochMs as ms, type Records } from "@agent-analytics/contract";

const dayOf = (iso: string) => new Date(ms(iso)).toISOString().slice(0, 10);

/**
 * Daily rows of `GET /metrics` for days in `[startingDate, endingDate]` (both `YYYY-MM-DD`,
 * either open), without `id`, `created_at` and `updated_at`, whose values are not specified.
 */
export function agentosRows(records: Records, startingDate?: string, endingDate?: string) {
  const kindOf = new Map(records.agents.map((a) => [a.id, a.kind]));
  const days = new Set([...records.sessions.map((s) => dayOf(s.createdAt)), ...records.runs.map((r) => dayOf(r.startedAt))]);
  return [...days]
    .filter((d) => (startingDate === undefined || d >= startingDate) && (endingDate === undefined || d <= endingDate))
    .sort()
    .map((day) => {
      const sessions = records.sessions.filter((s) => dayOf(s.createdAt) === day);
      const runs = records.runs.filter((r) => dayOf(r.startedAt) === day);
      const count = <T extends { agentId: string }>(list: T[], kind: string) => list.filter((x) => kindOf.get(x.agentId) === kind).length;
      const total = (f: (t: (typeof runs)[number]["tokens"]) => number) => runs.reduce((acc, r) => acc + f(r.tokens), 0);
      const models = new Map<string, { model_id: string; model_provider: string; count: number }>();
      for (const run of runs) {
        if (!run.model) continue;
        const key = `${run.model.provider}\u0000${run.model.id}`;
        const entry = models.get(key) ?? { model_id: run.model.id, model_provider: run.model.provider, count: 0 };
        entry.count++;
        models.set(key, entry);
      }
      const input = total((t) => t.input);
      const output = total((t) => t.output);
      const audioIn = total((t) => t.audioInput);
      const audioOut = total((t) => t.audioOutput);
      return {
        date: `${day}T00:00:00`,
        agent_runs_count: count(runs, "agent"),
        team_runs_count: count(runs, "team"),
        workflow_runs_count: count(runs, "workflow"),
        agent_sessions_count: count(sessions, "agent"),
        team_sessions_count: count(sessions, "team"),
        workflow_sessions_count: count(sessions, "workflow"),
        users_count: new Set([...sessions.map((s) => s.userId), ...runs.map((r) => r.userId)].filter((u) => u !== null)).size,
        token_metrics: {
          input_tokens: input,
          output_tokens: output,
          total_tokens: input + output,
          cached_tokens: total((t) => t.cached),
          cache_write_tokens: total((t) => t.cacheWrite),
          reasoning_tokens: total((t) => t.reasoning),
          input_audio_tokens: audioIn,
          output_audio_tokens: audioOut,
          audio_tokens: audioIn + audioOut,
        },
        model_metrics: [...models.values()].sort(
          (a, b) => b.count - a.count || cmp(a.model_provider, b.model_provider) || cmp(a.model_id, b.model_id),
        ),
      };
    });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
