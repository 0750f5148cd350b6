import { invalidParameter, missingParameter } from "../errors";
import { allocateId } from "./id-allocation";
import { IpPlanner } from "./ip-allocation";
import { isSettled, statusAt, transition } from "./lifecycle";
import { checkRegion } from "./networks";
import { checkEniQuota, eniStatus, enisOfInstance, getEni, insertEni, planEni, viewEni } from "./network-interfaces";
import type { EniView, PlannedEni } from "./network-interfaces";
import type {
  InstanceChargeType, InstanceRecord, InstanceStatus, MetadataOptions, Tag,
} from "./records";
import type { SeedInstanceType } from "./seed";
import { stateErrors } from "./state-errors";
import type { StoreContext } from "./store-context";
import { setTags, tagsOf } from "./tags";

export const DEFAULT_METADATA_OPTIONS: MetadataOptions = {
  httpEndpoint: "enabled",
  httpTokens: "optional",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
};

export interface InstanceView extends Readonly<Omit<InstanceRecord, "lifecycle">> {
  readonly status: InstanceStatus;
  readonly tags: readonly Tag[];
  readonly networkInterfaces: readonly EniView[];
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly osType: string;
  readonly osName: string;
}

export function instanceStatus(instance: InstanceRecord, now: number): InstanceStatus {
  return statusAt(instance.lifecycle, now);
}

export function instanceTypeOf(ctx: StoreContext, instance: { instanceType: string }): SeedInstanceType {
  const type = ctx.state.seed.instanceTypes.find((t) => t.id === instance.instanceType);
  if (!type) throw stateErrors.instanceTypeNotSupported(instance.instanceType);
  return type;
}

/** Instances are found by id alone when the caller sends no RegionId (Start/Stop/DeleteInstance). */
export function getInstance(ctx: StoreContext, id: string, regionId?: string): InstanceRecord {
  const instance = ctx.state.instances[id];
  if (!instance || (regionId !== undefined && instance.regionId !== regionId)) throw stateErrors.instanceNotFound(id);
  if (isSettled(instance.lifecycle, ctx.now)) {
    instance.lifecycle = [instance.lifecycle[instance.lifecycle.length - 1]!];
  }
  return instance;
}

export function viewInstance(ctx: StoreContext, instance: InstanceRecord): InstanceView {
  const { lifecycle: _lifecycle, ...fields } = instance;
  const type = ctx.state.seed.instanceTypes.find((t) => t.id === instance.instanceType);
  const image = ctx.state.seed.images.find((i) => i.id === instance.imageId);
  return {
    ...fields,
    securityGroupIds: [...instance.securityGroupIds],
    metadataOptions: { ...instance.metadataOptions },
    status: instanceStatus(instance, ctx.now),
    tags: tagsOf(ctx, "instance", instance.id),
    networkInterfaces: enisOfInstance(ctx, instance.id).map((e) => viewEni(ctx, e)),
    cpu: type?.cpu ?? 0,
    memoryGiB: type?.memoryGiB ?? 0,
    osType: image?.osType ?? "linux",
    osName: image?.name ?? "",
  };
}

export interface NetworkInterfaceInput {
  readonly instanceType: "Primary" | "Secondary";
  /** An existing Available ENI to attach as the secondary, instead of creating one. */
  readonly networkInterfaceId?: string | undefined;
  readonly secondaryPrivateIpAddressCount?: number | undefined;
  readonly vSwitchId?: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly primaryIpAddress?: string | undefined;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly sourceDestCheck?: boolean | undefined;
  readonly deleteOnRelease?: boolean | undefined;
  readonly queueNumber?: number | undefined;
}

export interface LaunchInput {
  readonly regionId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly zoneId?: string | undefined;
  readonly vSwitchId?: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly privateIpAddress?: string | undefined;
  readonly instanceName?: string | undefined;
  readonly hostName?: string | undefined;
  readonly description?: string | undefined;
  readonly amount: number;
  readonly tags: readonly Tag[];
  readonly metadataOptions: Partial<MetadataOptions>;
  readonly networkInterfaces: readonly NetworkInterfaceInput[];
  readonly resourceGroupId?: string | undefined;
  readonly instanceChargeType?: InstanceChargeType | undefined;
  readonly internetMaxBandwidthOut?: number | undefined;
  readonly keyPairName?: string | undefined;
  readonly userData?: string | undefined;
  readonly deletionProtection?: boolean | undefined;
  readonly dryRun: boolean;
  /** RunInstances starts what it creates; CreateInstance leaves it Stopped. */
  readonly start: boolean;
}

/** At most two ENIs at creation: the primary and one secondary (seed 001). */
export const MAX_ENIS_AT_CREATION = 2;

interface PlannedInstance {
  readonly primary: PlannedEni;
  readonly secondary: PlannedEni | undefined;
  /** An existing ENI attached as the secondary. */
  readonly existingSecondaryId: string | undefined;
}

