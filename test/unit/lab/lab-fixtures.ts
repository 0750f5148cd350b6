/** Example plans read as users read them, for the lab's pure tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTopologyText } from "../../../simulator/plan";
import type { Topology } from "../../../simulator/model/topology";

export const EXAMPLES = ["load-balancer", "multi-eni", "nat-instance", "plain-web", "router", "vpn-endpoint"] as const;
export type ExampleName = (typeof EXAMPLES)[number];

const root = join(__dirname, "..", "..", "..", "examples");

export function exampleTopology(name: ExampleName): Topology {
  const file = join(root, name, "topology.yaml");
  return parseTopologyText(readFileSync(file, "utf8"), file);
}

export const examplePath = (name: ExampleName, file: string): string => join(root, name, file);
