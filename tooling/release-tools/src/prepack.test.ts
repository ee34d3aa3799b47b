import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prepack, publishedTargets } from "./prepack.js";

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  vi.restoreAllMocks();
});

/** A package whose build writes `built` into dist/ and whose published manifest points at `dist/index.js`. */
function fixture(built: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "prepack-"));
  dirs.push(dir);
  const writes = built.map((file) => `require("fs").writeFileSync("dist/${file}", "")`).join(";");
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "fixture",
      version: "1.0.0",
      scripts: { build: `node -e 'require("fs").mkdirSync("dist");${writes}'` },
      exports: { ".": "./src/index.ts" },
      publishConfig: { exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } },
    }),
  );
  return dir;
}

const PNPM = { PATH: process.env.PATH, npm_config_user_agent: "pnpm/10.0.0 npm/? node/v20" };

describe("prepack", () => {
  it("lists the published targets, publishConfig first", () => {
    const manifest = { exports: { ".": "./src/index.ts" }, bin: { x: "./bin/x.js" }, publishConfig: { exports: { ".": { types: "./dist/a.d.ts", default: "./dist/a.js" } } } };
    expect(publishedTargets(manifest)).toEqual(["./dist/a.d.ts", "./dist/a.js", "./bin/x.js"]);
  });

  const stderr = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);

  it.each([
    ["builds and passes when every target exists", ["index.js", "index.d.ts"], PNPM, 0, undefined],
    ["fails when the build leaves a target out", ["index.js"], PNPM, 1, "points at files the build did not make: ./dist/index.d.ts"],
    ["refuses npm", ["index.js", "index.d.ts"], { PATH: process.env.PATH, npm_config_user_agent: "npm/11.0.0 node/v20" }, 1, "pack and publish this package with pnpm"],
  ] as const)("%s", (_name, built, env, code, message) => {
    const write = stderr();
    expect(prepack(fixture([...built]), env)).toBe(code);
    if (message) expect(write.mock.calls.map(([text]) => String(text)).join("")).toContain(message);
  });
});