/**
 * NetworkInterface.2.NetworkInterfaceId attaches an existing ENI: it must be Available, a
 * Secondary ENI, in the primary's VPC and zone, and no creation field may come with it.
 */
function checkExistingSecondary(ctx: StoreContext, ni: NetworkInterfaceInput, primary: PlannedEni, amount: number): string {
  const id = ni.networkInterfaceId!;
  const p = "NetworkInterface.2.";
  if (amount > 1) throw invalidParameter(`${p}NetworkInterfaceId`, id, "an existing ENI only with Amount=1");
  const creationFields: [string, unknown][] = [
    ["VSwitchId", ni.vSwitchId], ["SecurityGroupIds.1", ni.securityGroupIds[0]], ["PrimaryIpAddress", ni.primaryIpAddress],
    ["NetworkInterfaceName", ni.name], ["Description", ni.description], ["SourceDestCheck", ni.sourceDestCheck],
    ["DeleteOnRelease", ni.deleteOnRelease], ["QueueNumber", ni.queueNumber], ["SecondaryPrivateIpAddressCount", ni.secondaryPrivateIpAddressCount],
  ];
  for (const [name, value] of creationFields) {
    if (value !== undefined) throw invalidParameter(`${p}${name}`, String(value), `nothing, since ${p}NetworkInterfaceId names an existing ENI (change it with ModifyNetworkInterfaceAttribute)`);
  }
  const eni = getEni(ctx, id, primary.spec.regionId);
  const status = eniStatus(eni, ctx.now);
  if (status !== "Available") throw stateErrors.eniState(id, status, "Available");
  if (eni.vpcId !== primary.vpcId) throw stateErrors.vpcMismatch(`Network interface ${id}`, eni.vpcId, primary.vpcId);
  if (eni.zoneId !== primary.vSwitch.zoneId) throw stateErrors.zoneMismatch(`Network interface ${id}`, eni.zoneId, primary.vSwitch.zoneId);
  return id;
}

function planLaunch(ctx: StoreContext, input: LaunchInput): PlannedInstance[] {
  checkRegion(ctx, input.regionId);
  if (!ctx.state.seed.images.some((i) => i.id === input.imageId)) throw stateErrors.imageNotFound(input.imageId);
  const type = instanceTypeOf(ctx, input);
  if (input.networkInterfaces.length > MAX_ENIS_AT_CREATION) {
    throw invalidParameter(`NetworkInterface.${input.networkInterfaces.length}`, "(present)", "at most two network interfaces (one Primary, one Secondary)");
  }
  const primaries = input.networkInterfaces.filter((n) => n.instanceType === "Primary");
  const secondaries = input.networkInterfaces.filter((n) => n.instanceType === "Secondary");
  if (primaries.length > 1 || secondaries.length > 1) {
    throw invalidParameter("NetworkInterface.N.InstanceType", primaries.length > 1 ? "Primary" : "Secondary", "one Primary and at most one Secondary");
  }
  const primaryNi = primaries[0];
  const secondaryNi = secondaries[0];
  if (primaryNi?.networkInterfaceId !== undefined) {
    throw invalidParameter("NetworkInterface.1.NetworkInterfaceId", primaryNi.networkInterfaceId, "nothing: the primary ENI is always created with the instance (an existing ENI can be the Secondary)");
  }
  if (secondaryNi && (!type.secondaryEniAtCreation || type.eniQuantity < 2)) throw stateErrors.secondaryEniAtCreation(type.id);
  const vSwitchId = primaryNi?.vSwitchId ?? input.vSwitchId;
  if (vSwitchId === undefined) throw missingParameter("VSwitchId");
  const groups = primaryNi?.securityGroupIds.length ? primaryNi.securityGroupIds : input.securityGroupIds;
  if (groups.length === 0) throw missingParameter("SecurityGroupId");
  const primaryIp = primaryNi?.primaryIpAddress ?? input.privateIpAddress;
  if (input.amount > 1 && (primaryIp !== undefined || secondaryNi?.primaryIpAddress !== undefined)) {
    throw invalidParameter("PrivateIpAddress", primaryIp ?? secondaryNi?.primaryIpAddress ?? "", "no fixed private IP when Amount is greater than 1");
  }
  const planner = new IpPlanner(ctx);
  const plans: PlannedInstance[] = [];
  for (let n = 0; n < input.amount; n++) {
    const primary = planEni(ctx, planner, {
      regionId: input.regionId, vSwitchId, securityGroupIds: groups, primaryIpAddress: primaryIp,
      name: primaryNi?.name, description: primaryNi?.description, sourceDestCheck: primaryNi?.sourceDestCheck,
      secondaryPrivateIpAddressCount: primaryNi?.secondaryPrivateIpAddressCount,
      deleteOnRelease: true, queueNumber: primaryNi?.queueNumber, resourceGroupId: input.resourceGroupId,
      paramPrefix: primaryNi ? "NetworkInterface.1." : "",
    }, type.eniPrivateIpAddressQuantity);
    if (input.zoneId !== undefined && input.zoneId !== primary.vSwitch.zoneId) {
      throw stateErrors.zoneMismatch(`ZoneId and vSwitch ${primary.vSwitch.id}`, input.zoneId, primary.vSwitch.zoneId);
    }
    let secondary: PlannedEni | undefined;
    let existingSecondaryId: string | undefined;
    if (secondaryNi?.networkInterfaceId !== undefined) {
      existingSecondaryId = checkExistingSecondary(ctx, secondaryNi, primary, input.amount);
    } else if (secondaryNi) {
      if (secondaryNi.vSwitchId === undefined) throw missingParameter("NetworkInterface.2.VSwitchId");
      if (secondaryNi.securityGroupIds.length === 0) throw missingParameter("NetworkInterface.2.SecurityGroupIds.1");
      secondary = planEni(ctx, planner, {
        regionId: input.regionId, vSwitchId: secondaryNi.vSwitchId, securityGroupIds: secondaryNi.securityGroupIds,
        primaryIpAddress: secondaryNi.primaryIpAddress, name: secondaryNi.name, description: secondaryNi.description,
        sourceDestCheck: secondaryNi.sourceDestCheck, deleteOnRelease: secondaryNi.deleteOnRelease ?? true,
        secondaryPrivateIpAddressCount: secondaryNi.secondaryPrivateIpAddressCount,
        queueNumber: secondaryNi.queueNumber, resourceGroupId: input.resourceGroupId, paramPrefix: "NetworkInterface.2.",
      }, type.eniPrivateIpAddressQuantity);
      if (secondary.vpcId !== primary.vpcId) throw stateErrors.vpcMismatch("Secondary network interface", secondary.vpcId, primary.vpcId);
      if (secondary.vSwitch.zoneId !== primary.vSwitch.zoneId) {
        throw stateErrors.zoneMismatch("Secondary network interface", secondary.vSwitch.zoneId, primary.vSwitch.zoneId);
      }
    }
    plans.push({ primary, secondary, existingSecondaryId });
  }
  const created = secondaryNi && secondaryNi.networkInterfaceId === undefined ? 2 : 1;
  checkEniQuota(ctx, input.regionId, input.amount * created);
  return plans;
}

