import { connect } from "../ecs/connect";
import { containsUnknown } from "./unknown-value";

/**
 * The CIDR of the vSwitch named by `news.vSwitchId`, looked up only when one of `ipProperties`
 * holds an explicit address (so check costs no API call otherwise). Any failure (no config yet,
 * no credentials, an API error) yields undefined: check then skips the CIDR rule and the cloud
 * reports the problem at create, so a preview never fails for want of a lookup.
 */
export async function lookupVSwitchCidr(news: unknown, ipProperties: readonly string[], vSwitchProperty = "vSwitchId"): Promise<string | undefined> {
  if (news === null || typeof news !== "object") return undefined;
  const props = news as Record<string, unknown>;
  const vSwitchId = props[vSwitchProperty];
  if (typeof vSwitchId !== "string" || containsUnknown(vSwitchId)) return undefined;
  const hasExplicitIp = ipProperties.some((name) => {
    const value = props[name];
    return (typeof value === "string" && !containsUnknown(value)) || (Array.isArray(value) && value.length > 0);
  });
  if (!hasExplicitIp) return undefined;
  try {
    return (await connect().getVSwitch(vSwitchId))?.cidrBlock;
  } catch {
    return undefined;
  }
}
