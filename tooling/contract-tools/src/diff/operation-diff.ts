/**
 * Compares two merged contracts operation by operation: operations, parameters, request bodies,
 * responses, security and the extensions at each level. Schemas are compared in schema-diff.ts.
 */
import { isDeepStrictEqual } from "node:util";
import { diffExtensions, show } from "./extensions.js";
import { deref, isObject, type Json } from "./resolve.js";
import { collector, type Change, type Report, type Side } from "./rules.js";
import { diffSchema, type SchemaContext } from "./schema-diff.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Operation {
  method: string;
  path: string;
  item: Json;
  operation: Json;
}

/** Operations keyed by method and path template, with parameter names blanked: `/a/{id}` matches `/a/{agentId}`. */
function operationsOf(document: Json): Map<string, Operation> {
  const result = new Map<string, Operation>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) result.set(`${method} ${path.replace(/\{[^}]*\}/g, "{}")}`, { method, path, item, operation });
    }
  }
  return result;
}

export function diffContracts(before: Json, after: Json): Change[] {
  const changes: Change[] = [];
  const [old, now] = [operationsOf(before), operationsOf(after)];
  for (const [key, op] of now) {
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const previous = old.get(key);
    if (!previous) collector(where, changes)("operation-added", "operation", `added${op.operation.operationId ? ` (${String(op.operation.operationId)})` : ""}`);
    else diffOperation(previous, op, before, after, collector(where, changes));
  }
  for (const [key, op] of old) {
    if (!now.has(key)) collector(`${op.method.toUpperCase()} ${op.path}`, changes)("operation-removed", "operation", "removed");
  }
  diffSecuritySchemes(before, after, collector("components", changes));
  diffExtensions(before, after, "", collector("document", changes));
  return dedupe(changes);
}

function diffOperation(a: Operation, b: Operation, before: Json, after: Json, report: Report) {
  const context = (side: Side): SchemaContext => ({ side, before, after, report, seen: new Set() });
  for (const key of ["summary", "description", "deprecated", "tags", "operationId"]) {
    if (!isDeepStrictEqual(a.operation[key], b.operation[key])) report("documentation", "operation", `${key} changed`);
  }
  if (a.path !== b.path) report("documentation", "operation", `path parameter names: ${a.path} -> ${b.path}`);
  diffExtensions(a.operation, b.operation, "operation", report, { side: "request" });
  diffParameters(a, b, before, after, report, context("request"));
  diffRequestBody(a.operation.requestBody, b.operation.requestBody, before, after, report, context("request"));
  diffResponses(a.operation, b.operation, before, after, report, context("response"));
  diffSecurity(a.operation.security ?? before.security, b.operation.security ?? after.security, report);
}

/** Parameters by location and name; path parameters by position, since their name is not on the wire. */
function parametersOf(op: Operation, document: Json): Map<string, Json> {
  const result = new Map<string, Json>();
  const positions = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  for (const raw of [...((op.item.parameters ?? []) as unknown[]), ...((op.operation.parameters ?? []) as unknown[])]) {
    const parameter = deref(document, raw).node;
    const name = String(parameter.name);
    result.set(parameter.in === "path" ? `path parameter #${positions.indexOf(name) + 1}` : `${String(parameter.in)} parameter ${name}`, parameter);
  }
  return result;
}

function diffParameters(a: Operation, b: Operation, before: Json, after: Json, report: Report, ctx: SchemaContext) {
  const [old, now] = [parametersOf(a, before), parametersOf(b, after)];
  for (const [key, parameter] of now) {
    const previous = old.get(key);
    const at = key.startsWith("path") ? `path parameter ${String(parameter.name)}` : key;
    if (!previous) {
      report("parameter-added", at, parameter.required ? "added, required" : "added, optional", { side: "request", required: parameter.required === true });
      continue;
    }
    if (!previous.required && parameter.required) report("parameter-required", at, "optional -> required", { side: "request" });
    if (previous.required && !parameter.required) report("parameter-optional", at, "required -> optional", { side: "request" });
    if (previous.description !== parameter.description) report("documentation", at, "description changed");
    diffExtensions(previous, parameter, at, report, { side: "request" });
    diffSchema(previous.schema ?? {}, parameter.schema ?? {}, at, ctx);
  }
  for (const [key, parameter] of old) {
    if (!now.has(key)) report("parameter-removed", key.startsWith("path") ? `path parameter ${String(parameter.name)}` : key, "removed");
  }
}

