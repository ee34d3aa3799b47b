import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Packing builds three packages and npm installs the tarballs: minutes on a busy 2-core machine, not seconds.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
