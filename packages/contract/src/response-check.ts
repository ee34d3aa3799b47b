import type { OpenApiDocument, SchemaObject } from "./document.js";
import { checkOperationInvariants, checkSchemaInvariants, type InvariantFailure } from "./invariant-check.js";
import { responseFor, type Operation } from "./operations.js";
import { responseSchemaPointer } from "./pointers.js";
import type { ParsedRequest } from "./request.js";
import { checkDeclaredHeaders, type HeaderIssue } from "./response-headers.js";
import type { ContractValidator, SchemaIssue } from "./validator.js";

export interface ResponseCheck {
  /** The status is one the operation documents. */
  statusDocumented: boolean;
  /** The content type is one the response documents (parameters such as charset ignored). */
  contentTypeDocumented: boolean;
  schemaIssues: SchemaIssue[];
  invariantFailures: InvariantFailure[];
  /** Headers whose declared value (`x-value`) the response does not carry; checked when headers are given. */
  headerIssues: HeaderIssue[];
}

/**
 * Everything the contract says about one response: documented status and content type, the
 * response schema (JSON Schema 2020-12, formats enforced), and every declared invariant, both those
 * of the schemas it contains and those of the operation. Invariants are only checked on a body
 * that is schema-valid, since they presume its shape.
 */
export function checkResponse(
  doc: OpenApiDocument,
  validator: ContractValidator,
  operation: Operation,
  request: ParsedRequest,
  response: { status: number; contentType: string | undefined; body: unknown; headers?: Record<string, string | undefined> },
): ResponseCheck {
  const documented = responseFor(operation, response.status);
  const statusKey = Object.keys(operation.responses).find((k) => operation.responses[k] === documented);
  const mediaType = (response.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const media = documented?.content?.[mediaType];
  const result: ResponseCheck = {
    statusDocumented: documented !== undefined,
    contentTypeDocumented: documented?.content === undefined ? true : media !== undefined,
    schemaIssues: [],
    invariantFailures: [],
    headerIssues: [],
  };
  if (documented && response.headers && response.status < 300) {
    result.headerIssues = checkDeclaredHeaders(doc, operation, response.status, request, response.headers);
  }
  if (!documented || !media?.schema || statusKey === undefined) return result;
  const schemaPointer = responseSchemaPointer(operation, statusKey, mediaType);
  result.schemaIssues = validator.validate(schemaPointer, response.body);
  if (result.schemaIssues.length === 0) {
    result.invariantFailures = [
      ...checkSchemaInvariants(doc, media.schema as SchemaObject, response.body, schemaPointer),
      ...checkOperationInvariants(operation, { request, status: response.status, body: response.body }),
    ];
  }
  return result;
}
