/**
 * Writes src/operations.generated.ts: the run-time route of every operation of the merged contract.
 * With --check, or when CI is set, it writes nothing and fails when the file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { document } from "@agent-analytics/contract";
import { operationRoutes } from "./routes.js";

const target = fileURLToPath(new URL("../src/operations.generated.ts", import.meta.url));
const check = process.argv.includes("--check") || (process.env.CI !== undefined && process.env.CI !== "false");

const routes = operationRoutes(document);
// One operation per line: a contract change shows as one changed line per operation it touches.
const entries = Object.entries(routes)
  .map(([id, route]) => `  ${JSON.stringify(id)}: ${JSON.stringify(route)},`)
  .join("\n");
const text = `// Generated from the merged contract by packages/client/scripts/generate.ts (\`pnpm generate\`). Do not edit.
import type { OperationId } from "@agent-analytics/types";
import type { OperationRoute } from "./route.js";

/** Where and how to call each operation; the compiler checks it lists exactly the contract's operations. */
export const routes = {
${entries}
} as const satisfies { readonly [Id in OperationId]: OperationRoute };
`;

const fresh = existsSync(target) && readFileSync(target, "utf8") === text;
if (check && !fresh) {
  console.error("Stale packages/client/src/operations.generated.ts.\nRun `pnpm generate` and commit the result.");
  process.exit(1);
}
if (!fresh) writeFileSync(target, text);
console.log(`Client routes ${fresh ? "are fresh" : "written"}: ${Object.keys(routes).length} operations.`);
