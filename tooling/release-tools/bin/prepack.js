#!/usr/bin/env node
// `prepack` of every published package: see ../src/prepack.js.
import process from "node:process";
import { prepack } from "../src/prepack.js";

process.exitCode = prepack(process.cwd(), process.env);
