import { parseArgs } from "node:util";
import type { Role } from "../storage/keys.js";

export const USAGE = `Usage:
  agent-analytics-server serve [--port N] [--host H] [--data-dir DIR | --database-url URL [--schema NAME]] [--log-level L] [--demo | --no-demo]
  agent-analytics-server org create --name NAME [storage options]      prints the organisation id
  agent-analytics-server key create --org ORG --user USER --role admin|member [storage options]   prints the key

Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL, DATABASE_SCHEMA, DATA_DIR (.data/reference-server), LOG_LEVEL (info).
The embedded database allows one process per data directory: provision while the server is stopped.`;

const OPTIONS = {
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
} as const;

/** Storage flags, as `storageConfig` reads them. */
export interface StorageFlags {
  "data-dir"?: string;
  "database-url"?: string;
  schema?: string;
}

export type CliCommand =
  | { command: "serve"; storage: StorageFlags; port?: number; host?: string; logLevel?: string; demo: boolean }
  | { command: "org create"; storage: StorageFlags; name: string }
  | { command: "key create"; storage: StorageFlags; org: string; user: string; role: Role };

export type CliParse = ({ ok: true } & CliCommand) | { ok: false; message: string; help?: boolean };

/** The command and its options from the command line (`node:util` parseArgs, as the mock's CLI). */
export function parseCliArgs(argv: string[]): CliParse {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: false, message: USAGE, help: true };
  const storage: StorageFlags = { "data-dir": values["data-dir"], "database-url": values["database-url"], schema: values.schema };
  const [command, sub] = positionals;

  if ((command === "serve" && positionals.length === 1) || command === undefined) {
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (values.port === "" || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `invalid port '${values.port}'` };
    }
    return { ok: true, command: "serve", storage, port, host: values.host, logLevel: values["log-level"], demo: values["no-demo"] ? false : (values.demo ?? true) };
  }
  if (command === "org" && sub === "create" && positionals.length === 2) {
    if (!values.name) return { ok: false, message: "org create needs --name" };
    return { ok: true, command: "org create", storage, name: values.name };
  }
  if (command === "key" && sub === "create" && positionals.length === 2) {
    if (!values.org || !values.user) return { ok: false, message: "key create needs --org and --user" };
    const role = values.role ?? "member";
    if (role !== "admin" && role !== "member") return { ok: false, message: "--role must be admin or member" };
    return { ok: true, command: "key create", storage, org: values.org, user: values.user, role };
  }
  return { ok: false, message: `unknown command '${positionals.join(" ")}'` };
}
