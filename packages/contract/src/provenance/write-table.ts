/**
 * The contract package's `generate` step (after tooling/contract-tools merged the modules): writes
 * docs/provenance.md from the merged document. With --check, or when CI is set, it writes nothing
 * and fails when the file is stale, like the other generated files.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { document } from "../document.js";
import { provenanceTable } from "./table.js";

const target = join(import.meta.dirname, "../../../../docs/provenance.md");
const check = process.argv.includes("--check") || (process.env.CI !== undefined && process.env.CI !== "false");
const text = provenanceTable(document);
const fresh = existsSync(target) && readFileSync(target, "utf8") === text;

if (check && !fresh) {
  console.error("Stale generated file: docs/provenance.md.\nRun `pnpm generate` and commit the result.");
  process.exit(1);
}
if (!fresh) writeFileSync(target, text);
console.log(`docs/provenance.md is ${fresh ? "fresh" : "updated"}.`);
