export { default } from "@agent-analytics/eslint-config";
