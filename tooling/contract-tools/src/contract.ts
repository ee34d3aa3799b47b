/**
 * The merged contract of a checkout: specs/<module>/openapi.yaml merged into one document, and the
 * files generated from it. Used by `generate` (which writes or checks the files) and by
 * `contract-diff` (which compares the merged document with another revision's).
 */
import { join } from "node:path";
import { stringify } from "yaml";
import { describeModules } from "./describe.js";
import { readModules } from "./files.js";
import { mergeModules, type ModuleDocument, type OpenApiDocument } from "./merge.js";
import { generateParameterDefaults } from "./parameter-defaults.js";
import { generateTypes } from "./types.js";

/** The merged document of the modules under `<root>/specs`. */
export function mergeContract(root: string): { modules: ModuleDocument[]; merged: OpenApiDocument } {
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
  return { modules, merged };
}

/** Every generated file, by path relative to the repository root, with its content. */
export async function generatedFiles(root: string): Promise<{ modules: ModuleDocument[]; merged: OpenApiDocument; files: Record<string, string> }> {
  const { modules, merged } = mergeContract(root);
  const json = `${JSON.stringify(merged, null, 2)}\n`;
  const files: Record<string, string> = {
    "specs/dist/openapi.json": json,
    "specs/dist/openapi.yaml": stringify(merged, { lineWidth: 0, aliasDuplicateObjects: false }),
    "packages/contract/src/openapi.json": json,
    "packages/types/src/openapi.generated.ts": await generateTypes(merged, modules),
    "packages/types/src/defaults.generated.ts": generateParameterDefaults(merged),
  };
  return { modules, merged, files };
}
