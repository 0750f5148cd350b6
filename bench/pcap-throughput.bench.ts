/**
 * Issue 4, Performance: packets/s of judging a capture taken on a NAT ENI (250 clients) through
 * readTraffic and the evaluator's streaming sink, against
 *   tcpdump -r FILE -w /dev/null '<the equivalent BPF filter>'
 * in the same run. Also peak RSS at two sizes (each in its own child process, so the figure is
 * that input's alone) and the pcapng/pcap time ratio.
 *
 *   npx tsx bench/pcap-throughput.bench.ts [--packets 2000000] [--small 200000] [--repeat 3] [--sink model|inline|null] [--no-cli] [--breakdown] [--engine compiled|tsx]
 *
 * "engine" is readTraffic plus the sink, timed inside a child process; "eni-sim check" is the
 * whole command on the same file. `--engine compiled` (the default) measures both as the package
 * ships them (compiled with tsconfig.build.json, plain node); `--engine tsx` the TypeScript sources.
 *
 * Goals: ratio >= 1.0; peak RSS <= 150 MB and flat between the sizes; pcapng <= 1.2x pcap.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

import { readTraffic } from "../simulator/traffic/read-traffic";
import type { TrafficSink } from "../simulator/traffic/records";
import { type CaptureFormat, generateCapture, OUT_DIR } from "./generate-capture";
import { BPF_FILTER } from "./nat-eni-scenario";
import {
  argument,
  bestOf,
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

const TCPDUMP_CANDIDATES = ["/usr/sbin/tcpdump", "/usr/bin/tcpdump"];
function capture(packets: number, format: CaptureFormat): string {
  const file = join(OUT_DIR, `nat-${packets}.${format}`);
  if (!existsSync(file)) {
    console.log(`generating ${file} ...`);
    generateCapture(file, { packets, format });
  }
  return file;
}

/** Counts what tcpdump's filter selects, by reading its output with our reader (a cross-check). */
async function tcpdumpMatches(tcpdump: string, file: string): Promise<number | undefined> {
  const out = join(OUT_DIR, "tcpdump-selected.pcap");
  const result = await run(tcpdump, ["-r", file, "-w", out, BPF_FILTER]);
  if (result.code !== 0) return undefined;
  let count = 0;
  const counter: TrafficSink = { packet: () => void count++, flowLog: () => undefined, declaredFlow: () => undefined };
  await readTraffic(out, counter);
  return count;
}

