import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from "./request-log.js";

export const LOG_USAGE = `      --log-level <l>   ${LOG_LEVELS.join(", ")} (default info: one line per request; warn: only problems)
      --log-format <f>  text (default) or json (one JSON object per line)`;

export const LOG_OPTIONS = {
  "log-level": { type: "string" },
  "log-format": { type: "string" },
} as const;

export type LogChoice = { ok: true; level?: LogLevel; format?: LogFormat } | { ok: false; message: string };

/** `--log-level` and `--log-format`, shared by the mock's and the proxy's command lines. */
export function parseLogArgs(values: { "log-level"?: string; "log-format"?: string }): LogChoice {
  const level = values["log-level"];
  const format = values["log-format"];
  if (level !== undefined && !LOG_LEVELS.includes(level as LogLevel)) return { ok: false, message: `--log-level needs one of ${LOG_LEVELS.join(", ")}` };
  if (format !== undefined && !LOG_FORMATS.includes(format as LogFormat)) return { ok: false, message: `--log-format needs one of ${LOG_FORMATS.join(", ")}` };
  return { ok: true, level: level as LogLevel | undefined, format: format as LogFormat | undefined };
}
