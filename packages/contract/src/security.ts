import type { OpenApiDocument, SecurityScheme } from "./document.js";
import type { Operation } from "./operations.js";

export interface Credential {
  /** Name of the security scheme the credential was presented under. */
  scheme: string;
  kind: "bearer" | "apiKey";
  value: string;
}

/**
 * The credential a request presents for the operation, following its security alternatives in
 * order: `Authorization: Bearer <value>` for http bearer schemes, the named header for apiKey
 * schemes. `undefined` when it presents none; operations without security need none.
 */
export function presentedCredential(
  doc: OpenApiDocument,
  operation: Operation,
  headers: Record<string, string | string[] | undefined>,
): Credential | undefined {
  for (const alternative of operation.security) {
    for (const name of Object.keys(alternative)) {
      const scheme = doc.components.securitySchemes?.[name] as SecurityScheme | undefined;
      if (!scheme) continue;
      if (scheme.type === "http" && scheme.scheme.toLowerCase() === "bearer") {
        const header = first(headers.authorization);
        const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
        if (match) return { scheme: name, kind: "bearer", value: match[1]! };
      } else if (scheme.type === "apiKey" && scheme.in === "header") {
        const value = first(headers[scheme.name.toLowerCase()])?.trim();
        if (value) return { scheme: name, kind: "apiKey", value };
      }
    }
  }
  return undefined;
}

/** Whether the operation requires credentials at all. */
export function requiresCredentials(operation: Operation): boolean {
  return operation.security.length > 0 && !operation.security.some((alt) => Object.keys(alt).length === 0);
}

/** The credential forms an operation accepts, for documentation and for checkers. */
export function credentialForms(doc: OpenApiDocument, operation: Operation): SecurityScheme[] {
  return operation.security.flatMap((alt) =>
    Object.keys(alt).flatMap((name) => {
      const scheme = doc.components.securitySchemes?.[name] as SecurityScheme | undefined;
      return scheme ? [scheme] : [];
    }),
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The role a key needs to call the operation (`x-required-role`), or `undefined` when every role
 * may. Servers answer any other role with the operation's 403 (`RequestPipeline.authorize`).
 */
export function requiredRole(operation: Operation): string | undefined {
  const role = operation.object["x-required-role"];
  return typeof role === "string" ? role : undefined;
}

/** Operations whose `x-required-role` the given role does not hold. */
export function refusesRole(operation: Operation, role: string | undefined): boolean {
  const required = requiredRole(operation);
  return required !== undefined && role !== required;
}
