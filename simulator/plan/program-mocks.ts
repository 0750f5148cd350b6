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
    // Our dynamic resources declare their outputs as undefined inputs; fill the ones programs pass on.
    case "eni-sdk-instance":
      computed["kind"] = "alicloud-eni:Instance";
      computed["instanceId"] = id;
      computed["primaryNetworkInterfaceId"] = `eni-${slug}-primary`;
      if (inputs["secondaryNetworkInterface"] !== undefined) computed["secondaryNetworkInterfaceId"] = `eni-${slug}-secondary`;
      break;
    case "eni-sdk-network-interface":
      computed["kind"] = "alicloud-eni:NetworkInterface";
      computed["networkInterfaceId"] = id;
      break;
    case "eni-sdk-route-entry":
      computed["kind"] = "alicloud-eni:RouteEntry";
      computed["routeEntryId"] = `rte-${slug}`;
      break;
    default:
      break;
  }
  const given = Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));
  return { id: type === "pulumi:pulumi:Stack" ? undefined : id, state: { ...computed, ...given } };
}

/**
 * Answers for the data sources programs commonly call before declaring resources (zones, images,
 * instance types): one plausible item each, so `getZones().zones[0].id` works under mocks. Any
 * other invoke echoes its inputs, as Pulumi's own mock examples do.
 */
export function mockCallResult(token: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  switch (token) {
    case "alicloud:index/getZones:getZones":
      return { ...inputs, ids: [`${region}-a`], zones: [{ id: `${region}-a`, localName: `${region}-a`, availableInstanceTypes: [], availableResourceCreations: ["VSwitch", "Instance"] }] };
    case "alicloud:ecs/getImages:getImages":
      return { ...inputs, ids: ["aliyun_3_x64_20G_alibase_20240819.vhd"], images: [{ id: "aliyun_3_x64_20G_alibase_20240819.vhd", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", name: "Alibaba Cloud Linux 3", osType: "linux" }] };
    case "alicloud:ecs/getInstanceTypes:getInstanceTypes":
      return { ...inputs, ids: ["ecs.g7.large"], instanceTypes: [{ id: "ecs.g7.large", cpuCoreCount: 2, memorySize: 8, eniAmount: 3 }] };
    default:
      return inputs;
  }
}
