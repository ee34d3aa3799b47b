import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Servers start in beforeAll hooks (migrations, PGlite start-up): generous on busy CI machines.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
