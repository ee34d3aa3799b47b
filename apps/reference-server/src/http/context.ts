import type { Operation, ParsedRequest } from "@agent-analytics/contract";
import type { Logger } from "pino";
import type { Database } from "../storage/engine.js";
import type { KeyContext } from "../storage/keys.js";

export interface HandlerContext {
  db: Database;
  /** The calling key; operations without security get undefined. */
  auth: KeyContext;
  request: ParsedRequest;
  operation: Operation;
  log: Logger;
  /** Background work that must finish before a graceful shutdown completes. */
  track(work: Promise<unknown>): void;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  contentType?: string;
}

export type Handler = (ctx: HandlerContext) => Promise<HandlerResult>;

export const ok = (body: unknown, status = 200): HandlerResult => ({ status, body });
