/**
 * The `generate` step: merges specs/<module>/openapi.yaml into specs/dist/openapi.{json,yaml}, the
 * copy that @agent-analytics/contract ships, and the types of @agent-analytics/types.
 *
 * With --check, or when CI is set, it writes nothing and fails when any output is stale, so a spec
 * change that was not regenerated and committed fails CI.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { findRepoRoot, readModules } from "./files.js";
import { describeModules } from "./describe.js";
import { mergeModules } from "./merge.js";
import { generateTypes } from "./types.js";

const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes("--check") || (process.env.CI !== undefined && process.env.CI !== "false");

const modules = readModules(join(root, "specs"), root);
const merged = mergeModules(modules, {
  info: {
    title: "Agent Analytics contract",
    version: "1.0.0",
    license: { name: "MIT", identifier: "MIT" },
    description: describeModules(modules),
  },
  servers: [
    { url: "http://localhost:3000", description: "Reference server (pnpm start)" },
    { url: "http://localhost:4010", description: "Mock server (pnpm mock)" },
  ],
});

const json = `${JSON.stringify(merged, null, 2)}\n`;
const outputs: Record<string, string> = {
  "specs/dist/openapi.json": json,
  "specs/dist/openapi.yaml": stringify(merged, { lineWidth: 0, aliasDuplicateObjects: false }),
  "packages/contract/src/openapi.json": json,
  "packages/types/src/openapi.generated.ts": await generateTypes(merged),
};

const stale = Object.keys(outputs).filter((file) => {
  const path = join(root, file);
  return !existsSync(path) || readFileSync(path, "utf8") !== outputs[file];
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
    writeFileSync(join(root, file), outputs[file]!);
  }
  console.log(`Merged ${modules.length} modules, ${operations} operations; ${stale.length} file(s) updated.`);
}
