import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot, readModules } from "./files.js";
import { CONFORMANCE_CLASS, MergeClashError, mergeModules, PROVENANCE, type ModuleDocument, type OpenApiDocument } from "./merge.js";

const info = { title: "t", version: "1" };

function module(name: string, doc: Partial<OpenApiDocument>): ModuleDocument {
  return {
    name,
    file: `specs/${name}/openapi.yaml`,
    document: { openapi: "3.1.0", info: { title: name, version: "1" }, ...doc },
  };
}

const op = (operationId: string) => ({ operationId, responses: { "200": { description: "ok" } } });
const schemaA = { type: "object", properties: { a: { type: "string" } } };

describe("mergeModules", () => {
  it("merges the real modules without a clash", () => {
    const root = findRepoRoot(import.meta.dirname);
    const merged = mergeModules(readModules(join(root, "specs"), root), { info });
    expect(Object.keys(merged.paths ?? {}).length).toBeGreaterThan(10);
  });

  it("marks each operation with its module and moves the module's security onto it", () => {
    const merged = mergeModules(
      [module("one", { security: [{ key: [] }], paths: { "/a": { get: op("getA") } } })],
      { info },
    );
    expect(merged.paths!["/a"]!.get).toMatchObject({ [CONFORMANCE_CLASS]: "one", security: [{ key: [] }] });
  });

  it("keeps a module's base path on its path items, with the merged servers after it", () => {
    const root = [{ url: "http://localhost:3000" }, { url: "http://localhost:4010" }];
    const merged = mergeModules(
      [
        module("based", { servers: [{ url: "https://api.example/api-proxy" }, { url: "http://localhost:3000" }], paths: { "/a": { get: op("getA") } } }),
        module("plain", { servers: [{ url: "https://other.example" }], paths: { "/b": { get: op("getB") } } }),
      ],
      { info, servers: root },
    );
    expect(merged.paths!["/a"]!.servers).toEqual([{ url: "https://api.example/api-proxy" }, ...root]);
    expect(merged.paths!["/b"]!.servers).toBeUndefined();
  });

  it("carries each module's x-provenance into its x-modules entry", () => {
    const provenance = { source: [{ cite: "the docs", rules: ["#/paths"] }], decisions: [] };
    const merged = mergeModules([module("one", { [PROVENANCE]: provenance, paths: { "/a": { get: op("getA") } } })], { info });
    expect(merged["x-modules"]).toEqual([expect.objectContaining({ name: "one", provenance })]);
  });

  it("merges identical components", () => {
    const merged = mergeModules(
      [
        module("one", { components: { schemas: { A: schemaA } } }),
        module("two", { components: { schemas: { A: structuredClone(schemaA) } } }),
      ],
      { info },
    );
    expect(merged.components!.schemas).toEqual({ A: schemaA });
  });

  const clashes: [string, ModuleDocument[], RegExp][] = [
    [
      "same path and method",
      [module("one", { paths: { "/a": { get: op("x") } } }), module("two", { paths: { "/a": { get: op("y") } } })],
      /operation GET \/a is defined differently in specs\/one\/openapi.yaml and specs\/two\/openapi.yaml/,
    ],
    [
      "same operationId",
      [module("one", { paths: { "/a": { get: op("x") } } }), module("two", { paths: { "/b": { get: op("x") } } })],
      /operationId 'x' is defined differently in specs\/one\/openapi.yaml and specs\/two\/openapi.yaml/,
    ],
    [
      "same component name, other content",
      [
        module("one", { components: { schemas: { A: schemaA } } }),
        module("two", { components: { schemas: { A: { type: "string" } } } }),
      ],
      /component schemas\/A is defined differently in specs\/one\/openapi.yaml and specs\/two\/openapi.yaml/,
    ],
    [
      "same tag, other description",
      [
        module("one", { tags: [{ name: "T", description: "x" }] }),
        module("two", { tags: [{ name: "T", description: "y" }] }),
      ],
      /tag 'T' is defined differently in specs\/one\/openapi.yaml and specs\/two\/openapi.yaml/,
    ],
  ];
  it.each(clashes)("rejects a clash: %s, naming both files", (_name, modules, message) => {
    expect(() => mergeModules(modules, { info })).toThrow(MergeClashError);
    expect(() => mergeModules(modules, { info })).toThrow(message);
  });

  it("rejects a planted clash with a real module", () => {
    const root = findRepoRoot(import.meta.dirname);
    const real = readModules(join(root, "specs"), root);
    const planted = module("planted", {
      components: { schemas: { AgentRun: { type: "object" } } },
    });
    expect(() => mergeModules([...real, planted], { info })).toThrow(
      "component schemas/AgentRun is defined differently in specs/agents/openapi.yaml and specs/planted/openapi.yaml",
    );
  });

  it("refuses a document that is not OpenAPI 3.1", () => {
    const old = module("old", {});
    old.document.openapi = "3.0.3";
    expect(() => mergeModules([old], { info })).toThrow(/expected an OpenAPI 3.1 document/);
  });
});
