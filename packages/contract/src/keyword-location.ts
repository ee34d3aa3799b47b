import type { OpenApiDocument } from "./document.js";
import { isReference, resolvePointer } from "./refs.js";
import { pointerSegment } from "./refs.js";

const COMPOSITES = ["allOf", "anyOf", "oneOf"] as const;

/**
 * The rule address of a JSON Schema keyword that failed (docs/invariants.md, "Provenance"): a JSON
 * pointer into the document to the keyword, with a `required` entry addressed by the property's
 * name (`.../required/agentId`). Ajv's own `schemaPath` is relative to whichever schema it compiled
 * separately, so the location is found by walking the document's schema from `rootPointer` along
 * the instance path, through `$ref`s and composite branches.
 */
export function keywordLocation(
  doc: OpenApiDocument,
  rootPointer: string,
  instancePath: string,
  keyword: string,
  schemaPathHint: string,
  missingProperty?: string,
): string {
  const segments = instancePath === "" ? [] : instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let at: string | undefined = settle(doc, rootPointer);
  for (const segment of segments) {
    if (at === undefined) break;
    at = child(doc, at, segment);
  }
  if (at === undefined) return rootPointer;
  const found = withKeyword(doc, at, keyword, schemaPathHint) ?? at;
  return keyword === "required" && missingProperty !== undefined ? `${found}/${pointerSegment(missingProperty)}` : found;
}

function node(doc: OpenApiDocument, pointer: string): Record<string, unknown> | undefined {
  try {
    const value = resolvePointer(doc, pointer);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Follows `$ref` to the schema that holds the keywords. */
function settle(doc: OpenApiDocument, pointer: string): string {
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const n = node(doc, at);
    if (!isReference(n)) return at;
    at = n.$ref;
  }
  return at;
}

/** The schema that validates the member `segment` of an instance of the schema at `pointer`. */
function child(doc: OpenApiDocument, pointer: string, segment: string): string | undefined {
  const n = node(doc, pointer);
  if (!n) return undefined;
  const properties = n.properties as Record<string, unknown> | undefined;
  if (properties && segment in properties) return settle(doc, `${pointer}/properties/${pointerSegment(segment)}`);
  if (/^\d+$/.test(segment)) {
    if (Array.isArray(n.prefixItems) && Number(segment) < n.prefixItems.length) return settle(doc, `${pointer}/prefixItems/${segment}`);
    if (typeof n.items === "object" && n.items !== null) return settle(doc, `${pointer}/items`);
  }
  if (typeof n.additionalProperties === "object" && n.additionalProperties !== null) return settle(doc, `${pointer}/additionalProperties`);
  for (const key of COMPOSITES) {
    const branches = n[key];
    if (!Array.isArray(branches)) continue;
    for (let i = 0; i < branches.length; i++) {
      const found = child(doc, settle(doc, `${pointer}/${key}/${i}`), segment);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Where `keyword` sits on the schema at `pointer` or, following Ajv's hint first, in one of its branches. */
function withKeyword(doc: OpenApiDocument, pointer: string, keyword: string, hint: string): string | undefined {
  const n = node(doc, pointer);
  if (!n) return undefined;
  const branch = new RegExp(`(allOf|anyOf|oneOf)/(\\d+)/${keyword}$`).exec(hint);
  if (branch && Array.isArray(n[branch[1]!])) {
    const inBranch = withKeyword(doc, settle(doc, `${pointer}/${branch[1]}/${branch[2]}`), keyword, "");
    if (inBranch) return inBranch;
  }
  if (keyword in n) return `${pointer}/${keyword}`;
  for (const key of COMPOSITES) {
    const branches = n[key];
    if (!Array.isArray(branches)) continue;
    for (let i = 0; i < branches.length; i++) {
      const found = withKeyword(doc, settle(doc, `${pointer}/${key}/${i}`), keyword, "");
      if (found) return found;
    }
  }
  return undefined;
}
