import express, { type Router } from "express";
import type { Database } from "../storage/engine.js";
import type { Gate } from "../storage/gate.js";

/** How long readiness waits for the database before it says no. */
const READY_TIMEOUT_MS = 1_000;

/**
 * The probes a platform polls, without authentication.
 * - `/livez`: the process answers. It never touches the database or waits in line for it, so an
 *   overloaded or disconnected instance is not restarted for what a restart would not fix.
 * - `/readyz` (and `/healthz`, its older name): the database answers `SELECT 1` within a second, and
 *   the instance is not shedding load; otherwise 503, so a balancer sends traffic elsewhere.
 */
export function probesRouter(db: Database, gate: Gate): Router {
  const router = express.Router();
  router.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });
  const ready: express.RequestHandler = async (_req, res) => {
    if (gate.shedding) return void res.status(503).set("retry-after", "1").json({ status: "unavailable", reason: "shedding load" });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), READY_TIMEOUT_MS)));
      await Promise.race([db.query("SELECT 1"), timeout]);
      res.json({ status: "ok" });
    } catch {
      res.status(503).set("retry-after", "1").json({ status: "unavailable", reason: "database" });
    } finally {
      clearTimeout(timer);
    }
  };
  router.get("/readyz", ready);
  router.get("/healthz", ready);
  return router;
}
