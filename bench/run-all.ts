/**
 * `npm run bench`: every benchmark in turn, each in its own process (they pin CPUs and measure
 * peak RSS, so they must not share one). Each prints its figures as ratios against a baseline
 * measured in the same run; copy them into bench/RESULTS.md with the command.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const BENCHES = ["emulator-describe.bench.ts", "provider-api-calls.bench.ts", "provider-wall-time.bench.ts", "pcap-throughput.bench.ts", "flowlog-throughput.bench.ts"];

let failed = 0;
for (const bench of BENCHES) {
  process.stdout.write(`\n=== ${bench}\n`);
  const run = spawnSync(process.execPath, ["--require", require.resolve("tsx/cjs"), join(__dirname, bench)], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
