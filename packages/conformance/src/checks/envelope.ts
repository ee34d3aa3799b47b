// The check lives in the contract package, so that the validating proxy runs the same one.
export { envelopeIssues, type EnvelopeIssue } from "@agent-analytics/contract";
