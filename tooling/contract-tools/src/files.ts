import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { ModuleDocument, OpenApiDocument } from "./merge.js";
import { ContractErrors, parseModuleSource } from "./source.js";

/** The repository root: the nearest folder above `from` holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where the merged outputs go; never read back as a module. */
export const DIST_DIR = "dist";

/**
 * Every `specs/<module>/openapi.yaml`, in module-name order so the merge is deterministic. YAML
 * errors of every file are collected and thrown together, each with its file, line and column.
 */
export function readModules(specsDir: string, root: string): ModuleDocument[] {
  const errors: Error[] = [];
  const modules: ModuleDocument[] = [];
  const names = readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== DIST_DIR && existsSync(join(specsDir, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort();
  for (const name of names) {
    const path = join(specsDir, name, "openapi.yaml");
    const file = relative(root, path);
    try {
      const { document, locate } = parseModuleSource(file, readFileSync(path, "utf8"));
      modules.push({ name, file, document: document as OpenApiDocument, locate });
    } catch (error) {
      errors.push(...(error instanceof ContractErrors ? error.errors : [error as Error]));
    }
  }
  if (errors.length > 0) throw new ContractErrors(errors);
  return modules;
}
