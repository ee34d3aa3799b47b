import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
} from "./document.js";
import { deref } from "./refs.js";

/** One operation of the contract with everything a server, mock or checker needs to route it. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path template as written, e.g. `/agents/{agentId}/stats`. */
  path: string;
  /** The module the operation belongs to (`x-conformance-class`). */
  conformanceClass: string;
  parameters: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  /** Alternatives; each names the schemes that must all be satisfied. Empty: no auth. */
  security: Record<string, string[]>[];
  object: OperationObject;
  /** Matches a concrete path; groups are the path parameters in order. */
  pattern: RegExp;
  pathParameterNames: string[];
  /**
   * The path parts of the URLs of the servers in effect (operation, path item, then document
   * `servers`), e.g. `["/api-proxy", ""]`: the operation answers under each of them.
   */
  basePaths: string[];
}

const cache = new WeakMap<OpenApiDocument, Operation[]>();

/** Every operation of the document, in document order. Computed once per document. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  let operations = cache.get(doc);
  if (operations) return operations;
  operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []).map((p) => deref<ParameterObject>(doc, p));
    for (const method of HTTP_METHODS) {
      const object = item[method];
      if (!object) continue;
      const own = (object.parameters ?? []).map((p) => deref<ParameterObject>(doc, p));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const pathParameterNames: string[] = [];
      const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_m, name: string) => {
        pathParameterNames.push(name);
        return "([^/]+)";
      });
      operations.push({
        operationId: object.operationId,
        method,
        path,
        conformanceClass: object["x-conformance-class"],
        parameters,
        requestBody: object.requestBody ? deref<RequestBodyObject>(doc, object.requestBody) : undefined,
        responses: Object.fromEntries(
          Object.entries(object.responses).map(([status, r]) => [status, deref<ResponseObject>(doc, r)]),
        ),
        security: object.security ?? [],
        object,
        pattern: new RegExp(`^${source}$`),
        pathParameterNames,
        basePaths: basePaths(object.servers ?? item.servers ?? doc.servers),
      });
    }
  }
  cache.set(doc, operations);
  return operations;
}

export function findOperation(doc: OpenApiDocument, operationId: string): Operation {
  const found = listOperations(doc).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation '${operationId}' in the contract`);
  return found;
}

export type RouteMatch =
  | { kind: "operation"; operation: Operation; pathParams: Record<string, string> }
  /** `module`: the module whose path it is, whose error format the 405 uses. */
  | { kind: "method-not-allowed"; allow: string[]; module: string }
  /** `module`: the module whose prefix the path is under (docs/invariants.md), if any. */
  | { kind: "not-found"; module?: string };

/** The path part of each server URL (`https://host/api-proxy` -> `/api-proxy`); no servers: `""`. */
function basePaths(servers: { url: string }[] | undefined): string[] {
  if (!servers || servers.length === 0) return [""];
  const paths = servers.map((server) => {
    const path = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(server.url)?.[1] ?? (server.url.startsWith("/") ? server.url : "");
    return path.replace(/\/+$/, "");
  });
  return [...new Set(paths)];
}

/** The rest of `pathname` under `base`, or undefined when it is not under it. */
function under(pathname: string, base: string): string | undefined {
  if (base === "") return pathname;
  return pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) || "/" : undefined;
}

/**
 * Which operation a request addresses, under any of its base paths. A path that exists under other
 * methods is 405 with the methods it allows; a literal segment wins over a template
 * (`/metrics/refresh` before `/metrics/{x}`).
 */
export function matchRoute(doc: OpenApiDocument, method: string, pathname: string): RouteMatch {
  const candidates: { operation: Operation; match: RegExpExecArray }[] = [];
  for (const operation of listOperations(doc)) {
    for (const base of operation.basePaths) {
      const rest = under(pathname, base);
      const match = rest === undefined ? null : operation.pattern.exec(rest);
      if (match) {
        candidates.push({ operation, match });
        break;
      }
    }
  }
  candidates.sort((a, b) => a.operation.pathParameterNames.length - b.operation.pathParameterNames.length);
  if (candidates.length === 0) return { kind: "not-found", ...moduleOfPath(doc, pathname) };
  // HEAD is the documented HEAD operation, else GET's (RFC 9110 9.3.2); a server may refuse the latter.
  const wanted = method.toLowerCase();
  const hit = candidates.find((c) => c.operation.method === wanted) ?? (wanted === "head" ? candidates.find((c) => c.operation.method === "get") : undefined);
  if (!hit) {
    const allow = [...new Set(candidates.map((c) => c.operation.method.toUpperCase()))];
    return { kind: "method-not-allowed", allow, module: candidates[0]!.operation.conformanceClass };
  }
  const pathParams: Record<string, string> = {};
  hit.operation.pathParameterNames.forEach((name, i) => {
    pathParams[name] = safeDecode(hit.match![i + 1]!);
  });
  return { kind: "operation", operation: hit.operation, pathParams };
}

const prefixes = new WeakMap<OpenApiDocument, Map<string, string | null>>();

/**
 * The module a path belongs to although no operation matches it: the one module whose operations'
 * paths start with the same first segment, under one of their base paths (`/agents/...`,
 * `/api-proxy/agents/...`). A first segment that two modules share belongs to neither.
 */
export function moduleOfPath(doc: OpenApiDocument, pathname: string): { module?: string } {
  let owners = prefixes.get(doc);
  if (!owners) {
    owners = new Map();
    for (const operation of listOperations(doc)) {
      const first = /^\/([^/{]+)/.exec(operation.path)?.[1];
      if (first === undefined) continue;
      for (const base of operation.basePaths) {
        const key = `${base}/${first}`;
        const owner = owners.get(key);
        owners.set(key, owner === undefined || owner === operation.conformanceClass ? operation.conformanceClass : null);
      }
    }
    prefixes.set(doc, owners);
  }
  const found = new Set<string>();
  for (const [prefix, owner] of owners) {
    if (owner !== null && (pathname === prefix || pathname.startsWith(`${prefix}/`))) found.add(owner);
  }
  return found.size === 1 ? { module: [...found][0]! } : {};
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The response object for a status, falling back to `4XX`/`5XX` and `default` as OpenAPI allows. */
export function responseFor(operation: Operation, status: number): ResponseObject | undefined {
  return operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
}

/** Documented success statuses, lowest first (the one a mock answers by default). */
export function successStatuses(operation: Operation): number[] {
  return Object.keys(operation.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
}

/** The status a server answers a request that fails validation with: 422 where documented, else 400. */
export function validationStatus(operation: Operation): 400 | 422 {
  return operation.responses["422"] ? 422 : 400;
}

/** The conformance classes (modules) of the document, in document order. */
export function conformanceClasses(doc: OpenApiDocument): string[] {
  return [...new Set(listOperations(doc).map((op) => op.conformanceClass))];
}
