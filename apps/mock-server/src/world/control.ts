import type { World } from "./index.js";

/** Paths under this prefix control the mock; no contract operation lives there. */
export const CONTROL_PREFIX = "/__mock/";

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/**
 * The mock's own controls, beside Prism's per-request `Prefer` ones:
 * - `GET /__mock/world`: what the simulated organisation holds, and who keys act for;
 * - `POST /__mock/reset`: forget what the calling key ingested (its organisation is the seeded
 *   world again); without a key, or with `?all=true`, forget what every key ingested.
 * Undefined for any other path, which the contract's routing answers.
 */
export function controlRequest(world: World, method: string, pathname: string, query: Record<string, unknown>, key: string | undefined): ControlAnswer | undefined {
  if (!pathname.startsWith(CONTROL_PREFIX)) return undefined;
  const route = `${method.toUpperCase()} ${pathname.slice(CONTROL_PREFIX.length - 1)}`;
  switch (route) {
    case "GET /world":
    case "HEAD /world":
      return { status: 200, body: world.summary() };
    case "POST /reset": {
      const all = key === undefined || query.all === "true";
      const reset = all ? world.reset() : world.reset(key);
      return { status: 200, body: { reset: all ? "every key" : world.callerOf(key!).organizationId, organisations: reset } };
    }
    default:
      return { status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: "The mock's controls are GET /__mock/world and POST /__mock/reset." } };
  }
}
