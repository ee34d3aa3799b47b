/**
 * Merges standalone OpenAPI 3.1 module documents into one contract. Identical components merge;
 * any clash (same path and method, same operationId, same component name with other content, same
 * tag with another description) is an error that names both source files, the place in each and
 * the first point where they differ.
 */
import { isDeepStrictEqual } from "node:util";
import { brokenRefs } from "./refs.js";
import { ContractErrors, ContractSourceError, firstDifference, formatLocation, joinPointer, showValue, type Locator } from "./source.js";

export interface ModuleDocument {
  /** Module name, used as the conformance class of its operations. */
  name: string;
  /** Where the document came from, for error messages (a path relative to the repo). */
  file: string;
  document: OpenApiDocument;
  /** Line and column of a JSON pointer in the file, when it was parsed from YAML. */
  locate?: Locator;
}

// Only the parts of a document the merge reads; everything else is carried over untouched.
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  security?: unknown[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** One side of a clash: which module defined it, where, and what it says. */
export interface Definition {
  module: ModuleDocument;
  pointer: string;
  value: unknown;
}

export class MergeClashError extends Error {
  constructor(what: string, first: Definition, second: Definition, detail?: string) {
    const [a, b] = [first, second].map((d) => ({ file: d.module.file, pointer: d.pointer, position: d.module.locate?.(d.pointer) }));
    const difference = firstDifference(first.value, second.value);
    const lines = [
      `${what} is defined differently in ${a!.file} and ${b!.file}`,
      `  ${formatLocation(a!)}`,
      `  ${formatLocation(b!)}`,
      detail ??
        (difference
          ? `  they differ at ${difference.pointer || "the top"}: ${showValue(difference.a)} in ${a!.file}, ${showValue(difference.b)} in ${b!.file}`
          : ""),
    ];
    super(lines.filter(Boolean).join("\n"));
    this.name = "MergeClashError";
  }
}

export const CONFORMANCE_CLASS = "x-conformance-class";
/** A module's root `x-provenance` travels into its `x-modules` entry as `provenance`. */
export const PROVENANCE = "x-provenance";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface MergeOptions {
  info: OpenApiDocument["info"];
  servers?: { url: string; description?: string }[];
}

/** The path of a server URL (`https://host/api-proxy` -> `/api-proxy`). */
function serverPath(url: string): string {
  return (/^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(url)?.[1] ?? "").replace(/\/+$/, "");
}

/**
 * A module whose servers carry a base path (`https://app.autoposting.ai/api-proxy`) keeps them on
 * each of its path items, with the merged document's servers after them, so that its operations
 * are found under that base path as well as at the root. Other modules' servers say nothing the
 * merged servers do not.
 */
function pathServers(document: OpenApiDocument, root: MergeOptions["servers"]): unknown[] | undefined {
  const own = (document.servers as { url: string; description?: string }[] | undefined) ?? [];
  if (!own.some((server) => serverPath(server.url) !== "")) return undefined;
  const all = [...own, ...(root ?? [])];
  return all.filter((server, i) => all.findIndex((other) => other.url === server.url) === i);
}

/** Checks each module on its own (3.1, every `$ref` resolves), then merges them. */
export function mergeModules(modules: ModuleDocument[], options: MergeOptions): OpenApiDocument {
  const problems = modules.flatMap((module) => {
    if (!module.document.openapi?.startsWith("3.1")) {
      const location = { file: module.file, pointer: "/openapi", position: module.locate?.("/openapi") };
      return [new ContractSourceError(location, `expected an OpenAPI 3.1 document, found openapi: ${showValue(module.document.openapi)}`)];
    }
    return brokenRefs(module);
  });
  if (problems.length > 0) throw new ContractErrors(problems);

  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags: NonNullable<OpenApiDocument["tags"]> = [];
  const origin = new Map<string, Definition>(); // clash key -> where it was defined first

  /** Records a definition; a second one under the same key is a clash unless `same` says it is equal. */
  const define = (key: string, what: string, definition: Definition, same = false, detail?: string) => {
    const first = origin.get(key);
    if (first === undefined) origin.set(key, definition);
    else if (!same || !isDeepStrictEqual(first.value, definition.value)) throw new MergeClashError(what, first, definition, detail);
  };

  for (const module of modules) {
    const { name, document } = module;
    (document.tags ?? []).forEach((tag, i) => {
      define(`tag:${tag.name}`, `tag '${tag.name}'`, { module, pointer: joinPointer(["tags", i]), value: tag }, true);
      if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
    });

    const servers = pathServers(document, options.servers);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const merged = (paths[path] ??= servers && !("servers" in item) ? { servers } : {});
      for (const [key, value] of Object.entries(item)) {
        const definition = { module, pointer: joinPointer(["paths", path, key]), value };
        if (!METHODS.includes(key)) {
          define(`path:${path}:${key}`, `'${key}' of path ${path}`, definition, true);
          merged[key] = value;
          continue;
        }
        const operation = value as Record<string, unknown>;
        define(`op:${key} ${path}`, `operation ${key.toUpperCase()} ${path}`, definition);
        if (typeof operation.operationId === "string") {
          const detail = "  an operationId must name one operation: rename one of the two";
          define(`id:${operation.operationId}`, `operationId '${operation.operationId}'`, definition, false, detail);
        }
        // A module's root security applies to its own operations only, so it moves onto them.
        merged[key] = {
          ...operation,
          ...(operation.security === undefined && document.security ? { security: document.security } : {}),
          [CONFORMANCE_CLASS]: name,
        };
      }
    }

    for (const [section, entries] of Object.entries(document.components ?? {})) {
      const target = (components[section] ??= {});
      for (const [componentName, component] of Object.entries(entries)) {
        const pointer = joinPointer(["components", section, componentName]);
        define(`component:${section}/${componentName}`, `component ${section}/${componentName}`, { module, pointer, value: component }, true);
        target[componentName] ??= component;
      }
    }
  }

  return {
    openapi: "3.1.0",
    info: options.info,
    ...(options.servers ? { servers: options.servers } : {}),
    tags,
    paths,
    components: sortSections(components),
    "x-modules": modules.map(({ name, file, document }) => ({
      name,
      title: document.info.title,
      source: file,
      description: document.info.description ?? "",
      ...(document[PROVENANCE] ? { provenance: document[PROVENANCE] } : {}),
    })),
  };
}

function sortSections(components: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((section) => [section, components[section]!]),
  );
}
