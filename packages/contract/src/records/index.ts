export * from "./normalize.js";
export * from "./records.js";