function diffRequestBody(rawA: unknown, rawB: unknown, before: Json, after: Json, report: Report, ctx: SchemaContext) {
  if (rawA === undefined && rawB === undefined) return;
  const side = "request";
  if (rawA === undefined) return report("request-body-added", "request body", "added", { side, required: deref(after, rawB).node.required === true });
  if (rawB === undefined) return report("request-body-removed", "request body", "removed", { side });
  const [a, b] = [deref(before, rawA).node, deref(after, rawB).node];
  if (!a.required && b.required) report("request-body-required", "request body", "optional -> required", { side });
  if (a.required && !b.required) report("request-body-optional", "request body", "required -> optional", { side });
  if (a.description !== b.description) report("documentation", "request body", "description changed");
  diffExtensions(a, b, "request body", report, { side });
  diffContent(a.content, b.content, "request body", report, ctx);
}

function diffContent(a: unknown, b: unknown, at: string, report: Report, ctx: SchemaContext) {
  const [old, now] = [(a ?? {}) as Record<string, Json>, (b ?? {}) as Record<string, Json>];
  const single = Object.keys(old).length <= 1 && Object.keys(now).length <= 1;
  for (const [type, media] of Object.entries(now)) {
    // The media type is named only where there are several: `response 200 body`.
    const where = single ? `${at}` : `${at} ${type}`;
    if (!old[type]) report("media-type-added", `${at} ${type}`, "added", { side: ctx.side });
    else {
      if (!isDeepStrictEqual(old[type]!.examples, media.examples) || !isDeepStrictEqual(old[type]!.example, media.example)) {
        report("documentation", where, "examples changed");
      }
      diffSchema(old[type]!.schema ?? {}, media.schema ?? {}, where, ctx);
    }
  }
  for (const type of Object.keys(old)) if (!now[type]) report("media-type-removed", `${at} ${type}`, "removed", { side: ctx.side });
}

function diffResponses(a: Json, b: Json, before: Json, after: Json, report: Report, ctx: SchemaContext) {
  const [old, now] = [(a.responses ?? {}) as Json, (b.responses ?? {}) as Json];
  for (const status of Object.keys(now)) {
    const at = `response ${status}`;
    if (!(status in old)) {
      report("response-status-added", at, "added", { side: "response", status });
      continue;
    }
    const [x, y] = [deref(before, old[status]).node, deref(after, now[status]).node];
    if (x.description !== y.description) report("documentation", at, "description changed");
    diffExtensions(x, y, at, report, { side: "response" });
    diffHeaders(x.headers, y.headers, at, before, after, report, ctx);
    diffContent(x.content, y.content, `${at} body`, report, ctx);
  }
  for (const status of Object.keys(old)) if (!(status in now)) report("response-status-removed", `response ${status}`, "removed", { side: "response", status });
}

/** Response headers are properties of the response: sent by servers, read by clients. */
function diffHeaders(a: unknown, b: unknown, at: string, before: Json, after: Json, report: Report, ctx: SchemaContext) {
  const [old, now] = [(a ?? {}) as Json, (b ?? {}) as Json];
  for (const name of Object.keys(now)) {
    const header = deref(after, now[name]).node;
    if (!(name in old)) report("property-added", `${at} header ${name}`, "added", { side: "response", required: header.required === true });
    else diffSchema(deref(before, old[name]).node.schema ?? {}, header.schema ?? {}, `${at} header ${name}`, ctx);
  }
  for (const name of Object.keys(old)) if (!(name in now)) report("property-removed", `${at} header ${name}`, "removed", { side: "response" });
}

/** Security requirements are alternatives; `[]` or none is anonymous access, written `(anonymous)`. */
function alternatives(security: unknown): Set<string> {
  const list = Array.isArray(security) && security.length > 0 ? (security as Json[]) : [{}];
  return new Set(list.map((requirement) => Object.keys(requirement).sort().join(" + ") || "(anonymous)"));
}

function diffSecurity(a: unknown, b: unknown, report: Report) {
  const [old, now] = [alternatives(a), alternatives(b)];
  for (const alt of now) if (!old.has(alt)) report("security-alternative-added", "security", `${alt} accepted`);
  for (const alt of old) if (!now.has(alt)) report("security-alternative-removed", "security", `${alt} no longer accepted`);
}

function diffSecuritySchemes(before: Json, after: Json, report: Report) {
  const schemes = (document: Json) => ((document.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
  const [old, now] = [schemes(before), schemes(after)];
  for (const [name, scheme] of Object.entries(now)) {
    const previous = old[name];
    if (!previous) continue; // only reachable through a requirement, which reports it
    for (const key of ["type", "scheme", "in", "name", "bearerFormat", "flows", "openIdConnectUrl"]) {
      if (!isDeepStrictEqual(previous[key], scheme[key])) report("security-scheme-changed", `security scheme ${name}`, `${key} ${show(previous[key])} -> ${show(scheme[key])}`);
    }
    if (previous.description !== scheme.description) report("documentation", `security scheme ${name}`, "description changed");
  }
}

/** One change per place: a component shared by two paths of one operation is reported once. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.kind}|${c.where}|${c.at}|${c.detail}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
