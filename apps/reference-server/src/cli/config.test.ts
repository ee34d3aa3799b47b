import { afterEach, describe, expect, it } from "vitest";
import { storageConfig } from "./config.js";

describe("storageConfig", () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.each([
    ["--data-dir wins over DATABASE_URL", { "data-dir": "memory://" }, "postgres://env", { databaseUrl: undefined, dataDir: "memory://" }],
    ["DATABASE_URL without flags", {}, "postgres://env", { databaseUrl: "postgres://env" }],
    ["--database-url wins over DATABASE_URL", { "database-url": "postgres://flag" }, "postgres://env", { databaseUrl: "postgres://flag" }],
    ["embedded by default", {}, "", { databaseUrl: undefined }],
  ])("%s", (_name, flags, env, expected) => {
    process.env.DATABASE_URL = env;
    expect(storageConfig(flags)).toMatchObject(expected);
  });
});
