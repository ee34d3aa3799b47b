import contract from "./openapi.json" with { type: "json" };

/** The parts of an OpenAPI 3.1 document this package reads; the rest is carried as unknown. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: ServerObject[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas?: Record<string, SchemaObject>;
    parameters?: Record<string, ParameterObject | Reference>;
    responses?: Record<string, ResponseObject | Reference>;
    securitySchemes?: Record<string, SecurityScheme>;
    [section: string]: Record<string, unknown> | undefined;
  };
  "x-modules"?: ModuleInfo[];
}

export interface ModuleInfo {
  name: string;
  title: string;
  source: string;
  description: string;
  /** The module's `x-provenance`: which of its rules the source documents and which it decided. */
  provenance?: unknown;
}

export type Reference = { $ref: string };
export type SchemaObject = Record<string, unknown>;
export type PathItem = Partial<Record<HttpMethod, OperationObject>> & {
  parameters?: (ParameterObject | Reference)[];
  servers?: ServerObject[];
};
export interface ServerObject {
  url: string;
  description?: string;
}
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const HTTP_METHODS: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface OperationObject {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: (ParameterObject | Reference)[];
  requestBody?: RequestBodyObject | Reference;
  responses: Record<string, ResponseObject | Reference>;
  security?: Record<string, string[]>[];
  servers?: ServerObject[];
  "x-conformance-class": string;
  [extension: `x-${string}`]: unknown;
}

export interface ParameterObject {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  example?: unknown;
}

export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
  "x-max-records"?: number;
  "x-max-bytes"?: number;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaTypeObject>;
  "x-invariants"?: { id: string; expr: string; description?: string }[];
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  examples?: Record<string, ExampleObject | Reference>;
}

export interface ExampleObject {
  summary?: string;
  value?: unknown;
  "x-request"?: { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
}

export type SecurityScheme =
  | { type: "http"; scheme: string; description?: string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string; description?: string };

/** The merged contract: every module, as generated into specs/dist/openapi.json. */
export const document = contract as unknown as OpenApiDocument;
