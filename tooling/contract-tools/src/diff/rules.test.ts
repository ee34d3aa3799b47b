/**
 * One pair of small documents per rule: the base document, and the same document with one change.
 * Each case lists every change the diff must find, with whom it breaks.
 */
import { describe, expect, it } from "vitest";
import { diffContracts } from "./operation-diff.js";
import { RULES, type RuleKind } from "./rules.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const base = (): Doc => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        "x-conformance-class": "m",
        security: [{ key: [] }],
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 50 } },
          { name: "status", in: "query", schema: { $ref: "#/components/schemas/Status" } },
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
        ],
        "x-request-invariants": [{ id: "r1", expr: "query.limit <= 100" }],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
            "x-invariants": [{ id: "i1", expr: "body.count >= 0" }],
          },
          "404": { description: "not found", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
      },
    },
    "/items": {
      post: {
        operationId: "createItems",
        "x-conformance-class": "m",
        security: [{ key: [] }],
        requestBody: {
          required: true,
          "x-max-records": 100,
          "x-max-bytes": 1000,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Batch" } } },
        },
        responses: { "202": { description: "accepted" } },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: "apiKey", in: "header", name: "x-api-key" }, bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Status: { type: "string", enum: ["a", "b"] },
      Item: {
        type: "object",
        required: ["id", "count"],
        properties: {
          id: { type: "string" },
          count: { type: "integer", minimum: 0 },
          status: { $ref: "#/components/schemas/Status" },
          note: { type: "string" },
          value: { anyOf: [{ type: "string" }, { type: "number" }] },
          parent: { $ref: "#/components/schemas/Item" },
        },
        "x-invariants": [{ id: "s1", expr: "count >= 0" }],
      },
      Batch: {
        type: "object",
        required: ["records"],
        additionalProperties: false,
        properties: { records: { type: "array", items: { $ref: "#/components/schemas/Record" } } },
      },
      Record: { type: "object", required: ["name"], properties: { name: { type: "string", maxLength: 50 }, size: { type: "integer" } } },
      Error: { type: "object", properties: { message: { type: "string" } }, "x-error-template": { body: { message: "{{message}}" }, codes: {} } },
    },
  },
});

const get = (d: Doc) => d.paths["/items/{id}"].get;
const post = (d: Doc) => d.paths["/items"].post;
const param = (d: Doc, name: string) => get(d).parameters.find((p: Doc) => p.name === name);
const schemas = (d: Doc) => d.components.schemas;

type Expected = [kind: RuleKind, breaks: "clients" | "servers" | "both" | "none"];
interface Case {
  name: string;
  before?: (d: Doc) => void;
  after: (d: Doc) => void;
  expected: Expected[];
}

