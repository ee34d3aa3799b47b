import type { Verdict } from "../requirement.js";
import type { RunContext } from "../run-context.js";
import type { Semantics } from "./state.js";

/** Checks every figure of one read operation against the oracle; may end with a Skip. */
export type FigureCheck = (ctx: RunContext, semantics: Semantics, verdict: Verdict) => Promise<string | void>;
