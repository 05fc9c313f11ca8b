import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests are CPU-bound; forks keep each file's intern table in its own process.
    pool: "forks",
    testTimeout: 60_000,
    // Fixed fast-check seed unless FC_SEED=random (see the file).
    setupFiles: ["test/support/fast-check-seed.ts"],
  },
});
