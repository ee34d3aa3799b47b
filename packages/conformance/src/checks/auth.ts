import { credentialForms, operationPointer, requiresCredentials, type Operation } from "@agent-analytics/contract";
import { describeResponse, Skip, Verdict, type Requirement } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import { expectError } from "./error-format.js";

function acceptsApiKey(ctx: RunContext["doc"], operation: Operation): boolean {
  return credentialForms(ctx, operation).some((s) => s.type === "apiKey" && s.in === "header");
}

/** `auth-missing`, `auth-wrong` and (where the module allows the header form) `auth-api-key`. */
export function authRequirements(doc: RunContext["doc"], operation: Operation): Requirement[] {
  if (!requiresCredentials(operation)) return [];
  const base = { class: operation.conformanceClass, operationId: operation.operationId, phase: "probe" as const };
  const ref = `${operationPointer(operation)}/security`;
  const id = (check: string) => `${operation.conformanceClass}.${operation.operationId}.${check}`;
  const requirements: Requirement[] = [
    {
      ...base,
      id: id("auth-missing"),
      title: `${operation.operationId} answers 401 in the module's error format without credentials`,
      specRef: ref,
      async run(ctx) {
        const sample = sampleOrSkip(ctx, operation);
        const verdict = new Verdict();
        expectError(ctx, operation, await ctx.client.call(operation, { ...sample, auth: "none" }), 401, "no credentials", verdict);
        return verdict.outcome();
      },
    },
    {
      ...base,
      id: id("auth-wrong"),
      title: `${operation.operationId} answers 401 in the module's error format for an unknown key`,
      specRef: ref,
      async run(ctx) {
        const sample = sampleOrSkip(ctx, operation);
        const verdict = new Verdict();
        const bogus = `${ctx.prefix}-not-a-key`;
        expectError(ctx, operation, await ctx.client.call(operation, { ...sample, auth: { bearer: bogus } }), 401, "unknown bearer key", verdict);
        if (acceptsApiKey(ctx.doc, operation)) {
          expectError(ctx, operation, await ctx.client.call(operation, { ...sample, auth: { apiKey: bogus } }), 401, "unknown x-api-key", verdict);
        }
        return verdict.outcome();
      },
    },
  ];
  if (acceptsApiKey(doc, operation)) {
    requirements.push({
      ...base,
      id: id("auth-api-key"),
      title: `${operation.operationId} accepts the key as an x-api-key header`,
      specRef: ref,
      async run(ctx) {
        const sample = sampleOrSkip(ctx, operation);
        // A write presents the write key (`x-required-role`), in either form.
        const key = ctx.options.apiKey ?? ctx.client.keyFor(operation);
        const viaBearer = await ctx.client.call(operation, sample.body === undefined ? sample : { ...sample, body: { users: [{ id: ctx.freshId("probe_user") }] } });
        const viaHeader = await ctx.client.call(operation, { ...sample, auth: { apiKey: key } });
        const verdict = new Verdict();
        const ok = viaHeader.response !== undefined && viaHeader.response.status === viaBearer.response?.status && viaHeader.response.status < 300;
        // The contract documents the key in both forms: the run's token is tried as x-api-key too.
        const which = ctx.options.apiKey ? "--api-key" : "the token";
        verdict.check(ok, viaHeader, `${which} as x-api-key: answered ${describeResponse(viaHeader)}; as a bearer token: ${describeResponse(viaBearer)}`, "the same 2xx as the bearer form", [`${operationPointer(operation)}/security`]);
        return verdict.outcome();
      },
    });
  }
  return requirements;
}

function sampleOrSkip(ctx: RunContext, operation: Operation) {
  const sample = ctx.sampleCall(operation);
  if (typeof sample === "string") throw new Skip(sample);
  return sample;
}
