/**
 * `agent-analytics-test <command...>`: the root `pnpm test`. Finds PostgreSQL (database.ts), runs
 * the command (`turbo run test ...`) with DATABASE_URL set when one was found, passes its output
 * through, and ends with the totals, what was skipped, and how to run it. The exit code is the
 * command's.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { findDatabase, type Database } from "./database.js";
import { newSummary, readLine, totals, type RunSummary } from "./summary.js";

type Sink = { write(text: string): unknown };

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Where to look for a local server when DATABASE_URL is unset. */
  defaultDatabaseUrl?: string;
  stdout?: Sink;
}

export async function main(command: string[], options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const out = options.stdout ?? process.stdout;
  if (command.length === 0) {
    out.write("Usage: agent-analytics-test <command...>   (the root `pnpm test` runs it with `turbo run test`)\n");
    return 2;
  }
  const database = await findDatabase(env, options.defaultDatabaseUrl);
  out.write(`${describeDatabase(database)}\n`);
  const summary = newSummary();
  const code = await run(command, database.url ? { ...env, DATABASE_URL: database.url } : env, out, summary);
  out.write(`\n${closing(summary, database).join("\n")}\n`);
  return code;
}

function describeDatabase(database: Database): string {
  if (database.source === "none") {
    return `PostgreSQL suites: no server at ${database.tried} (${database.reason}) and DATABASE_URL is unset: they will be skipped (see the end).`;
  }
  return database.source === "DATABASE_URL"
    ? "PostgreSQL suites: on DATABASE_URL."
    : `PostgreSQL suites: on the local server at ${database.url} (DATABASE_URL is unset).`;
}

function run(command: string[], env: NodeJS.ProcessEnv, out: Sink, summary: RunSummary): Promise<number> {
  const child = spawn(command[0]!, command.slice(1), { env, stdio: ["inherit", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      out.write(`${line}\n`);
      readLine(summary, line);
    });
  }
  return new Promise((resolve) => {
    child.on("error", (error) => {
      out.write(`agent-analytics-test: cannot run ${command[0]}: ${error.message}\n`);
      resolve(127);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** The end of the run: skipped tests by package, what to do about them, and the totals on the last line. */
export function closing(summary: RunSummary, database: Database): string[] {
  const all = totals(summary);
  const lines: string[] = [];
  const skipped = [...summary.byPackage].filter(([, c]) => c.skipped > 0);
  if (skipped.length > 0) {
    lines.push(`SKIPPED: ${all.skipped} test(s): ${skipped.map(([pkg, c]) => `${pkg} ${c.skipped}`).join(", ")}.`);
    if (database.source === "none") {
      lines.push(
        `  PostgreSQL was not reachable at ${database.tried} (${database.reason}) and DATABASE_URL is unset, so its suites were skipped.`,
        "  To run them: start PostgreSQL there (database `test`, user `postgres`), or point DATABASE_URL at a server:",
        "    DATABASE_URL=postgres://USER@HOST:PORT/DATABASE pnpm test",
      );
    } else {
      lines.push("  PostgreSQL was available; see each package's output for why these were skipped.");
    }
  }
  for (const pkg of summary.uncounted) lines.push(`NOT COUNTED: ${pkg} printed no test count (it failed before its tests ran, or it is not a Vitest run).`);
  lines.push(`Tests: ${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped`);
  return lines;
}
