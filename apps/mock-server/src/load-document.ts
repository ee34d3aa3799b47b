import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "@agent-analytics/contract";
import { parse } from "yaml";

/** An OpenAPI document from a JSON or YAML file (`--spec`). */
export function loadDocument(path: string): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  const doc = (path.endsWith(".json") ? JSON.parse(text) : parse(text)) as OpenApiDocument;
  if (!doc || typeof doc !== "object" || !doc.paths) throw new Error(`${path} is not an OpenAPI document (no paths)`);
  doc.components ??= {};
  return doc;
}
