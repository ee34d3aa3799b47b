#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx's ESM loader is registered before the CLI is imported.
import { register } from "tsx/esm/api";

register();
await import("../src/server/cli.ts");
