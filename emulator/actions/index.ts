import type { ActionDefinition } from "./action";
import { INSTANCE_ACTIONS } from "./instance-actions";
import { INSTANCE_LAUNCH_ACTIONS } from "./instance-launch-actions";
import { NETWORK_INTERFACE_ACTIONS } from "./network-interface-actions";
import { NETWORK_INTERFACE_ATTACHMENT_ACTIONS } from "./network-interface-attachment-actions";
import { SECURITY_GROUP_AND_TAG_ACTIONS } from "./security-group-and-tag-actions";
import { VPC_ACTIONS } from "./vpc-actions";

/** Every action the emulator serves; the HTTP layer routes on (product, name). */
export const ACTIONS: readonly ActionDefinition[] = [
  ...NETWORK_INTERFACE_ACTIONS,
  ...NETWORK_INTERFACE_ATTACHMENT_ACTIONS,
  ...INSTANCE_LAUNCH_ACTIONS,
  ...INSTANCE_ACTIONS,
  ...SECURITY_GROUP_AND_TAG_ACTIONS,
  ...VPC_ACTIONS,
];
