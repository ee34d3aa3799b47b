export * from "./bin.js";
export * from "./run-cli.js";
export * from "./spawn-server.js";
