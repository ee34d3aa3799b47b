import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { createApp } from "./http/app.js";
import { defaultLimits, type ServerLimits } from "./http/limits.js";
import { Gate } from "./storage/gate.js";
import { startRollupVacuum } from "./ingest/rollup-vacuum.js";
import { migrate } from "./storage/migrate.js";
import { openDatabase, type Database, type DatabaseOptions } from "./storage/engine.js";

export interface ServerOptions extends DatabaseOptions {
  port?: number;
  host?: string;
  logLevel?: string;
  logger?: Logger;
  /** How long in-flight requests get to finish on close before connections are cut (10 s). */
  shutdownGraceMs?: number;
  /** Load shedding and connection timeouts; each unset one has its default (http/limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Called after migrations, before listening (the demo loads its data here). */
  beforeListen?: (db: Database, logger: Logger) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests and background work finish, closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: options.logLevel ?? "info" });
  const db = await openDatabase({ ...options, onConnectionError: (error) => logger.warn({ err: error }, "database connection lost") });
  const limits = { ...defaultLimits(db.kind, options.poolSize), ...options.limits };
  await migrate(db);
  if (options.beforeListen) await options.beforeListen(db, logger);
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };
  const vacuum = startRollupVacuum(db, logger);
  const gate = new Gate({ concurrency: limits.dbConcurrency, maxWaiting: limits.maxWaiting, maxWaitMs: limits.maxWaitMs });
  const app = createApp(db, logger, track, gate);
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often the timeouts above are enforced (Node's default, 30 s, lets a slow client stay longer).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3000, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    db,
    logger,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open; in-flight requests still finish,
          // within a grace period after which remaining connections are cut.
          server.closeIdleConnections();
          const idle = setInterval(() => server.closeIdleConnections(), 250);
          const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
          server.once("close", () => {
            clearInterval(idle);
            clearTimeout(cut);
          });
        });
        await Promise.allSettled([...background]);
        await vacuum.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
