/**
 * Merges standalone OpenAPI 3.1 module documents into one contract. Identical components merge;
 * any clash (same path and method, same operationId, same component name with other content, same
 * tag with another description) is an error that names both source files.
 */
import { isDeepStrictEqual } from "node:util";

export interface ModuleDocument {
  /** Module name, used as the conformance class of its operations. */
  name: string;
  /** Where the document came from, for error messages (a path relative to the repo). */
  file: string;
  document: OpenApiDocument;
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

export class MergeClashError extends Error {
  constructor(what: string, firstFile: string, secondFile: string) {
    super(`${what} is defined differently in ${firstFile} and ${secondFile}`);
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

export function mergeModules(modules: ModuleDocument[], options: MergeOptions): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags: NonNullable<OpenApiDocument["tags"]> = [];
  const origin = new Map<string, string>(); // clash key -> file that defined it first

  const claim = (key: string, file: string, what: string) => {
    const first = origin.get(key);
    if (first !== undefined) throw new MergeClashError(what, first, file);
    origin.set(key, file);
  };

  for (const { name, file, document } of modules) {
    if (!document.openapi?.startsWith("3.1")) throw new Error(`${file}: expected an OpenAPI 3.1 document`);

    for (const tag of document.tags ?? []) {
      const existing = tags.find((t) => t.name === tag.name);
      if (!existing) {
        tags.push(tag);
        origin.set(`tag:${tag.name}`, file);
      } else if (!isDeepStrictEqual(existing, tag)) {
        throw new MergeClashError(`tag '${tag.name}'`, origin.get(`tag:${tag.name}`)!, file);
      }
    }

    const servers = pathServers(document, options.servers);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const merged = (paths[path] ??= servers && !("servers" in item) ? { servers } : {});
      for (const [key, value] of Object.entries(item)) {
        if (!METHODS.includes(key)) {
          if (key in merged && !isDeepStrictEqual(merged[key], value)) {
            throw new MergeClashError(`'${key}' of path ${path}`, origin.get(`path:${path}`) ?? "?", file);
          }
          merged[key] = value;
          continue;
        }
        const operation = value as Record<string, unknown>;
        claim(`op:${key} ${path}`, file, `operation ${key.toUpperCase()} ${path}`);
        if (typeof operation.operationId === "string") {
          claim(`id:${operation.operationId}`, file, `operationId '${operation.operationId}'`);
        }
        origin.set(`path:${path}`, origin.get(`path:${path}`) ?? file);
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
        const key = `component:${section}/${componentName}`;
        if (!(componentName in target)) {
          target[componentName] = component;
          origin.set(key, file);
        } else if (!isDeepStrictEqual(target[componentName], component)) {
          throw new MergeClashError(`component ${section}/${componentName}`, origin.get(key)!, file);
        }
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
