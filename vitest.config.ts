import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration suites start emulators and child processes; forks keep them isolated.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
