import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Servers start as child processes (the reference server loads its demo organisation first).
    testTimeout: 15_000,
    hookTimeout: 120_000,
  },
});
