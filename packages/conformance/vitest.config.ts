import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Servers start as child processes; provisioning and startup dominate the time.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
