import { parseArgs } from "node:util";

export const DEFAULT_PORT = 4020;
export const DEFAULT_HOST = "127.0.0.1";
/** The key the dashboard presents to the mock it starts: any key is accepted, and this one acts as the admin. */
export const MOCK_KEY = "mock_admin_key";

export const USAGE = `Usage: agent-analytics-dashboard [options]

Serves the dashboard, and proxies its API requests to the server it shows (so that server needs no
CORS). Without --api-url it starts the mock server and shows it.

  -p, --port <n>         port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  -h, --host <host>      interface to bind (default ${DEFAULT_HOST})
      --api-url <url>    the server to show (e.g. http://127.0.0.1:3000 for pnpm start)
      --api-key <key>    its API key, offered to the page (default ${MOCK_KEY} for the mock)
      --mock-delay <ms>  with the mock: latency of every response (100, or a range 100-500)
      --mock-fail-rate <r>  with the mock: share of requests answered with an injected 500 or 429
      --help             show this help`;

export interface DashboardOptions {
  port: number;
  host: string;
  apiUrl?: string;
  apiKey?: string;
  /** Flags for the mock the dashboard starts when no --api-url is given. */
  mockArgs: string[];
}

export type CliParse = { ok: true; options: DashboardOptions } | { ok: false; message: string; help?: boolean };

const OPTIONS = {
  port: { type: "string", short: "p" },
  host: { type: "string", short: "h" },
  "api-url": { type: "string" },
  "api-key": { type: "string" },
  "mock-delay": { type: "string" },
  "mock-fail-rate": { type: "string" },
  help: { type: "boolean" },
} as const;

/** The dashboard's options from its command line. */
export function parseCliArgs(argv: string[]): CliParse {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>["values"];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { ok: false, message: USAGE, help: true };

  const port = Number(values.port ?? DEFAULT_PORT);
  if (values.port === "" || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: "--port needs a port number" };
  const options: DashboardOptions = { port, host: values.host || DEFAULT_HOST, mockArgs: [] };
  if (values["api-url"] !== undefined) {
    if (!URL.canParse(values["api-url"]) || !/^https?:$/.test(new URL(values["api-url"]).protocol)) {
      return { ok: false, message: "--api-url needs an http(s) URL" };
    }
    options.apiUrl = values["api-url"].replace(/\/+$/, "");
  }
  if (values["api-key"] !== undefined) options.apiKey = values["api-key"];
  const mockFlags = { "mock-delay": "--delay", "mock-fail-rate": "--fail-rate" } as const;
  for (const [flag, mockFlag] of Object.entries(mockFlags) as [keyof typeof mockFlags, string][]) {
    const value = values[flag];
    if (value === undefined) continue;
    if (options.apiUrl !== undefined) return { ok: false, message: `--${flag} applies to the mock only: drop it or --api-url` };
    options.mockArgs.push(mockFlag, value);
  }
  return { ok: true, options };
}
