export * from "./normalize.js";
export * from "./records.js";
export * from "./references.js";
