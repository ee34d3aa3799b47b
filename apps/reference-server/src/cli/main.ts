import { mkdirSync } from "node:fs";
import { pino } from "pino";
import { loadDemo } from "../demo/load.js";
import { limitsFromEnv } from "../http/limits.js";
import { startServer } from "../server.js";
import { openDatabase } from "../storage/engine.js";
import { createKey, createOrganization } from "../storage/keys.js";
import { migrate } from "../storage/migrate.js";
import { parseCliArgs, USAGE, type CliCommand } from "./cli-args.js";
import { storageConfig, type StorageConfig } from "./config.js";

const parsed = parseCliArgs(process.argv.slice(2));

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function withDatabase<T>(config: StorageConfig, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  if (!config.databaseUrl && config.dataDir !== "memory://") mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function serve(options: Extract<CliCommand, { command: "serve" }>): Promise<void> {
  const config = storageConfig(options.storage);
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port '${process.env.PORT}'`);
  const logger = pino({ level: options.logLevel ?? process.env.LOG_LEVEL ?? "info" }, pino.destination(2));
  if (!config.databaseUrl && config.dataDir !== "memory://") mkdirSync(config.dataDir, { recursive: true });
  let demoInfo: Awaited<ReturnType<typeof loadDemo>> | undefined;
  const server = await startServer({
    ...config,
    port,
    host: options.host ?? process.env.HOST ?? "127.0.0.1",
    logger,
    limits: limitsFromEnv(process.env),
    beforeListen: options.demo ? async (db, log) => void (demoInfo = await loadDemo(db, log)) : undefined,
  });
  process.stdout.write(`Reference server listening on ${server.url}\n`);
  if (demoInfo) process.stdout.write(demoBanner(server.url, demoInfo));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

function demoBanner(url: string, info: { organizationId: string; key: string; memberKey: string; agentId: string; runId: string }): string {
  const auth = `-H "Authorization: Bearer ${info.key}"`;
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  return `
Demo organisation ${info.organizationId}
  admin key:  ${info.key}
  member key: ${info.memberKey}
API reference: ${url}/docs

Try:
  curl ${auth} ${url}/ingest/context
  curl ${auth} ${url}/agents/${info.agentId}/stats
  curl ${auth} "${url}/agents/${info.agentId}/runs?limit=5"
  curl ${auth} ${url}/agents/${info.agentId}/runs/${info.runId}
  curl ${auth} "${url}/metrics?starting_date=${monthAgo}"
  curl ${auth} -X POST ${url}/metrics/refresh
  curl ${auth} ${url}/metrics/refresh/status
  curl ${auth} "${url}/api/dashboard/getStats?from=${monthAgo}T00:00:00.000Z&to=${today}T23:59:59.999Z&allInOrg=true"
  curl ${auth} "${url}/analytics/overview?period=week"
  curl ${auth} "${url}/analytics/metrics?period=day&startDate=${monthAgo}&endDate=${today}"
  curl ${auth} "${url}/analytics/rolling?window=30"
  curl ${auth} "${url}/analytics/events?startDate=${monthAgo}&endDate=${today}&limit=5"
  curl ${auth} "${url}/analytics/assistants?startDate=${monthAgo}&endDate=${today}"
  curl ${auth} "${url}/analytics/users/top?startDate=${monthAgo}&endDate=${today}"
  curl ${auth} "${url}/analytics/snapshots?startDate=${monthAgo}&endDate=${today}"
  curl -X POST ${auth} -H "Content-Type: application/json" -d '{"agents":[{"id":"agent_new","name":"New agent","kind":"agent"}]}' ${url}/ingest/batch
`;
}

async function main(): Promise<void> {
  if (!parsed.ok) {
    if (parsed.help) return void process.stdout.write(`${USAGE}\n`);
    fail(parsed.message);
  }
  if (parsed.command === "serve") return serve(parsed);
  if (parsed.command === "org create") {
    const id = await withDatabase(storageConfig(parsed.storage), (db) => createOrganization(db, parsed.name));
    process.stdout.write(`${id}\n`);
    return;
  }
  const key = await withDatabase(storageConfig(parsed.storage), (db) =>
    createKey(db, { organizationId: parsed.org, userId: parsed.user, role: parsed.role }),
  );
  process.stdout.write(`${key}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