const cases: Case[] = [
  { name: "nothing changed", after: () => {}, expected: [] },
  { name: "operation added", after: (d) => (d.paths["/items/{id}"].delete = { operationId: "del", responses: { "204": { description: "gone" } } }), expected: [["operation-added", "servers"]] },
  { name: "operation removed", after: (d) => delete d.paths["/items"], expected: [["operation-removed", "clients"]] },
  { name: "operation moved to another class", after: (d) => (get(d)["x-conformance-class"] = "n"), expected: [["operation-class-changed", "servers"]] },
  { name: "optional parameter added", after: (d) => get(d).parameters.push({ name: "q", in: "query", schema: { type: "string" } }), expected: [["parameter-added", "servers"]] },
  { name: "required parameter added", after: (d) => get(d).parameters.push({ name: "q", in: "query", required: true, schema: { type: "string" } }), expected: [["parameter-added", "both"]] },
  { name: "parameter renamed", after: (d) => (param(d, "limit").name = "size"), expected: [["parameter-added", "servers"], ["parameter-removed", "clients"]] },
  { name: "path parameter renamed (not on the wire)", after: (d) => {
      param(d, "id").name = "itemId";
      d.paths["/items/{itemId}"] = d.paths["/items/{id}"];
      delete d.paths["/items/{id}"];
    }, expected: [["documentation", "none"]] },
  { name: "optional parameter made required", after: (d) => (param(d, "limit").required = true), expected: [["parameter-required", "clients"]] },
  { name: "required parameter made optional", after: (d) => (param(d, "from").required = false), expected: [["parameter-optional", "servers"]] },
  { name: "optional request body added", after: (d) => (get(d).requestBody = { content: { "application/json": { schema: { type: "object" } } } }), expected: [["request-body-added", "servers"]] },
  { name: "request body removed", after: (d) => delete post(d).requestBody, expected: [["request-body-removed", "clients"]] },
  { name: "request body made optional", after: (d) => (post(d).requestBody.required = false), expected: [["request-body-optional", "servers"]] },
  { name: "request body made required", before: (d) => (post(d).requestBody.required = false), after: () => {}, expected: [["request-body-required", "clients"]] },
  { name: "request media type added", after: (d) => (post(d).requestBody.content["application/x-ndjson"] = { schema: { type: "string" } }), expected: [["media-type-added", "servers"]] },
  { name: "response media type removed", before: (d) => (get(d).responses["200"].content["text/csv"] = { schema: { type: "string" } }), after: () => {}, expected: [["media-type-removed", "servers"]] },
  { name: "success status added", after: (d) => (get(d).responses["206"] = { description: "partial" }), expected: [["response-status-added", "clients"]] },
  { name: "error status added", after: (d) => (get(d).responses["429"] = { description: "slow down" }), expected: [["response-status-added", "none"]] },
  { name: "status removed", after: (d) => delete get(d).responses["404"], expected: [["response-status-removed", "servers"]] },
  { name: "optional response field added", after: (d) => (schemas(d).Item.properties.extra = { type: "string" }), expected: [["property-added", "none"]] },
  { name: "required response field added", after: (d) => {
      schemas(d).Item.properties.extra = { type: "string" };
      schemas(d).Item.required.push("extra");
    }, expected: [["property-added", "servers"]] },
  { name: "optional request field added", after: (d) => (schemas(d).Record.properties.color = { type: "string" }), expected: [["property-added", "servers"]] },
  { name: "required request field added", after: (d) => {
      schemas(d).Record.properties.color = { type: "string" };
      schemas(d).Record.required.push("color");
    }, expected: [["property-added", "both"]] },
  { name: "required response field removed", after: (d) => {
      delete schemas(d).Item.properties.count;
      schemas(d).Item.required = ["id"];
    }, expected: [["property-removed", "clients"]] },
  { name: "request field made required", after: (d) => schemas(d).Record.required.push("size"), expected: [["property-required", "clients"]] },
  { name: "response field made required", after: (d) => schemas(d).Item.required.push("note"), expected: [["property-required", "servers"]] },
  { name: "response field made optional", after: (d) => (schemas(d).Item.required = ["id"]), expected: [["property-optional", "clients"]] },
  { name: "request type narrowed (null no longer allowed)", before: (d) => (schemas(d).Record.properties.size.type = ["integer", "null"]), after: () => {}, expected: [["type-narrowed", "clients"]] },
  { name: "response type widened (integer to number)", after: (d) => (schemas(d).Item.properties.count.type = "number"), expected: [["type-widened", "clients"]] },
  { name: "type changed", after: (d) => (schemas(d).Item.properties.id.type = "integer"), expected: [["type-changed", "both"]] },
  { name: "enum value added (read by servers in the query, by clients in the response)", after: (d) => schemas(d).Status.enum.push("c"), expected: [["enum-value-added", "servers"], ["enum-value-added", "clients"]] },
  { name: "enum narrowed", after: (d) => (schemas(d).Status.enum = ["a"]), expected: [["enum-value-removed", "clients"], ["enum-value-removed", "servers"]] },
  { name: "format added to a response field", after: (d) => (schemas(d).Item.properties.id.format = "uuid"), expected: [["format-added", "servers"]] },
  { name: "format removed from a parameter", after: (d) => delete param(d, "from").schema.format, expected: [["format-removed", "servers"]] },
  { name: "format changed", after: (d) => (param(d, "from").schema.format = "date-time"), expected: [["format-changed", "both"]] },
  { name: "parameter bound narrowed", after: (d) => (param(d, "limit").schema.maximum = 50), expected: [["bound-narrowed", "clients"]] },
  { name: "parameter bound widened", after: (d) => (param(d, "limit").schema.maximum = 500), expected: [["bound-widened", "servers"]] },
  { name: "response bound added", after: (d) => (schemas(d).Item.properties.note.maxLength = 10), expected: [["bound-narrowed", "servers"]] },
  { name: "pattern changed", before: (d) => (schemas(d).Record.properties.name.pattern = "^a"), after: (d) => (schemas(d).Record.properties.name.pattern = "^b"), expected: [["bound-changed", "both"]] },
  { name: "response closed to additional properties", after: (d) => (schemas(d).Item.additionalProperties = false), expected: [["additional-properties-narrowed", "servers"]] },
  { name: "request open to additional properties", after: (d) => delete schemas(d).Batch.additionalProperties, expected: [["additional-properties-widened", "servers"]] },
  { name: "anyOf branch added in a response", after: (d) => schemas(d).Item.properties.value.anyOf.push({ type: "boolean" }), expected: [["composition-widened", "clients"]] },
  { name: "anyOf branch removed in a response", after: (d) => schemas(d).Item.properties.value.anyOf.pop(), expected: [["composition-narrowed", "servers"]] },
  { name: "parameter default changed", after: (d) => (param(d, "limit").schema.default = 20), expected: [["default-changed", "both"]] },
  { name: "security alternative added", after: (d) => get(d).security.push({ bearer: [] }), expected: [["security-alternative-added", "servers"]] },
  { name: "security alternative removed", before: (d) => get(d).security.push({ bearer: [] }), after: () => {}, expected: [["security-alternative-removed", "clients"]] },
  { name: "operation opened to anonymous access", after: (d) => (get(d).security = []), expected: [["security-alternative-added", "servers"], ["security-alternative-removed", "clients"]] },
  { name: "security scheme changed", after: (d) => (d.components.securitySchemes.key.name = "x-key"), expected: [["security-scheme-changed", "both"]] },
  { name: "schema invariant added", after: (d) => schemas(d).Item["x-invariants"].push({ id: "s2", expr: "len(id) > 0" }), expected: [["invariant-added", "servers"]] },
  { name: "response invariant removed", after: (d) => (get(d).responses["200"]["x-invariants"] = []), expected: [["invariant-removed", "clients"]] },
  { name: "invariant changed", after: (d) => (schemas(d).Item["x-invariants"][0].expr = "count > 0"), expected: [["invariant-changed", "both"]] },
  { name: "invariant description changed", after: (d) => (schemas(d).Item["x-invariants"][0].description = "why"), expected: [["documentation", "none"]] },
  { name: "request invariant added", after: (d) => get(d)["x-request-invariants"].push({ id: "r2", expr: "query.limit > 1" }), expected: [["request-invariant-added", "both"]] },
  { name: "request invariant removed", after: (d) => delete get(d)["x-request-invariants"], expected: [["request-invariant-removed", "servers"]] },
  { name: "request invariant changed", after: (d) => (get(d)["x-request-invariants"][0].expr = "query.limit <= 50"), expected: [["request-invariant-changed", "both"]] },
  { name: "new kind of relation list on an operation", after: (d) => (get(d)["x-relations"] = [{ id: "same-count", expr: "x" }]), expected: [["relation-added", "servers"]] },
  { name: "new cross-operation relation list at the root", after: (d) => (d["x-cross-operation-invariants"] = [{ id: "totals-agree", operations: ["getItem", "createItems"] }]), expected: [["relation-added", "servers"]] },
  { name: "relation removed", before: (d) => (get(d)["x-relations"] = [{ id: "same-count", expr: "x" }]), after: () => {}, expected: [["relation-removed", "clients"]] },
  { name: "relation changed", before: (d) => (get(d)["x-relations"] = [{ id: "same-count", expr: "x" }]), after: (d) => (get(d)["x-relations"] = [{ id: "same-count", expr: "y" }]), expected: [["relation-changed", "both"]] },
  { name: "x-max-records lowered", after: (d) => (post(d).requestBody["x-max-records"] = 50), expected: [["max-limit-lowered", "clients"]] },
  { name: "x-max-bytes raised", after: (d) => (post(d).requestBody["x-max-bytes"] = 5000), expected: [["max-limit-raised", "servers"]] },
  { name: "x-max-bytes removed", after: (d) => delete post(d).requestBody["x-max-bytes"], expected: [["max-limit-raised", "servers"]] },
  { name: "error template changed", after: (d) => (schemas(d).Error["x-error-template"].body = { error: "{{message}}" }), expected: [["error-template-changed", "both"]] },
  { name: "other extension changed", after: (d) => (get(d)["x-internal-note"] = "hello"), expected: [["extension-changed", "none"]] },
  { name: "description changed", after: (d) => (schemas(d).Item.properties.note.description = "A note."), expected: [["documentation", "none"]] },
  { name: "recursive schema changed below itself", after: (d) => (schemas(d).Item.properties.note.type = ["string", "null"]), expected: [["type-widened", "clients"]] },
];

const verdict = (client: boolean, server: boolean) => (client && server ? "both" : client ? "clients" : server ? "servers" : "none");

describe("contract diff rules", () => {
  it.each(cases)("$name", ({ before, after, expected }) => {
    const old = base();
    before?.(old);
    const now = base();
    after(now);
    const found = diffContracts(old, now).map((c) => [c.kind, verdict(c.client, c.server)]);
    expect(found).toEqual(expected);
  });

  it("has a case for every rule", () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map(([kind]) => kind)));
    expect(Object.keys(RULES).filter((kind) => !covered.has(kind as RuleKind))).toEqual([]);
  });
});
