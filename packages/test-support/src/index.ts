export * from "./bin.js";
export * from "./reference-server.js";
export * from "./run-cli.js";
export * from "./spawn-server.js";
