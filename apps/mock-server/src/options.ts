import type { OpenApiDocument } from "@agent-analytics/contract";
import type { DelayRange } from "./http/prefer.js";
import type { RequestLog } from "./log/request-log.js";

export interface MockOptions {
  /** The contract to serve; the merged document of @agent-analytics/contract by default. */
  document?: OpenApiDocument;
  port?: number;
  host?: string;
  /** Base seed: every response is a function of the request and this seed. */
  seed?: string;
  /** Dynamic (generated, coherent) responses by default; false serves the contract's examples. */
  dynamic?: boolean;
  /** Latency added to every response, unless a request asks for its own. */
  delay?: DelayRange;
  /** Share of requests answered with an injected 500 or 429, unless a request asks for its own. */
  failRate?: number;
  /** The mock's "today" (epoch ms): timestamps and default ranges end here. Start of the current UTC day by default. */
  now?: number;
  cors?: boolean;
  /** Generated bodies kept for repeated requests (0 turns the cache off). */
  cacheSize?: number;
  /** Days of simulated history before today (default 90). */
  worldDays?: number;
  /** Volume of the simulated organisation: users, conversations, scheduled work (default 1). */
  worldScale?: number;
  /** The request log; none when embedded (tests), the CLI's at `info` otherwise. */
  log?: RequestLog;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: string;
  dynamic: boolean;
  delay: DelayRange | undefined;
  failRate: number;
  now: number;
  cors: boolean;
  cacheSize: number;
  worldDays: number;
  worldScale: number;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";
const DAY = 86_400_000;

export function resolveOptions(options: MockOptions): ResolvedOptions {
  return {
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? DEFAULT_HOST,
    seed: options.seed ?? "0",
    dynamic: options.dynamic ?? true,
    delay: options.delay,
    failRate: options.failRate ?? 0,
    now: options.now ?? Math.floor(Date.now() / DAY) * DAY,
    cors: options.cors ?? true,
    cacheSize: options.cacheSize ?? 2000,
    worldDays: options.worldDays ?? 90,
    worldScale: options.worldScale ?? 1,
  };
}
