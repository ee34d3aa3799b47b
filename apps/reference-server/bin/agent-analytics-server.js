#!/usr/bin/env node
// Runs the TypeScript sources in this process (no build step): tsx registers its loader, then the CLI starts.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
