import { listOperations, responseSchemaPointer, type ContractValidator, type OpenApiDocument } from "@agent-analytics/contract";

/**
 * Compiles the validator of every documented response (each status, each media type), one
 * operation per macrotask, so that the first answers the proxy judges do not pay for a compile
 * (tens of milliseconds each) while requests wait.
 */
export function warmResponseValidators(doc: OpenApiDocument, validator: ContractValidator): Promise<void> {
  const operations = listOperations(doc);
  return new Promise((resolve) => {
    const next = (i: number) => {
      if (i >= operations.length) return resolve();
      const operation = operations[i]!;
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (media.schema) validator.validate(responseSchemaPointer(operation, status, mediaType), null);
        }
      }
      setImmediate(() => next(i + 1));
    };
    setImmediate(() => next(0));
  });
}
