/**
 * The `generate` step: merges specs/<module>/openapi.yaml into specs/dist/openapi.{json,yaml}, the
 * copy that @agent-analytics/contract ships, and the types of @agent-analytics/types.
 *
 * With --check, or when CI is set, it writes nothing and fails when any output is stale, so a spec
 * change that was not regenerated and committed fails CI. `--root DIR` works on another checkout.
 *
 * Problems in the modules (YAML syntax, broken $ref, clashes between modules, openapi-typescript
 * errors) are printed with the module file, line, column and JSON pointer, without a stack trace.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generatedFiles } from "./contract.js";
import { findRepoRoot } from "./files.js";
import { MergeClashError } from "./merge.js";
import { ContractErrors, ContractSourceError } from "./source.js";

const { values } = parseArgs({ options: { check: { type: "boolean" }, root: { type: "string" } } });
const root = values.root ? resolve(values.root) : findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const check = values.check === true || (process.env.CI !== undefined && process.env.CI !== "false");

try {
  const { modules, merged, files } = await generatedFiles(root);
  const stale = Object.keys(files).filter((file) => {
    const path = join(root, file);
    return !existsSync(path) || readFileSync(path, "utf8") !== files[file];
  });
  const operations = Object.values(merged.paths ?? {}).flatMap((item) => Object.keys(item)).length;

  if (check) {
    if (stale.length > 0) {
      console.error(`Stale generated files: ${stale.join(", ")}.\nRun \`pnpm generate\` and commit the result.`);
      process.exit(1);
    }
    console.log(`Contract is fresh: ${modules.length} modules, ${operations} operations.`);
  } else {
    for (const file of stale) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), files[file]!);
    }
    console.log(`Merged ${modules.length} modules, ${operations} operations; ${stale.length} file(s) updated.`);
  }
} catch (error) {
  // Problems in the sources are the contributor's to fix: the message says where; a stack would not help.
  if (error instanceof ContractErrors || error instanceof ContractSourceError || error instanceof MergeClashError) {
    const count = error instanceof ContractErrors ? error.errors.length : 1;
    console.error(`The contract cannot be generated (${count} problem${count === 1 ? "" : "s"} in specs/):\n${error.message}`);
    process.exit(1);
  }
  throw error;
}
