import { writeFile } from "node:fs/promises";
import { parseCli, USAGE } from "./cli-args.js";
import { ConformanceStartError } from "./errors.js";
import { toHtml } from "./reports/html.js";
import { toJUnit } from "./reports/junit.js";
import { toText } from "./reports/text.js";
import { runConformance } from "./runner.js";
import type { ProgressEvent } from "./types.js";

/** Progress on stderr, one line per requirement, so stdout carries only the report. */
function showProgress(event: ProgressEvent): void {
  if (event.kind === "phase") process.stderr.write(`... ${event.message}\n`);
  else if (event.kind === "class") process.stderr.write(`    class ${event.classId}: ${event.claimed ? "claimed" : "not claimed, skipped"}\n`);
  else if (event.kind === "requirement") {
    const { status, id, reason } = event.result;
    const mark = { pass: "  ok  ", warn: "  warn", fail: "  FAIL", skip: "  skip" }[status];
    process.stderr.write(`${mark} ${id}${status !== "pass" && reason ? ` - ${reason}` : ""}\n`);
  }
}

/** Runs the CLI and returns its exit code: 0 passed, 1 a requirement failed, 2 could not start. */
export async function main(argv: string[]): Promise<number> {
  try {
    const cli = parseCli(argv);
    if (cli.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const result = await runConformance({ ...cli.run, onProgress: showProgress });
    process.stdout.write(`${toText(result, { verbose: cli.verbose })}\n`);
    if (cli.reports.json) await writeFile(cli.reports.json, `${JSON.stringify(result, null, 2)}\n`);
    if (cli.reports.junit) await writeFile(cli.reports.junit, toJUnit(result));
    if (cli.reports.html) await writeFile(cli.reports.html, toHtml(result));
    return result.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof ConformanceStartError) {
      process.stderr.write(`agent-analytics-conformance: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`agent-analytics-conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
