/**
 * `contract-diff [--base REF] [--json]` (`pnpm contract:diff` at the root): compares the merged
 * contract of the working tree (merged afresh from specs/, so unregenerated edits count) with the
 * one committed at a base revision, and classes every change as breaking or not for clients and
 * for servers. Exit codes: 0 nothing breaks, or a breaking changeset announces it; 1 a breaking change
 * without one (major, or minor below 1.0.0); 2 the comparison could not run.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { mergeContract } from "./contract.js";
import { BaseError, contractAt, resolveBase } from "./diff/base.js";
import { checkMajorChangesets } from "./diff/changesets.js";
import { buildReport, formatRules, formatTable } from "./diff/format.js";
import { diffContracts } from "./diff/operation-diff.js";
import { findRepoRoot } from "./files.js";
import { MergeClashError } from "./merge.js";
import { ContractErrors, ContractSourceError } from "./source.js";

const USAGE = `Usage: pnpm contract:diff [--base REF] [--json]

  --base REF   compare with this revision (default: the last release tag, else the merge-base
               with main; on main itself, the commit before HEAD)
  --json       print the report as JSON (use \`pnpm -s contract:diff --json\` for clean output)
  --rules      list every kind of change and whom it breaks

Exit codes: 0 nothing breaks (or a changeset announces a breaking release), 1 a breaking change without a
breaking changeset (major; minor below 1.0.0) for the affected packages, 2 the comparison could not run.`;

/** Files generated from the contract that published packages ship. */
const SHIPPED = ["packages/contract/src/openapi.json", "packages/types/src/openapi.generated.ts"];

type Sink = { write(text: string): unknown };

export async function main(argv: string[], stdout: Sink = process.stdout, stderr: Sink = process.stderr): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv.filter((a) => a !== "--"), options: { base: { type: "string" }, json: { type: "boolean" }, rules: { type: "boolean" }, root: { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    stderr.write(`contract-diff: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.rules) {
    stdout.write(`${formatRules()}\n`);
    return 0;
  }
  const root = values.root ? resolve(values.root) : findRepoRoot(process.cwd());
  try {
    const base = resolveBase(root, values.base);
    const before = contractAt(root, base);
    const after = JSON.parse(JSON.stringify(mergeContract(root).merged)) as Record<string, unknown>;
    const report = buildReport(base, diffContracts(before, after), await checkMajorChangesets(root, SHIPPED));
    stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTable(report)}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof BaseError || error instanceof ContractErrors || error instanceof ContractSourceError || error instanceof MergeClashError) {
      stderr.write(`contract-diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
