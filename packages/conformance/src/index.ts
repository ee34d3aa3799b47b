export { runConformance, allClasses } from "./runner.js";
export { buildCatalog, ISOLATION_CLASS, ROLES_CLASS } from "./catalog.js";
export { ConformanceStartError } from "./errors.js";
export { toJUnit } from "./reports/junit.js";
export { toHtml } from "./reports/html.js";
export { toText } from "./reports/text.js";
export type * from "./types.js";
