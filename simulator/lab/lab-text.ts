/**
 * Plain-text answers of `lab up`, `lab down`, and the model-vs-kernel section printed under the
 * `lab run` table. Pure: data in, lines out.
 */
import type { LabReport } from "./lab-report";
import type { LabDownResult } from "./lab-lifecycle";
import type { LabState } from "./lab-state";

export function describeLabUp(state: LabState): string {
  const b = state.blueprint;
  const lines = [`lab ${state.lab} is up (${state.plan}, region ${b.region})`, `  vpc router  ${b.vpcNamespace}: ${b.bridges.map((br) => `${br.name}=${br.vswitch} ${br.cidr} gw ${br.gateway}`).join(", ")}`];
  lines.push(`  internet    ${b.internetNamespace}: uplink ${b.uplink.cidr}`);
  for (const host of b.hosts) {
    const ports = host.ports.map((o) => {
      const p = b.ports[o]!;
      return `${p.ifname}=${p.eni} ${p.addresses.join(",")} check ${p.checked ? "on" : "off"}`;
    });
    lines.push(`  ${host.label.padEnd(11)} ${host.namespace}: ${ports.join("; ")}${host.forwarding === "none" ? "" : ` (forwarding ${host.forwarding})`}`);
  }
  lines.push(`enter an instance with \`eni-sim lab exec --name ${state.lab} <instance> -- <command>\`; remove it all with \`eni-sim lab down --name ${state.lab}\``);
  return `${lines.join("\n")}\n`;
}

export function describeLabDown(result: LabDownResult): string {
  const what = result.removedNamespaces.length === 0 ? "no namespace was left" : `removed ${result.removedNamespaces.join(", ")}`;
  return `lab ${result.lab} is down: ${what}${result.hadState ? "" : " (it had no state file)"}\n`;
}

/** The model's verdict beside the kernel's, flow by flow; disagreements marked. */
export function describeComparison(report: LabReport): string {
  const lab = report.lab;
  const width = Math.max(4, ...lab.flows.map((f) => f.name.length));
  const lines = [`kernel vs model (lab ${lab.name}): ${lab.agreements} agree, ${lab.disagreements} disagree`];
  for (const f of lab.flows) {
    lines.push(`  ${f.name.padEnd(width)}  kernel ${f.kernel.padEnd(14)} model ${f.model.padEnd(14)} ${f.agrees ? "agree" : "DISAGREE"}`);
  }
  return `${lines.join("\n")}\n`;
}
