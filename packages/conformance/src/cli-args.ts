import { parseArgs } from "node:util";
import { ConformanceStartError } from "./errors.js";
import { DEFAULT_MAX_EXAMPLES } from "./meta.js";
import type { ConformanceOptions } from "./types.js";

export interface CliOptions {
  run: ConformanceOptions;
  reports: { junit?: string; json?: string; html?: string };
  verbose: boolean;
  help: boolean;
}

export const USAGE = `Usage: agent-analytics-conformance --base-url URL --token KEY [options]

  --base-url URL        server under test (required)
  --token KEY           API key, sent as Authorization: Bearer (required)
  --api-key KEY         key for the x-api-key header form (default: the token)
  --token-b KEY         key of another organisation: enables the isolation class
  --write-token KEY     an admin key of the token's organisation, for the operations that need a
                        role (ingest, refresh) when --token is a member's; enables the roles class
  --write-token-b KEY   the same for --token-b's organisation
  --classes a,b,...     classes the server claims (default: every class)
  --agent-id ID         an existing agent, for servers without ingest
  --run-id ID           an existing run of that agent
  --timeout MS          per-request timeout (default 10000)
  --level LEVEL         contract (default): every rule of the contract; source: only the rules
                        the source systems document (a rule the contract decided that fails is
                        reported as a warning naming the decision)
  --seed N              seed of every random choice (printed in every report: a run replays exactly)
  --max-examples N      generated cases per operation and kind (default ${DEFAULT_MAX_EXAMPLES})
  --operation ID,...    only these operations (operationId); repeatable
  --check NAME,...      only these checks (bounds, figures, generated-valid, ...); repeatable
  --exclude-check NAME  every check but these; repeatable
  -H, --header 'Name: value'  an extra header on every request; repeatable
  --report-junit FILE   write a JUnit XML report
  --report-json FILE    write the full result as JSON
  --report-html FILE    write an HTML report
  --verbose             list passed requirements too

A claimed class passes only when every one of its requirements was checked and passed.
Exit codes: 0 every claimed class passed, 1 a requirement failed or could not be checked,
2 the run could not start (bad arguments, server unreachable, token rejected).`;

/** Parses the command line; throws ConformanceStartError (exit 2) on bad arguments. */
export function parseCli(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== "--"),
      options: {
        "base-url": { type: "string" },
        token: { type: "string" },
        "api-key": { type: "string" },
        "token-b": { type: "string" },
        "write-token": { type: "string" },
        "write-token-b": { type: "string" },
        classes: { type: "string" },
        "agent-id": { type: "string" },
        "run-id": { type: "string" },
        timeout: { type: "string" },
        level: { type: "string" },
        seed: { type: "string" },
        "max-examples": { type: "string" },
        operation: { type: "string", multiple: true },
        check: { type: "string", multiple: true },
        "exclude-check": { type: "string", multiple: true },
        header: { type: "string", short: "H", multiple: true },
        "report-junit": { type: "string" },
        "report-json": { type: "string" },
        "report-html": { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new ConformanceStartError((error as Error).message);
  }
  const help = values.help === true;
  if (!help && !values["base-url"]) throw new ConformanceStartError("--base-url is required");
  if (!help && !values.token) throw new ConformanceStartError("--token is required");
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new ConformanceStartError("--timeout must be a positive number of milliseconds");
  const level = values.level;
  if (level !== undefined && level !== "source" && level !== "contract") throw new ConformanceStartError(`--level must be source or contract, got ${JSON.stringify(level)}`);
  const seed = integer(values.seed, "--seed");
  const maxExamples = integer(values["max-examples"], "--max-examples");
  if (maxExamples !== undefined && maxExamples < 0) throw new ConformanceStartError("--max-examples must be a non-negative integer");
  const run: ConformanceOptions = {
    baseUrl: values["base-url"] ?? "",
    token: values.token ?? "",
    ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
    ...(values["token-b"] ? { tokenB: values["token-b"] } : {}),
    ...(values["write-token"] ? { writeToken: values["write-token"] } : {}),
    ...(values["write-token-b"] ? { writeTokenB: values["write-token-b"] } : {}),
    ...(values.classes ? { classes: values.classes.split(",").map((c) => c.trim()).filter(Boolean) } : {}),
    ...(values["agent-id"] ? { agentId: values["agent-id"] } : {}),
    ...(values["run-id"] ? { runId: values["run-id"] } : {}),
    ...(timeout ? { timeoutMs: timeout } : {}),
    ...(level ? { level } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(maxExamples !== undefined ? { maxExamples } : {}),
    ...(values.operation ? { operations: list(values.operation) } : {}),
    ...(values.check ? { checks: list(values.check) } : {}),
    ...(values["exclude-check"] ? { excludeChecks: list(values["exclude-check"]) } : {}),
    ...(values.header ? { headers: parseHeaders(values.header) } : {}),
  };
  return {
    run,
    reports: { junit: values["report-junit"], json: values["report-json"], html: values["report-html"] },
    verbose: values.verbose === true,
    help,
  };
}

function list(values: string[]): string[] {
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

function integer(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new ConformanceStartError(`${option} must be an integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `-H 'Name: value'`, as curl takes it. */
function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of values) {
    const colon = header.indexOf(":");
    if (colon <= 0) throw new ConformanceStartError(`-H must be 'Name: value', got ${JSON.stringify(header)}`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  return headers;
}