/** RunInstances and CreateInstance: validates all, then creates `amount` instances with their ENIs. */
export function launchInstances(ctx: StoreContext, input: LaunchInput): string[] {
  const plans = planLaunch(ctx, input);
  if (input.dryRun) return [];
  const { state, now, transitions: t } = ctx;
  const metadataOptions: MetadataOptions = { ...DEFAULT_METADATA_OPTIONS, ...definedOnly(input.metadataOptions) };
  return plans.map((plan) => {
    const id = allocateId(state, "i", input.regionId, (candidate) => candidate in state.instances);
    const primary = insertEni(ctx, plan.primary, "Primary", { instanceId: id, deviceIndex: 0 });
    if (plan.secondary) insertEni(ctx, plan.secondary, "Secondary", { instanceId: id, deviceIndex: 1 });
    if (plan.existingSecondaryId !== undefined) {
      const existing = state.networkInterfaces[plan.existingSecondaryId]!;
      existing.instanceId = id;
      existing.deviceIndex = 1;
      existing.lifecycle = [{ status: "InUse", at: now }];
    }
    const lifecycle = input.start
      ? transition(now, "Pending" as InstanceStatus, ["Starting", t.instanceCreateMs], ["Running", t.instanceStartMs])
      : transition(now, "Pending" as InstanceStatus, ["Stopped", t.instanceCreateMs]);
    state.instances[id] = {
      id, regionId: input.regionId, zoneId: plan.primary.vSwitch.zoneId, vpcId: plan.primary.vpcId,
      vSwitchId: plan.primary.vSwitch.id, instanceType: input.instanceType, imageId: input.imageId,
      instanceName: input.instanceName ?? id, hostName: input.hostName ?? `iZ${id.slice(2)}Z`,
      description: input.description ?? "", securityGroupIds: [...plan.primary.securityGroupIds],
      primaryEniId: primary.id, lifecycle, creationTime: now, metadataOptions: { ...metadataOptions },
      resourceGroupId: input.resourceGroupId ?? "", instanceChargeType: input.instanceChargeType ?? "PostPaid",
      internetMaxBandwidthOut: input.internetMaxBandwidthOut ?? 0, keyPairName: input.keyPairName ?? "",
      userData: input.userData ?? "", deletionProtection: input.deletionProtection ?? false,
    };
    if (input.tags.length) setTags(ctx, "instance", [id], input.tags);
    return id;
  });
}

/** Drops undefined fields, so a partial update never overwrites a value with undefined. */
export function definedOnly<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