async function main(): Promise<void> {
  const packets = Number(argument("packets") ?? 2_000_000);
  const small = Number(argument("small") ?? 200_000);
  const repeat = Number(argument("repeat") ?? 3);
  const sink = (argument("sink") ?? "model") as SinkKind;
  mkdirSync(OUT_DIR, { recursive: true });
  const engine = prepareEngine(__filename, engineBuildArgument());
  process.on("exit", () => engine.cleanup());
  const pcap = capture(packets, "pcap");
  const pcapng = capture(packets, "pcapng");
  const smallPcap = capture(small, "pcap");

  const tcpdump = firstExisting(TCPDUMP_CANDIDATES);
  // Interleaved rounds, best of each: every contender sees the same background load.
  let ours: ChildResult | undefined;
  let oursNg: ChildResult | undefined;
  let dump: CommandResult | undefined;
  let check: CheckResult | undefined;
  const withCli = existsSync(engine.cli) && !process.argv.includes("--no-cli");
  // --breakdown: the same file through the other sinks, to split reader cost from judging cost.
  const breakdown = new Map<SinkKind, ChildResult>();
  const others = process.argv.includes("--breakdown") ? SINK_KINDS.filter((kind) => kind !== sink) : [];
  // tcpdump wall / engine read wall, each round on its own.
  const roundRatios: number[] = [];
  for (let round = 0; round < repeat; round++) {
    for (const kind of others) breakdown.set(kind, lowest(breakdown.get(kind), await measureInChild(engine, pcap, kind), (r) => r.readMs));
    if (withCli) check = lowest(check, await runCheck(pcap, engine.cli), (r) => r.ms);
    const mine = await measureInChild(engine, pcap, sink);
    ours = lowest(ours, mine, (r) => r.readMs);
    oursNg = lowest(oursNg, await measureInChild(engine, pcapng, sink), (r) => r.readMs);
    if (tcpdump !== undefined) {
      const timed = await runTimed(tcpdump, ["-r", pcap, "-w", "/dev/null", BPF_FILTER]);
      if (timed.code !== 0) throw new Error(`tcpdump failed: ${timed.stderr.trim()}`);
      dump = lowest(dump, timed, (r) => r.ms);
      roundRatios.push(timed.ms / mine.readMs);
    }
  }
  const oursSmall = await bestOf(repeat, () => measureInChild(engine, smallPcap, sink), (r) => r.readMs);
  if (ours === undefined || oursNg === undefined) throw new Error("--repeat must be at least 1");
  console.log(`engine: ${engine.build === "compiled" ? "compiled with tsconfig.build.json, plain node (as the package runs)" : "TypeScript sources through tsx (as a checkout runs)"}`);
  console.log(`sink: ${ours.sink}`);
  console.log(`filter: ${BPF_FILTER}`);
  console.log(`\n${packets} packets (best of ${repeat}, interleaved):`);
  console.log(`  eni-sim engine, pcap:   ${ours.readMs.toFixed(0)} ms read (${rate(ours.records, ours.readMs)}), ${ours.cpuMs.toFixed(0)} ms CPU, ${ours.processMs.toFixed(0)} ms whole process, ${ours.mismatched} mismatched`);
  console.log(`  eni-sim engine, pcapng: ${oursNg.readMs.toFixed(0)} ms read (${rate(oursNg.records, oursNg.readMs)}), ${oursNg.cpuMs.toFixed(0)} ms CPU, ${oursNg.processMs.toFixed(0)} ms whole process`);
  for (const [kind, result] of breakdown) {
    console.log(`  breakdown, ${kind} sink: ${result.readMs.toFixed(0)} ms read (${rate(result.records, result.readMs)}), ${result.cpuMs.toFixed(0)} ms CPU  [${result.sink}]`);
  }
  if (check !== undefined) {
    const rss = check.maxRssMb === undefined ? "" : `, peak RSS ${check.maxRssMb.toFixed(1)} MB`;
    console.log(`  eni-sim check (${engine.build === "compiled" ? "compiled cli.js" : "bin/eni-sim.js"}, whole command): ${check.ms.toFixed(0)} ms (${rate(packets, check.ms)})${check.cpuMs === undefined ? "" : `, ${check.cpuMs.toFixed(0)} ms CPU`}${rss}, ${check.dropped ?? "?"} dropped`);
  }
  if (tcpdump === undefined || dump === undefined) {
    console.log(`  tcpdump: not installed (looked at ${TCPDUMP_CANDIDATES.join(", ")}): no ratio measured`);
  } else {
    console.log(`  tcpdump -r FILE -w /dev/null FILTER: ${dump.ms.toFixed(0)} ms (${rate(packets, dump.ms)})${dump.cpuMs === undefined ? "" : `, ${dump.cpuMs.toFixed(0)} ms CPU`}`);
    console.log(`  ratio engine/tcpdump, wall (read phase):    ${ratio(dump.ms / ours.readMs)}  (goal >= 1.0)`);
    console.log(`    per round, same load:                    ${spread(roundRatios)}`);
    if (dump.cpuMs !== undefined) console.log(`  ratio engine/tcpdump, CPU time:             ${ratio(dump.cpuMs / ours.cpuMs)}`);
    console.log(`  ratio engine/tcpdump, wall (whole process): ${ratio(dump.ms / ours.processMs)}  (Node${engine.build === "tsx" ? " + tsx" : ""} start-up included)`);
    if (check !== undefined) console.log(`  ratio eni-sim check/tcpdump, wall:         ${ratio(dump.ms / check.ms)}  (the whole command: start-up, plan, report)`);
    const matched = await tcpdumpMatches(tcpdump, smallPcap);
    console.log(`  cross-check on ${small} packets: tcpdump selects ${matched ?? "?"}, the engine judges ${oursSmall.mismatched} ${matched === oursSmall.mismatched ? "(agree)" : "(DISAGREE)"}`);
  }
  console.log(`\npcapng/pcap time: ${ratio(oursNg.readMs / ours.readMs)} wall, ${ratio(oursNg.cpuMs / ours.cpuMs)} CPU  (goal <= 1.2)`);
  console.log(`peak RSS: ${oursSmall.maxRssMb.toFixed(1)} MB at ${small} packets, ${ours.maxRssMb.toFixed(1)} MB at ${packets} (pcap), ${oursNg.maxRssMb.toFixed(1)} MB (pcapng)  (goal <= 150 MB, flat)`);
  console.log(`RSS growth ${small} -> ${packets}: ${(ours.maxRssMb - oursSmall.maxRssMb).toFixed(1)} MB`);
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
