import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { loadDemo } from "../demo/load.js";
import { startServer } from "../server.js";
import { openDatabase } from "../storage/engine.js";
import { createKey, createOrganization, type Role } from "../storage/keys.js";
import { migrate } from "../storage/migrate.js";
import { storageConfig, type StorageConfig } from "./config.js";

const USAGE = `Usage:
  agent-analytics-server serve [--port N] [--host H] [--data-dir DIR | --database-url URL [--schema NAME]] [--log-level L] [--demo | --no-demo]
  agent-analytics-server org create --name NAME [storage options]      prints the organisation id
  agent-analytics-server key create --org ORG --user USER --role admin|member [storage options]   prints the key

Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL, DATABASE_SCHEMA, DATA_DIR (.data/reference-server), LOG_LEVEL (info).
The embedded database allows one process per data directory: provision while the server is stopped.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "database-url": { type: "string" },
    schema: { type: "string" },
    "log-level": { type: "string" },
    demo: { type: "boolean" },
    "no-demo": { type: "boolean" },
    name: { type: "string" },
    org: { type: "string" },
    user: { type: "string" },
    role: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

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

async function serve(): Promise<void> {
  const config = storageConfig(values);
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port '${values.port ?? process.env.PORT}'`);
  const demo = values["no-demo"] ? false : (values.demo ?? true);
  const logger = pino({ level: values["log-level"] ?? process.env.LOG_LEVEL ?? "info" }, pino.destination(2));
  if (!config.databaseUrl && config.dataDir !== "memory://") mkdirSync(config.dataDir, { recursive: true });
  let demoInfo: Awaited<ReturnType<typeof loadDemo>> | undefined;
  const server = await startServer({
    ...config,
    port,
    host: values.host ?? process.env.HOST ?? "127.0.0.1",
    logger,
    beforeListen: demo ? async (db, log) => void (demoInfo = await loadDemo(db, log)) : undefined,
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
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, sub] = positionals;
  if (command === "serve" || command === undefined) return serve();
  if (command === "org" && sub === "create") {
    if (!values.name) fail("org create needs --name");
    const id = await withDatabase(storageConfig(values), (db) => createOrganization(db, values.name!));
    process.stdout.write(`${id}\n`);
    return;
  }
  if (command === "key" && sub === "create") {
    if (!values.org || !values.user) fail("key create needs --org and --user");
    const role = (values.role ?? "member") as Role;
    if (role !== "admin" && role !== "member") fail("--role must be admin or member");
    const key = await withDatabase(storageConfig(values), (db) =>
      createKey(db, { organizationId: values.org!, userId: values.user!, role }),
    );
    process.stdout.write(`${key}\n`);
    return;
  }
  fail(`unknown command '${positionals.join(" ")}'`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
