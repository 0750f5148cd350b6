/**
 * What the mocks answer when a program registers a resource: its inputs as state, an id shaped
 * like the cloud's (`vsw-<name>`), and the few computed outputs programs commonly pass on (a
 * VPC's system route table, an instance's primary ENI). Addresses are NOT invented here: the
 * mapper places unknown addresses itself, the same way for every plan source.
 */
import { classifyResource, type ResourceRole } from "./pulumi-resource-kinds";

const PREFIXES: Partial<Record<ResourceRole, string>> = {
  vpc: "vpc-",
  vswitch: "vsw-",
  "route-table": "vtb-",
  "alicloud-eni": "eni-",
  "eni-sdk-network-interface": "eni-",
  "alicloud-instance": "i-",
  "eni-sdk-instance": "i-",
};

export function mockResourceState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  importId: string | undefined,
): { id: string | undefined; state: Record<string, unknown> } {
  const role = classifyResource({ urn: name, type, inputs, outputs: {} });
  const slug = name.replace(/[^A-Za-z0-9-]+/g, "-");
  const id = importId !== undefined && importId !== "" ? importId : `${PREFIXES[role] ?? ""}${slug}${PREFIXES[role] === undefined ? "-id" : ""}`;
  const computed: Record<string, unknown> = {};
  switch (role) {
    case "vpc":
      computed["routeTableId"] = `vtb-${slug}-system`;
      computed["routerId"] = `vrt-${slug}`;
      break;
    case "alicloud-instance":
      computed["networkInterfaceId"] = `eni-${slug}-primary`;
      break;
    default:
      break;
  }
  return { id: type === "pulumi:pulumi:Stack" ? undefined : id, state: { ...computed, ...inputs } };
}
