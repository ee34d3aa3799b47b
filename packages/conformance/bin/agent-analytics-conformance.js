#!/usr/bin/env node
// Launcher. Inside the repository the TypeScript sources run through tsx (Node 20 cannot run .ts
// files, and workspace packages resolve to their sources); the published package has no src/ and
// runs the compiled dist/.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const source = new URL("../src/cli.ts", import.meta.url);
let entry;
if (existsSync(fileURLToPath(source))) {
  const { register } = await import("tsx/esm/api");
  register();
  entry = source.href;
} else {
  entry = new URL("../dist/cli.js", import.meta.url).href;
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
