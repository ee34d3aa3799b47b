import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Some tests run the CLIs as child processes (tsx start-up): seconds each on a busy machine.
    testTimeout: 30_000,
  },
});
