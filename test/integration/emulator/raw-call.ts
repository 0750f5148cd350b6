import type EcsClient from "@alicloud/ecs20140526";
import type VpcClient from "@alicloud/vpc20160428";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";

/**
 * A signed call through the SDK's own generic `callApi`, with the query given as strings: how
 * tests send what the typed request models cannot (SourceDestCheck=yes) and read the raw JSON
 * body before any model parses it.
 */
export async function rawCall(
  client: EcsClient | VpcClient,
  action: string,
  query: Record<string, string>,
): Promise<Record<string, unknown>> {
  const version = isVpc(client) ? "2016-04-28" : "2014-05-26";
  const params = new $OpenApiUtil.Params({
    action, version, protocol: "HTTPS", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query });
  const response = await client.callApi(params, request, new $dara.RuntimeOptions({}));
  return response.body as Record<string, unknown>;
}

function isVpc(client: EcsClient | VpcClient): boolean {
  // Only the VPC client has DescribeRouteEntryList (ECS has its own DescribeVSwitches).
  return typeof (client as VpcClient).describeRouteEntryList === "function";
}
