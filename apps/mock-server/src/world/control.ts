import { parseTarget, presentedCredential, problem, type HttpRequest, type OpenApiDocument, type Operation } from "@agent-analytics/contract";
import type { World } from "./index.js";

/** Paths under this prefix control the mock; no contract operation lives there. */
export const CONTROL_PREFIX = "/__mock/";

export interface ControlAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * The mock's own controls, beside Prism's per-request `Prefer` ones:
 * - `GET /__mock/world`: what the simulated organisation holds, and who keys act for;
 * - `POST /__mock/reset`: forget what the calling key ingested (its organisation is the seeded
 *   world again); without a key, or with `?all=true`, forget what every key ingested.
 * Undefined for any other path, which the contract's pipeline answers.
 */
export function controlRequest(world: World, request: HttpRequest): ControlAnswer | undefined {
  if (!request.url.includes(CONTROL_PREFIX)) return undefined;
  const { pathname, query } = parseTarget(request.url);
  if (!pathname.startsWith(CONTROL_PREFIX)) return undefined;
  const route = `${request.method.toUpperCase()} ${pathname.slice(CONTROL_PREFIX.length - 1)}`;
  switch (route) {
    case "GET /world":
    case "HEAD /world":
      return { status: 200, contentType: "application/json", body: world.summary() };
    case "POST /reset": {
      const key = keyOf(world.document, request.headers);
      const all = key === undefined || query.all === "true";
      const reset = all ? world.reset() : world.reset(key);
      return { status: 200, contentType: "application/json", body: { reset: all ? "every key" : world.callerOf(key!).organizationId, organisations: reset } };
    }
    default: {
      const notFound = problem(404, "The mock's controls are GET /__mock/world and POST /__mock/reset.");
      return { status: 404, contentType: notFound.contentType, body: notFound.body };
    }
  }
}

/**
 * The key a control request presents, in any form the document's security schemes accept (a
 * control belongs to no operation: every scheme is an alternative).
 */
function keyOf(doc: OpenApiDocument, headers: HttpRequest["headers"]): string | undefined {
  const security = Object.keys(doc.components.securitySchemes ?? {}).map((name) => ({ [name]: [] }));
  return presentedCredential(doc, { security } as unknown as Operation, headers)?.value;
}
