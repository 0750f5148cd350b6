/**
 * Sends one declared flow through a lab that is up and reads what the kernel did: the arrival
 * counter at the flow's destination and the check's counters in the vpc namespace. Every wait is
 * bounded: the sender by its own timer and the runner's timeout, the settling by a deadline.
 */
import { ARRIVAL_COUNTER, ARRIVAL_SOURCES, ARRIVAL_TABLE, CHECK_TABLE } from "./lab-names";
import type { LabBlueprint } from "./lab-blueprint";
import { describeArgv, type CommandRunner } from "./command-runner";
import { LabError } from "./errors";
import { dropObservations, splitDrops, type ProbeObservation } from "./kernel-verdict";
import { nftCounter, parseNftTable } from "./nft-observations";
import { arrivalProbeCommands, checkResetCommands } from "./nft-rulesets";
import type { ProbePlan } from "./probe-plan";
import { DEFAULT_PROBE_PORT, SENDER_BIND_FAILED, senderCommand } from "./probe-sender";

export interface ProbeTimings {
  /** How long the sender stays up (tcp waits this long for its handshake). */
  readonly lingerMs: number;
  /** After the sender exits, how long to keep looking for an arrival or a drop. */
  readonly settleMs: number;
  readonly pollMs: number;
  readonly packets: number;
}

export const DEFAULT_PROBE_TIMINGS: ProbeTimings = { lingerMs: 120, settleMs: 300, pollMs: 50, packets: 3 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function must(runner: CommandRunner, argv: readonly string[], what: string, stdin?: string): Promise<string> {
  const result = await runner.run(argv, stdin !== undefined ? { stdin } : {});
  if (result.code !== 0) {
    throw new LabError("COMMAND_FAILED", `${what}: \`${describeArgv(argv)}\` failed: ${result.timedOut ? "timed out" : result.stderr.trim() || `exit ${result.code}`}`);
  }
  return result.stdout;
}

export async function observe(runner: CommandRunner, b: LabBlueprint, plan: ProbePlan): Promise<ProbeObservation> {
  const arrivalJson = await must(runner, ["ip", "netns", "exec", plan.arrival.namespace, "nft", "-j", "list", "table", "inet", ARRIVAL_TABLE], "reading the arrival counter");
  const checkJson = await must(runner, ["ip", "netns", "exec", b.vpcNamespace, "nft", "-j", "list", "table", "bridge", CHECK_TABLE], "reading the check's counters");
  const arrival = parseNftTable(arrivalJson, `${plan.arrival.namespace} arrival table`);
  return {
    arrived: nftCounter(arrival, ARRIVAL_COUNTER, `${plan.arrival.namespace} arrival table`),
    arrivedFrom: arrival.addressSets.get(ARRIVAL_SOURCES) ?? [],
    drops: dropObservations(b, parseNftTable(checkJson, `${b.vpcNamespace} check table`)),
  };
}

export async function runProbe(runner: CommandRunner, b: LabBlueprint, plan: ProbePlan, timings: ProbeTimings = DEFAULT_PROBE_TIMINGS): Promise<ProbeObservation> {
  const f = plan.flow;
  const what = `flow "${f.name}"`;
  const injected = plan.sender.injectSource ? ["ip", "-n", plan.sender.namespace, "addr", "add", `${f.src}/32`, "dev", "lo"] : undefined;
  if (injected) await must(runner, injected, `${what}: putting the outside source on ${plan.sender.namespace}'s loopback`);
  try {
    await must(runner, ["ip", "netns", "exec", plan.arrival.namespace, "nft", "-f", "-"], `${what}: pointing the arrival counter`, arrivalProbeCommands({ dst: f.dst, protocol: f.protocol, ...(f.dstPort !== undefined ? { dstPort: f.dstPort } : {}) }));
    const reset = checkResetCommands(b);
    if (reset !== "") await must(runner, ["ip", "netns", "exec", b.vpcNamespace, "nft", "-f", "-"], `${what}: resetting the check's counters`, reset);

    const spec = { protocol: f.protocol, src: f.src, dst: f.dst, dstPort: f.dstPort ?? DEFAULT_PROBE_PORT, packets: timings.packets, gapMs: 20, lingerMs: timings.lingerMs };
    const argv = ["ip", "netns", "exec", plan.sender.namespace, ...senderCommand(spec)];
    const sent = await runner.run(argv, { timeoutMs: timings.lingerMs + 5_000 });
    if (sent.code !== 0) {
      const why = sent.code === SENDER_BIND_FAILED ? `cannot send from ${f.src}: ${sent.stderr.trim()}` : sent.timedOut ? "the sender timed out" : sent.stderr.trim() || `exit ${sent.code}`;
      throw new LabError("COMMAND_FAILED", `${what}: sending from ${plan.sender.namespace} failed: ${why}`);
    }
    // Bounded: at most settleMs / pollMs + 1 looks, stopping at the first arrival or drop.
    const looks = Math.max(1, Math.ceil(timings.settleMs / Math.max(1, timings.pollMs)) + 1);
    let observation = await observe(runner, b, plan);
    for (let i = 1; i < looks && observation.arrived.packets === 0 && splitDrops(plan, observation.drops).related.length === 0; i++) {
      await sleep(timings.pollMs);
      observation = await observe(runner, b, plan);
    }
    return observation;
  } finally {
    if (injected) await runner.run(["ip", "-n", plan.sender.namespace, "addr", "del", `${f.src}/32`, "dev", "lo"]);
  }
}
