import { moduleOfPath, parseTarget, type ErrorReply, type HttpRequest, type RequestPipeline, type Route } from "@agent-analytics/contract";
import { reasonOf } from "../log/request-log.js";
import type { RequestVerdict } from "./check-exchange.js";

/**
 * The request judged as the mock judges it, with the contract's pipeline: accepted for an
 * operation, or the error the contract answers it with (and which step refused it). The proxy
 * forwards it either way: the upstream's answer to a refused request is judged too.
 */
export function judgeRequest(pipeline: RequestPipeline, request: HttpRequest): RequestVerdict {
  const routed = pipeline.route(request.method, request.url);
  if (!routed.ok) {
    const outside = moduleOfPath(pipeline.doc, parseTarget(request.url).pathname).module === undefined;
    return outside ? { kind: "outside", operation: undefined } : rejected(undefined, routed.error, "route");
  }
  const presented = pipeline.credential(routed.route, request.headers);
  if (!presented.ok) return rejected(routed.route, presented.error, "credential");
  const validated = pipeline.validate(routed.route, { headers: request.headers, body: request.body, credential: presented.credential });
  if (!validated.ok) return rejected(routed.route, validated.error, "validate");
  return { kind: "accepted", operation: routed.route.operation, request: validated.request };
}

function rejected(route: Route | undefined, error: ErrorReply, step: "route" | "credential" | "validate"): RequestVerdict {
  return { kind: "rejected", operation: route?.operation, status: error.status, step, reason: reasonOf(error.status, error.body) ?? `status ${error.status}` };
}
