import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its default import is the module object, holding `default`.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  formatsModule) as unknown as FormatsPlugin;
import type { OpenApiDocument } from "./document.js";
import { keywordLocation } from "./keyword-location.js";

export interface SchemaIssue {
  /** JSON pointer into the validated value, `""` for the value itself. */
  pointer: string;
  message: string;
  /**
   * The rule that failed: a pointer into the document to the keyword (`.../maximum`), a `required`
   * entry by name (`.../required/agentId`). Its provenance says whose rule it is.
   */
  rule?: string;
}

const CONTRACT_ID = "urn:agent-analytics:contract";

/**
 * JSON Schema 2020-12 validation against schemas anywhere in the contract, with formats enforced.
 * Schemas are addressed by JSON pointer into the document so that their `#/components/...`
 * references resolve exactly as in the document. Compiled validators are cached.
 */
export class ContractValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument, options: { coerceTypes?: boolean; useDefaults?: boolean } = {}) {
    this.ajv = new Ajv2020({
      // The document is not a schema as a whole (paths, info...): unknown keywords are expected there.
      strict: false,
      allErrors: true,
      validateFormats: true,
      coerceTypes: options.coerceTypes ?? false,
      useDefaults: options.useDefaults ?? false,
    });
    addFormats(this.ajv, { mode: "full" });
    this.ajv.addSchema({ ...doc, $id: CONTRACT_ID });
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/AgentRun`). */
  validate(pointer: string, value: unknown): SchemaIssue[] {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${CONTRACT_ID}${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((error) => toIssue(error, this.doc, pointer));
  }
}

function toIssue(error: ErrorObject, doc: OpenApiDocument, root: string): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? "is invalid";
  if (error.keyword === "required") message = `must have required property '${String(params.missingProperty)}'`;
  if (error.keyword === "additionalProperties") message = `must not have property '${String(params.additionalProperty)}'`;
  if (error.keyword === "enum") message = `must be one of ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === "const") message = `must be ${JSON.stringify(params.allowedValue)}`;
  const missing = error.keyword === "required" ? String(params.missingProperty) : undefined;
  const rule = keywordLocation(doc, root, error.instancePath, error.keyword, error.schemaPath, missing);
  return { pointer: error.instancePath, message, rule };
}
