import type { OperationHandlers } from "@agent-analytics/contract";
import type { Logger } from "pino";
import type { Database } from "../storage/engine.js";
import type { KeyContext } from "../storage/keys.js";

/** What a handler gets besides its typed request. */
export interface HandlerContext {
  db: Database;
  /** The calling key (every operation of the contract requires one). */
  auth: KeyContext;
  log: Logger;
  /** Background work that must finish before a graceful shutdown completes. */
  track(work: Promise<unknown>): void;
}

/** One handler per operation of the contract: the compiler rejects a missing one or a wrong reply. */
export type Handlers = OperationHandlers<HandlerContext>;
