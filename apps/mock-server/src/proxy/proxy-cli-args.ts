import { parseArgs } from "node:util";
import { parseListenArgs } from "../listen-args.js";
import { LOG_OPTIONS, LOG_USAGE, parseLogArgs } from "../log/log-args.js";
import type { LogFormat, LogLevel } from "../log/request-log.js";
import { DEFAULT_HOST, DEFAULT_PORT } from "../options.js";

export const PROXY_USAGE = `Usage: agent-analytics-mock proxy <upstream-url> [options]

Forwards every request to the upstream and checks each answer against the contract.

  -p, --port <n>        port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host <host>     interface to bind (default ${DEFAULT_HOST})
      --spec <file>     check against this OpenAPI document (JSON or YAML) instead of the merged contract
      --errors          answer a response that breaks the contract with a 502 problem listing its violations
      --report <file>   write a JSON summary of the violations there on exit
      --fallback mock   answer from the mock's world what the upstream does not implement (501) or cannot answer
      --no-cors         do not send CORS headers
${LOG_USAGE}
      --help            show this help`;

export interface ProxyCliOptions {
  upstream: string;
  port?: number;
  host?: string;
  spec?: string;
  errors: boolean;
  report?: string;
  fallback?: "mock";
  cors: boolean;
  logLevel?: LogLevel;
  logFormat?: LogFormat;
}

const OPTIONS = {
  port: { type: "string", short: "p" },
  host: { type: "string", short: "h" },
  spec: { type: "string" },
  errors: { type: "boolean" },
  report: { type: "string" },
  fallback: { type: "string" },
  "no-cors": { type: "boolean" },
  ...LOG_OPTIONS,
  help: { type: "boolean" },
} as const;

export type ProxyCliParse = { ok: true; options: ProxyCliOptions } | { ok: false; message: string; help?: boolean };

/** `proxy <upstream-url> [options]`: `argv` is what follows the word `proxy`. */
export function parseProxyArgs(argv: string[]): ProxyCliParse {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n\n${PROXY_USAGE}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: false, message: PROXY_USAGE, help: true };
  if (positionals.length !== 1) return { ok: false, message: `proxy needs exactly one upstream URL\n\n${PROXY_USAGE}` };
  const upstream = positionals[0]!;
  if (!URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)) return { ok: false, message: `the upstream must be an http(s) URL: ${upstream}` };
  const log = parseLogArgs(values);
  if (!log.ok) return log;
  const options: ProxyCliOptions = { upstream, errors: values.errors ?? false, cors: !values["no-cors"], logLevel: log.level, logFormat: log.format };
  const listen = parseListenArgs(values);
  if (!listen.ok) return listen;
  Object.assign(options, listen.options);
  if (values.report !== undefined) {
    if (!values.report) return { ok: false, message: "--report needs a file" };
    options.report = values.report;
  }
  if (values.fallback !== undefined) {
    if (values.fallback !== "mock") return { ok: false, message: "--fallback takes one value: mock" };
    options.fallback = "mock";
  }
  return { ok: true, options };
}
