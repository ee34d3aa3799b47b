export * from "./declaration.js";
export * from "./rules.js";
export { describeLocation, provenanceTable } from "./table.js";
