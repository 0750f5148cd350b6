import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Examples and the policy pack import the package by name, as users do; in the repository the
// name resolves to the sources (tsconfig.json "paths" says the same to tsc and tsx).
const workspace = (path: string): string => resolve(__dirname, path);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^alicloud-eni\/simulator$/, replacement: workspace("simulator/api.ts") },
      { find: /^alicloud-eni\/emulator$/, replacement: workspace("emulator/index.ts") },
      { find: /^alicloud-eni$/, replacement: workspace("sdk/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Integration suites start emulators and child processes; forks keep them isolated.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
