/**
 * Issue 4, Performance: records/s of judging a 1M-record VPC flow-log CSV through readTraffic and
 * the evaluator's streaming sink, against mawk (or awk) doing the same address-set test — columns
 * found by name in the header, each record judged at its ENI: its source (out) or destination
 * (in) must be one of that ENI's addresses — in the same run, interleaved, best of N.
 *
 *   npx tsx bench/flowlog-throughput.bench.ts [--records 1000000] [--repeat 3] [--sink model|inline|null] [--no-cli] [--breakdown] [--engine compiled|tsx]
 *
 * Goals: >= 1M records/s, and >= 1.0x awk.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { generateFlowLog, OUT_DIR } from "./generate-capture";
import { natTopology } from "./nat-eni-scenario";
import {
  argument,
  engineBuildArgument,
  type CheckResult,
  type ChildResult,
  type CommandResult,
  firstExisting,
  lowest,
  measureInChild,
  rate,
  ratio,
  run,
  runCheck,
  prepareEngine,
  runChildMeasurement,
  runTimed,
  SINK_KINDS,
  spread,
  type SinkKind,
} from "./throughput-harness";

const AWK_CANDIDATES = ["/usr/bin/mawk", "/usr/bin/awk", "/usr/bin/gawk", "/bin/awk"];

/** The awk side of the comparison: the same topology's ENI → address set, columns by name. */
function awkProgram(): string {
  const owned = natTopology().networkInterfaces.flatMap((eni) => [eni.primaryIp, ...eni.secondaryIps].map((ip) => `own["${eni.id}" SUBSEP "${ip}"] = 1; known["${eni.id}"] = 1`));
  return [
    `BEGIN { ${owned.join("; ")} }`,
    `NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; ce = col["eni-id"]; cd = col["direction"]; cs = col["srcaddr"]; ct = col["dstaddr"]; next }`,
    `{ e = $ce; if (!(e in known)) next; a = ($cd == "out") ? $cs : $ct; if (!((e SUBSEP a) in own)) n++ }`,
    `END { print n + 0 }`,
  ].join("\n");
}

async function awkVersion(awk: string): Promise<string> {
  const probe = await run(awk, ["-W", "version"]);
  const line = `${probe.stdout}${probe.stderr}`.split("\n").find((l) => l.trim() !== "");
  return line?.trim() ?? "version unknown";
}

async function main(): Promise<void> {
  const records = Number(argument("records") ?? 1_000_000);
  const repeat = Number(argument("repeat") ?? 3);
  const sink = (argument("sink") ?? "model") as SinkKind;
  mkdirSync(OUT_DIR, { recursive: true });
  const engine = prepareEngine(__filename, engineBuildArgument());
  process.on("exit", () => engine.cleanup());
  const csv = join(OUT_DIR, `flowlog-${records}.csv`);
  if (!existsSync(csv)) {
    console.log(`generating ${csv} ...`);
    generateFlowLog(csv, records);
  }
  const program = join(OUT_DIR, "address-set.awk");
  writeFileSync(program, awkProgram());
  const awk = firstExisting(AWK_CANDIDATES);

  let ours: ChildResult | undefined;
  let theirs: CommandResult | undefined;
  let check: CheckResult | undefined;
  const withCli = existsSync(engine.cli) && !process.argv.includes("--no-cli");
  // --breakdown: the same file through the other sinks, to split reader cost from judging cost.
  const breakdown = new Map<SinkKind, ChildResult>();
  const others = process.argv.includes("--breakdown") ? SINK_KINDS.filter((kind) => kind !== sink) : [];
  // awk wall / engine read wall, each round on its own.
  const roundRatios: number[] = [];
  for (let round = 0; round < repeat; round++) {
    for (const kind of others) breakdown.set(kind, lowest(breakdown.get(kind), await measureInChild(engine, csv, kind), (r) => r.readMs));
    if (withCli) check = lowest(check, await runCheck(csv, engine.cli), (r) => r.ms);
    const mine = await measureInChild(engine, csv, sink);
    ours = lowest(ours, mine, (r) => r.readMs);
    if (awk !== undefined) {
      const timed = await runTimed(awk, ["-F", ",", "-f", program, csv]);
      if (timed.code !== 0) throw new Error(`${awk} failed: ${timed.stderr.trim()}`);
      theirs = lowest(theirs, timed, (r) => r.ms);
      roundRatios.push(timed.ms / mine.readMs);
    }
  }
  if (ours === undefined) throw new Error("--repeat must be at least 1");
  console.log(`engine: ${engine.build === "compiled" ? "compiled with tsconfig.build.json, plain node (as the package runs)" : "TypeScript sources through tsx (as a checkout runs)"}`);
  console.log(`sink: ${ours.sink}`);
  console.log(`\n${records} flow-log records, CSV (best of ${repeat}, interleaved):`);
  console.log(`  eni-sim engine: ${ours.readMs.toFixed(0)} ms read (${rate(ours.records, ours.readMs)}), ${ours.cpuMs.toFixed(0)} ms CPU, ${ours.processMs.toFixed(0)} ms whole process, ${ours.mismatched} mismatched  (goal >= 1M/s)`);
  for (const [kind, result] of breakdown) {
    console.log(`  breakdown, ${kind} sink: ${result.readMs.toFixed(0)} ms read (${rate(result.records, result.readMs)}), ${result.cpuMs.toFixed(0)} ms CPU  [${result.sink}]`);
  }
  if (check !== undefined) {
    const rss = check.maxRssMb === undefined ? "" : `, peak RSS ${check.maxRssMb.toFixed(1)} MB`;
    console.log(`  eni-sim check (${engine.build === "compiled" ? "compiled cli.js" : "bin/eni-sim.js"}, whole command): ${check.ms.toFixed(0)} ms (${rate(records, check.ms)})${check.cpuMs === undefined ? "" : `, ${check.cpuMs.toFixed(0)} ms CPU`}${rss}, ${check.dropped ?? "?"} dropped`);
  }
  if (awk === undefined || theirs === undefined) {
    console.log(`  awk: none found (looked at ${AWK_CANDIDATES.join(", ")}): no ratio measured`);
  } else {
    const counted = Number(theirs.stdout.trim());
    console.log(`  ${awk} (${await awkVersion(awk)}): ${theirs.ms.toFixed(0)} ms (${rate(records, theirs.ms)})${theirs.cpuMs === undefined ? "" : `, ${theirs.cpuMs.toFixed(0)} ms CPU`}`);
    console.log(`  ratio engine/awk, wall (read phase):    ${ratio(theirs.ms / ours.readMs)}  (goal >= 1.0)`);
    console.log(`    per round, same load:               ${spread(roundRatios)}`);
    if (theirs.cpuMs !== undefined) console.log(`  ratio engine/awk, CPU time:             ${ratio(theirs.cpuMs / ours.cpuMs)}`);
    console.log(`  ratio engine/awk, wall (whole process): ${ratio(theirs.ms / ours.processMs)}  (Node${engine.build === "tsx" ? " + tsx" : ""} start-up included)`);
    if (check !== undefined) console.log(`  ratio eni-sim check/awk, wall:         ${ratio(theirs.ms / check.ms)}  (the whole command: start-up, plan, report)`);
    console.log(`  cross-check: awk counts ${counted}, the engine judges ${ours.mismatched} ${counted === ours.mismatched ? "(agree)" : "(DISAGREE)"}`);
  }
  console.log(`peak RSS: ${ours.maxRssMb.toFixed(1)} MB`);
}

if (process.argv.includes("--child")) {
  void runChildMeasurement(argument("child")!, (argument("sink") ?? "model") as SinkKind).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
