import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule, { type FormatsPlugin } from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module object, holding `default`.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  formatsModule) as unknown as FormatsPlugin;
import type { OpenApiDocument } from "./document.js";
import { describeInstantRange, inputRules, instantAccepted } from "./input-rules.js";
import { parseDate } from "./invariants/values.js";
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
  /** Said of a bad date or date-time, so that one outside the accepted instants knows why. */
  private readonly instantsNote: string;

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
    this.boundInstantFormats();
    this.ajv.addSchema({ ...doc, $id: CONTRACT_ID });
    const range = inputRules(doc).instants;
    this.instantsNote = range ? ` (RFC 3339, naming ${describeInstantRange(range)})` : "";
  }

  /**
   * `date` and `date-time` as RFC 3339 writes them (ajv-formats), narrowed to the instants the
   * document's `x-input-rules` accepts, so that no value a server would store or compare with is
   * out of its database's range.
   */
  private boundInstantFormats(): void {
    const range = inputRules(this.doc).instants;
    if (!range) return;
    for (const name of ["date", "date-time"] as const) {
      const base = fullFormats[name] as { validate: (text: string) => boolean };
      this.ajv.addFormat(name, { type: "string", validate: (text: string) => base.validate(text) && instantAccepted(range, instantOrNaN(text)) });
    }
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/AgentRun`). */
  validate(pointer: string, value: unknown): SchemaIssue[] {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${CONTRACT_ID}${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((error) => toIssue(error, this.doc, pointer, this.instantsNote));
  }
}

function instantOrNaN(text: string): number {
  try {
    return parseDate(text);
  } catch {
    return Number.NaN;
  }
}

function toIssue(error: ErrorObject, doc: OpenApiDocument, root: string, instantsNote: string): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? "is invalid";
  if (error.keyword === "required") message = `must have required property '${String(params.missingProperty)}'`;
  if (error.keyword === "additionalProperties") message = `must not have property '${String(params.additionalProperty)}'`;
  if (error.keyword === "enum") message = `must be one of ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === "format" && (params.format === "date" || params.format === "date-time")) message = `${message}${instantsNote}`;
  if (error.keyword === "const") message = `must be ${JSON.stringify(params.allowedValue)}`;
  const missing = error.keyword === "required" ? String(params.missingProperty) : undefined;
  const rule = keywordLocation(doc, root, error.instancePath, error.keyword, error.schemaPath, missing);
  return { pointer: error.instancePath, message, rule };
}
