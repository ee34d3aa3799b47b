import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["src/**/*.test.ts"],
    // Servers and Chromium start as child processes.
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
