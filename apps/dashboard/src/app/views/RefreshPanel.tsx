import type { SuccessData } from "@agent-analytics/client";
import { useEffect, useState } from "preact/hooks";
import { describeError } from "../error-message.js";
import { formatInstant } from "../format.js";
import { useConnection } from "../connection.js";

type RefreshStatus = SuccessData<"get_metrics_refresh_status">;
type Phase = { kind: "idle" } | { kind: "starting" } | { kind: "polling"; started: string } | { kind: "failed"; message: string };
const POLL_MS = 1000;

/**
 * AgentOS's recompute: started in the background, then its status polled until it completes or
 * fails; the metrics reload when it completes.
 */
export function RefreshPanel({ onCompleted }: { onCompleted: () => void }) {
  const { client } = useConnection();
  const [status, setStatus] = useState<RefreshStatus | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await client.agentos.get_metrics_refresh_status(undefined, { signal: controller.signal });
      if (controller.signal.aborted) return;
      if (result.error) return setPhase(phase.kind === "polling" ? { kind: "failed", message: describeError(result.error).title } : phase);
      setStatus(result.data);
      if (phase.kind !== "polling") return;
      if (result.data.status === "running") timer = setTimeout(() => void poll(), POLL_MS);
      else {
        setPhase({ kind: "idle" });
        if (result.data.status === "completed") onCompleted();
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [phase.kind]);

  const start = async () => {
    setPhase({ kind: "starting" });
    const result = await client.agentos.refresh_metrics({ background: true });
    if (result.error) return setPhase({ kind: "failed", message: describeError(result.error).title });
    // 202: started or already running in the background; 200: the server recomputed at once.
    setPhase({ kind: "polling", started: result.status === 202 ? result.data.status : "completed" });
  };

  const busy = phase.kind === "starting" || phase.kind === "polling";
  return (
    <div class="refresh" data-refresh={busy ? "running" : (status?.status ?? "unknown")}>
      <button type="button" onClick={() => void start()} disabled={busy}>
        {busy ? "Refreshing…" : "Refresh metrics"}
      </button>
      <span role="status" data-refresh-status={status?.status}>
        {phase.kind === "failed" ? (
          <span class="error-text">Refresh failed: {phase.message}</span>
        ) : phase.kind === "polling" && phase.started === "already_running" ? (
          "A refresh was already running; waiting for it."
        ) : status ? (
          describeStatus(status)
        ) : (
          "Refresh status unknown."
        )}
      </span>
    </div>
  );
}

function describeStatus(s: RefreshStatus): string {
  if (s.status === "idle") return "Never refreshed.";
  if (s.status === "running") return `Refresh running since ${formatInstant(s.started_at)}.`;
  if (s.status === "failed") return `Last refresh failed: ${s.error ?? "no reason given"}.`;
  return `Last refresh completed ${formatInstant(s.finished_at)}.`;
}
