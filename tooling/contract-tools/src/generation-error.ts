/**
 * openapi-typescript reports problems against the merged document (`#/components/schemas/X/...`).
 * This maps such a report back to the module file that defines that part, with line and column,
 * and drops the stack trace: the contributor edits the module, not the merged output.
 */
import type { ModuleDocument } from "./merge.js";
import { ContractErrors, ContractSourceError, splitPointer } from "./source.js";

const POINTER = /#(\/[^\s'"`,)]*)/;

/** The module that defines the part of the merged document a pointer names (a path item's operation or a component). */
export function moduleDefining(modules: ModuleDocument[], pointer: string): ModuleDocument | undefined {
  const [section, first, second] = splitPointer(pointer);
  return modules.find(({ document }) => {
    if (section === "paths") return first !== undefined && (second === undefined ? document.paths?.[first] : document.paths?.[first]?.[second]) !== undefined;
    if (section === "components") return first !== undefined && second !== undefined && document.components?.[first]?.[second] !== undefined;
    return false;
  });
}

export function generationError(error: unknown, modules: ModuleDocument[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!;
  const pointer = POINTER.exec(message)?.[1];
  const module = pointer === undefined ? undefined : moduleDefining(modules, pointer);
  if (!module || pointer === undefined) {
    return new ContractErrors([new Error(`openapi-typescript could not generate the types of the merged document: ${firstLine}`)]);
  }
  return new ContractSourceError(
    { file: module.file, pointer, position: module.locate?.(pointer) },
    `openapi-typescript: ${firstLine.replace(POINTER, "here")}`,
  );
}
