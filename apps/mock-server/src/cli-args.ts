import { parseArgs } from "node:util";
import { parseListenArgs } from "./listen-args.js";
import { parseDelay } from "./http/prefer.js";
import { LOG_OPTIONS, LOG_USAGE, parseLogArgs } from "./log/log-args.js";
import type { LogFormat, LogLevel } from "./log/request-log.js";
import { DEFAULT_HOST, DEFAULT_PORT, type MockOptions } from "./options.js";

export const USAGE = `Usage: agent-analytics-mock [options]

  -p, --port <n>        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host <host>     interface to bind (default ${DEFAULT_HOST})
  -s, --seed <seed>     base seed of generated data (default 0)
      --spec <file>     serve this OpenAPI document (JSON or YAML) instead of the merged contract
  -d, --dynamic         generated, coherent responses (the default)
      --static          serve the contract's examples instead
      --delay <ms>      latency per response: 200, or a range 100-500
      --fail-rate <r>   share of requests answered with an injected 500 or 429 (0..1)
      --now <date>      the mock's "today" (YYYY-MM-DD); the current UTC day by default
      --no-cors         do not send CORS headers
      --cache <n>       generated bodies kept for repeated requests (default 2000, 0 = off)
      --world-days <n>  days of simulated history before today (default 90)
      --world-scale <x> size of the simulated organisation: users and activity (default 1)
${LOG_USAGE}
      --help            show this help

  agent-analytics-mock proxy <upstream-url> [options]   the validating proxy (proxy --help)`;

export type MockCliOptions = MockOptions & { spec?: string; logLevel?: LogLevel; logFormat?: LogFormat };
export type CliParse = { ok: true; options: MockCliOptions } | { ok: false; message: string; help?: boolean };

// Prism's short flags: `-h` is the host, as in `prism mock -h 0.0.0.0`, so help is `--help` only.
const OPTIONS = {
  port: { type: "string", short: "p" },
  host: { type: "string", short: "h" },
  seed: { type: "string", short: "s" },
  spec: { type: "string" },
  dynamic: { type: "boolean", short: "d" },
  static: { type: "boolean" },
  delay: { type: "string" },
  "fail-rate": { type: "string" },
  now: { type: "string" },
  "no-cors": { type: "boolean" },
  cache: { type: "string" },
  "world-days": { type: "string" },
  "world-scale": { type: "string" },
  ...LOG_OPTIONS,
  help: { type: "boolean" },
} as const;

/** The mock's options from its command line (`node:util` parseArgs, as the reference server's CLI). */
export function parseCliArgs(argv: string[]): CliParse {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>["values"];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (error) {
    const unknown = (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'([^']+)'/.exec((error as Error).message)?.[1] : undefined;
    return { ok: false, message: `${unknown ? `unknown option ${unknown}` : (error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { ok: false, message: USAGE, help: true };

  const log = parseLogArgs(values);
  if (!log.ok) return log;
  const options: MockCliOptions = {};
  if (log.level) options.logLevel = log.level;
  if (log.format) options.logFormat = log.format;
  const listen = parseListenArgs(values);
  if (!listen.ok) return listen;
  Object.assign(options, listen.options);
  if (values.seed !== undefined) {
    if (!values.seed) return { ok: false, message: "--seed needs a value" };
    options.seed = values.seed;
  }
  if (values.dynamic) options.dynamic = true;
  if (values.static) options.dynamic = false;
  if (values.delay !== undefined) {
    const delay = parseDelay(values.delay);
    if (!delay) return { ok: false, message: "--delay needs milliseconds (200) or a range (100-500)" };
    options.delay = delay;
  }
  if (values["fail-rate"] !== undefined) {
    const rate = Number(values["fail-rate"]);
    if (values["fail-rate"] === "" || !(rate >= 0 && rate <= 1)) return { ok: false, message: "--fail-rate needs a number in [0, 1]" };
    options.failRate = rate;
  }
  if (values.now !== undefined) {
    const ms = Date.parse(values.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(ms)) return { ok: false, message: "--now needs a date (YYYY-MM-DD)" };
    options.now = ms;
  }
  if (values.cache !== undefined) {
    const size = Number(values.cache);
    if (values.cache === "" || !Number.isInteger(size) || size < 0) return { ok: false, message: "--cache needs a count (0 turns it off)" };
    options.cacheSize = size;
  }
  if (values["world-days"] !== undefined) {
    const days = Number(values["world-days"]);
    if (!Number.isInteger(days) || days < 1 || days > 3660) return { ok: false, message: "--world-days needs a number of days (1 to 3660)" };
    options.worldDays = days;
  }
  if (values["world-scale"] !== undefined) {
    const scale = Number(values["world-scale"]);
    if (!(scale > 0 && scale <= 100)) return { ok: false, message: "--world-scale needs a number above 0 (at most 100)" };
    options.worldScale = scale;
  }
  if (values["no-cors"]) options.cors = false;
  return { ok: true, options };
}
