import { randomBytes } from "node:crypto";
import { checkResponse, contractPipeline } from "@agent-analytics/contract";
import { pino } from "pino";
import { describe, expect } from "vitest";
import type { ServerLimits } from "../http/limits.js";
import { startServer, type RunningServer } from "../server.js";
import { openDatabase } from "../storage/engine.js";
import { createKey, createOrganization, type Role } from "../storage/keys.js";

/**
 * The engines every integration test runs on: PGlite always, PostgreSQL on DATABASE_URL (the root
 * `pnpm test` sets it to the local server when one answers at the default address). With
 * DATABASE_URL set, an unreachable server makes the tests fail (startServer throws), never skip.
 */
export const ENGINES: { name: "pglite" | "postgres"; databaseUrl?: string }[] = [
  { name: "pglite" },
  { name: "postgres", databaseUrl: process.env.DATABASE_URL || undefined },
];

/**
 * `describe.each(ENGINES)`, except that without DATABASE_URL the PostgreSQL suite is still
 * registered, as skipped, so the run counts what it did not do. `$name` in the title is the engine.
 */
export function describeEachEngine(title: string, body: (engine: (typeof ENGINES)[number]) => void): void {
  for (const engine of ENGINES) {
    describe.skipIf(engine.name === "postgres" && !engine.databaseUrl)(title.replace("$name", engine.name), () => body(engine));
  }
}

export interface TestServer extends RunningServer {
  stop(): Promise<void>;
  /** A new organisation with a key for `userId` of `role`. */
  tenant(userId: string, role: Role, orgName?: string): Promise<{ orgId: string; key: string }>;
  keyFor(orgId: string, userId: string, role: Role): Promise<string>;
}

/** A random schema per server, so test files and concurrent runs never see each other's data. */
export const randomSchema = () => `t_${randomBytes(6).toString("hex")}`;

export async function startTestServer(engine: (typeof ENGINES)[number], limits?: Partial<ServerLimits>): Promise<TestServer> {
  const schema = engine.databaseUrl ? randomSchema() : undefined;
  const server = await startServer({
    databaseUrl: engine.databaseUrl,
    schema,
    dataDir: "memory://",
    port: 0,
    limits,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  });
  return {
    ...server,
    async stop() {
      await server.close();
      if (engine.databaseUrl && schema) {
        const admin = await openDatabase({ databaseUrl: engine.databaseUrl, poolSize: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      }
    },
    async tenant(userId, role, orgName = "Test org") {
      const orgId = await createOrganization(server.db, orgName);
      return { orgId, key: await createKey(server.db, { organizationId: orgId, userId, role }) };
    },
    keyFor: (orgId, userId, role) => createKey(server.db, { organizationId: orgId, userId, role }),
  };
}

export interface Reply {
  status: number;
  contentType: string;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  key?: string;
  /** Present the key as x-api-key instead of Authorization: Bearer. */
  apiKeyHeader?: boolean;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Skip the contract check (for requests that deliberately reach no operation). */
  unchecked?: boolean;
}

/**
 * One HTTP request to the server. Every response to an operation of the contract is checked with
 * checkResponse: documented status and content type, schema, and every declared invariant.
 */
export async function call(server: RunningServer, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) {
    if (options.apiKeyHeader) headers["x-api-key"] = options.key;
    else headers.authorization = `Bearer ${options.key}`;
  }
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const parsed = text && contentType.includes("json") ? JSON.parse(text) : text;
  const reply: Reply = { status: response.status, contentType, headers: response.headers, body: parsed };
  if (!options.unchecked) assertContract(method, path, headers, body, reply);
  return reply;
}

// The checker reads the request as the contract's pipeline does (the servers' own reading is what is tested).
const pipeline = contractPipeline();

function assertContract(method: string, path: string, headers: Record<string, string>, body: string | undefined, reply: Reply) {
  const routed = pipeline.route(method, path);
  if (!routed.ok) return;
  const { operation, pathParams, query } = routed.route;
  const validated = pipeline.validate(routed.route, { headers, body });
  const request = validated.ok ? validated.request : { path: pathParams, query, headers, body };
  const responseHeaders = Object.fromEntries(reply.headers.entries());
  const check = checkResponse(pipeline.doc, pipeline.validator, operation, request, { status: reply.status, contentType: reply.contentType, body: reply.body, headers: validated.ok ? responseHeaders : undefined });
  expect(check.statusDocumented, `${method} ${path}: status ${reply.status} is documented`).toBe(true);
  expect(check.contentTypeDocumented, `${method} ${path}: content type ${reply.contentType}`).toBe(true);
  expect(check.schemaIssues, `${method} ${path}: ${JSON.stringify(reply.body).slice(0, 300)}`).toEqual([]);
  expect(check.invariantFailures.map((f) => `${f.invariant.id}: ${f.reason}`), `${method} ${path}`).toEqual([]);
  expect(check.headerIssues.map((i) => i.message), `${method} ${path}`).toEqual([]);
}
