import { badRequest, forbidden, invalidParameter, notFound } from "../errors";
import type { ApiError } from "../errors";

/**
 * The errors the store raises, one builder per cloud error code, so every action reports the
 * same failure the same way (moto's exceptions.py). Codes and statuses follow DESIGN.md;
 * codes marked "emulator" are our choice where the cloud's is undocumented (docs/emulator-api.md).
 */
export const stateErrors = {
  regionNotFound: (regionId: string): ApiError =>
    notFound("InvalidRegionId.NotFound", `The specified RegionId "${regionId}" does not exist.`),
  eniNotFound: (id: string): ApiError =>
    notFound("InvalidEniId.NotFound", `The specified NetworkInterfaceId "${id}" does not exist.`),
  instanceNotFound: (id: string): ApiError =>
    notFound("InvalidInstanceId.NotFound", `The specified InstanceId "${id}" does not exist.`),
  vSwitchNotFound: (id: string): ApiError =>
    notFound("InvalidVSwitchId.NotFound", `The specified VSwitchId "${id}" does not exist.`),
  vpcNotFound: (id: string): ApiError => notFound("InvalidVpcId.NotFound", `The specified VpcId "${id}" does not exist.`),
  securityGroupNotFound: (id: string): ApiError =>
    notFound("InvalidSecurityGroupId.NotFound", `The specified SecurityGroupId "${id}" does not exist.`),
  imageNotFound: (id: string): ApiError => notFound("InvalidImageId.NotFound", `The specified ImageId "${id}" does not exist.`),
  instanceTypeNotSupported: (type: string): ApiError =>
    badRequest("InvalidInstanceType.ValueNotSupported", `The specified InstanceType "${type}" is not supported.`),
  routeTableNotFound: (id: string): ApiError =>
    notFound("InvalidRouteTableId.NotFound", `The specified RouteTableId "${id}" does not exist.`),
  routeEntryNotFound: (what: string): ApiError =>
    notFound("InvalidRouteEntry.NotFound", `The specified route entry (${what}) does not exist.`),
  resourceNotFound: (type: string, id: string): ApiError =>
    notFound("InvalidResourceId.NotFound", `The specified ResourceId "${id}" of ResourceType "${type}" does not exist.`),

  eniState: (id: string, status: string, needed: string): ApiError =>
    badRequest("InvalidOperation.InvalidEniState", `The network interface ${id} is ${status}; this operation needs it ${needed}.`),
  ecsState: (id: string, status: string): ApiError =>
    badRequest("InvalidOperation.InvalidEcsState", `The instance ${id} is ${status}; wait until it is Running or Stopped.`),
  incorrectInstanceStatus: (id: string, status: string, needed: string): ApiError =>
    forbidden("IncorrectInstanceStatus", `The instance ${id} is ${status}; this operation needs it ${needed}.`),
  detachPrimary: (id: string): ApiError =>
    badRequest("InvalidOperation.DetachPrimaryEniNotAllowed", `The network interface ${id} is a primary ENI and cannot be detached.`),
  eniNotAttachedTo: (id: string, instanceId: string): ApiError =>
    badRequest("InvalidOperation.InvalidEniState", `The network interface ${id} is not attached to instance ${instanceId}.`),
  ipDuplicated: (ip: string): ApiError =>
    badRequest("InvalidPrivateIpAddress.Duplicated", `The private IP address ${ip} is already in use in its vSwitch.`),
  ipOutsideCidr: (param: string, ip: string, vSwitchId: string, cidr: string): ApiError =>
    invalidParameter(param, ip, `an assignable address of vSwitch ${vSwitchId} (${cidr}, without the network, gateway and last three addresses)`),
  ipNotOnEni: (param: string, ip: string, eniId: string): ApiError =>
    invalidParameter(param, ip, `a secondary private IP of ${eniId}`),
  ipNotEnough: (vSwitchId: string): ApiError =>
    forbidden("InvalidVSwitchId.IpNotEnough", `The vSwitch ${vSwitchId} has not enough free private IP addresses.`),
  eniPerInstanceLimit: (instanceId: string, type: string, max: number): ApiError =>
    forbidden("EniPerInstanceLimitExceeded", `Instance ${instanceId} (${type}) takes at most ${max} network interfaces.`),
  ipPerEniLimit: (eniId: string, max: number): ApiError =>
    forbidden("QuotaExceed.PrivateIpAddress", `Network interface ${eniId} can hold at most ${max} private IP addresses.`),
  eniQuota: (regionId: string, quota: number): ApiError =>
    forbidden("MaxEniCountExceeded", `The ENI quota of ${quota} in region ${regionId} is reached.`),
  zoneMismatch: (what: string, zone: string, otherZone: string): ApiError =>
    forbidden("InvalidOperation.AvailabilityZoneMismatch", `${what}: zone ${zone} does not match zone ${otherZone}.`),
  vpcMismatch: (what: string, vpc: string, otherVpc: string): ApiError =>
    forbidden("InvalidOperation.VpcMismatch", `${what}: VPC ${vpc} does not match VPC ${otherVpc}.`),
  secondaryEniAtCreation: (type: string): ApiError =>
    forbidden("InvalidInstanceType.SecondaryEniNotSupported", `Instance type ${type} takes no secondary network interface at creation; attach one after the instance is created.`),
  sourceDestCheckUnsupported: (regionId: string): ApiError =>
    forbidden("InvalidOperation.SourceDestCheckNotSupported", `SourceDestCheck is not available in region ${regionId}.`),
  idempotentMismatch: (token: string): ApiError =>
    badRequest("IdempotentParameterMismatch", `The ClientToken "${token}" was used before with different parameters.`),
  deletionProtection: (id: string): ApiError =>
    forbidden("InvalidOperation.DeletionProtection", `Instance ${id} has deletion protection; turn it off first.`),
  routeDuplicate: (cidr: string, tableId: string): ApiError =>
    badRequest("InvalidCIDRBlock.Duplicate", `Route table ${tableId} already has an entry for ${cidr}.`),
  routeEntryStatus: (id: string, status: string): ApiError =>
    forbidden("IncorrectRouteEntryStatus", `The route entry ${id} is ${status}; wait until it is Available.`),
  tagLimit: (id: string, max: number): ApiError =>
    badRequest("InvalidTagCount", `Resource ${id} would carry more than ${max} tags.`),
} as const;
