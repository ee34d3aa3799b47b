export * from "./body.js";
export * from "./handlers.js";
export * from "./http-request.js";
export * from "./input-policy.js";
export * from "./pipeline.js";
export * from "./record-errors.js";
export * from "./storable-text.js";
export * from "./validated-request.js";
