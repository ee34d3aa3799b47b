import { readFileSync } from "node:fs";
import type { Deployment } from "./deployment.js";

export interface Cpu { server: number; database: number }

/** CPU seconds of processes, by pid. */
export interface CpuSnapshot { server: Map<number, number>; database: Map<number, number> }

/** CPU seconds a process used so far (Linux /proc; utime + stime in clock ticks of 1/100 s). */
function processSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used so far by a deployment's instances and by the PostgreSQL backends serving them (the
 * connections named agent-analytics-server in its database, which runs on this machine in the
 * benchmark). Undefined where /proc or the database's processes are not visible.
 */
export async function cpuSnapshot(deployment: Deployment): Promise<CpuSnapshot | undefined> {
  if (process.platform !== "linux" || !deployment.db) return undefined;
  const backends = await deployment.db.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'agent-analytics-server' AND pid <> pg_backend_pid()",
  );
  return {
    server: new Map(deployment.pids.map((pid) => [pid, processSeconds(pid)])),
    database: new Map(backends.map(({ pid }) => [pid, processSeconds(pid)])),
  };
}

/** CPU used between two snapshots (a backend that ended in between is not counted). */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): Cpu {
  const used = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, s]) => sum + Math.max(0, s - (a.get(pid) ?? 0)), 0);
  return { server: used(before.server, after.server), database: used(before.database, after.database) };
}
