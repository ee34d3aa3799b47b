import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startReferenceServer, startServer, MOCK_SERVER } from "./test-support/child-server.js";
import { runConformance } from "./runner.js";
import { toText } from "./reports/text.js";

const which = process.argv[2] ?? "ref";
const server = which === "ref" ? await startReferenceServer({ dataDir: mkdtempSync(join(tmpdir(), "kit-try-")) }) : { ...(await startServer(MOCK_SERVER, ["--port", "0"])), token: "conformance-admin-a", tokenB: "conformance-admin-b" };
const t = Date.now();
const result = await runConformance({ baseUrl: server.url, token: server.token, tokenB: server.tokenB, seed: Number(process.argv[3] ?? 1) });
console.log(toText(result).split("\n").filter((l) => /^(PASS|FAIL|WARN|SKIP| {2}FAIL| {2}SKIP)|^ {7}- |PASSED|FAILED|kit /.test(l)).join("\n"));
console.log("wall", Date.now() - t);
await server.stop();
