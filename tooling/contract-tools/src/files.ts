import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import type { ModuleDocument, OpenApiDocument } from "./merge.js";

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

/** Every `specs/<module>/openapi.yaml`, in module-name order so the merge is deterministic. */
export function readModules(specsDir: string, root: string): ModuleDocument[] {
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== DIST_DIR && existsSync(join(specsDir, entry.name, "openapi.yaml")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const path = join(specsDir, name, "openapi.yaml");
      return {
        name,
        file: relative(root, path),
        document: parse(readFileSync(path, "utf8")) as OpenApiDocument,
      };
    });
}
