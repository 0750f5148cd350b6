import type EcsClient from "@alicloud/ecs20140526";
import * as $Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import * as $Vpc from "@alicloud/vpc20160428";
import { describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../../emulator/actions/action";
import { badRequest } from "../../../emulator/errors";
import { clearRequestLog, requestLog } from "../../support/emulator-control";
import { ecsClient, withEmulator } from "../../support/sdk-clients";

/**
 * Protocol-level tests: a tiny action table stands in for the real one, so these pin the HTTP
 * edge (signatures, routing, envelopes) independently of the ECS semantics.
 */
const bugs: unknown[] = [];
const ACTIONS: ActionDefinition[] = [
  {
    product: "Ecs",
    name: "DescribeNetworkInterfaces",
    mutates: false,
    handle: (ctx) => ({ TotalCount: ctx.params.size, NetworkInterfaceSets: { NetworkInterfaceSet: [] }, Caller: ctx.accessKeyId }),
  },
  { product: "Vpc", name: "DescribeVpcs", mutates: false, handle: () => ({ TotalCount: 0, Vpcs: { Vpc: [] } }) },
  {
    product: "Ecs",
    name: "DeleteNetworkInterface",
    mutates: false,
    handle: () => {
      throw badRequest("InvalidOperation.InvalidEniState", "The ENI is in use.");
    },
  },
  {
    product: "Ecs",
    name: "DescribeInstances",
    mutates: false,
    handle: () => {
      throw new TypeError("a bug in an action");
    },
  },
];

const fx = withEmulator({
  actions: ACTIONS,
  credentials: [
    { accessKeyId: "LTAI5tEmulatorDevKey00001", accessKeySecret: "EmulatorDevSecret0000000000000000" },
    { accessKeyId: "LTAI-second", accessKeySecret: "second-secret" },
  ],
  reportBug: (error) => bugs.push(error),
});

const REGION = "cn-hangzhou";
const describeEnis = (client: EcsClient) =>
  client.describeNetworkInterfaces(new $Ecs.DescribeNetworkInterfacesRequest({ regionId: REGION }));

/** The SDK's error, which carries `code`, `statusCode` and (for throttling) `retryAfter`. */
async function sdkError(call: Promise<unknown>): Promise<{ code: string; statusCode: number; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; statusCode: number; data: Record<string, unknown> };
  }
  throw new Error("expected the call to fail");
}

const oldDate = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("ACS3-HMAC-SHA256 through the official SDK", () => {
  it("accepts the SDK's signed request and hands the action its flattened parameters, minus protocol ones", async () => {
    await clearRequestLog(fx.emulator);
    const response = await fx.ecs.describeNetworkInterfaces(
      new $Ecs.DescribeNetworkInterfacesRequest({
        regionId: REGION,
        networkInterfaceId: ["eni-1", "eni-2"],
        tag: [new $Ecs.DescribeNetworkInterfacesRequestTag({ key: "team a", value: "net*(ops)" })],
        maxResults: 10,
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body?.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    const [entry] = await requestLog(fx.emulator, "DescribeNetworkInterfaces");
    expect(entry).toMatchObject({ product: "Ecs", status: 200, code: null });
    expect(entry?.params).toEqual({
      RegionId: REGION,
      "NetworkInterfaceId.1": "eni-1",
      "NetworkInterfaceId.2": "eni-2",
      "Tag.1.Key": "team a",
      "Tag.1.Value": "net*(ops)",
      MaxResults: "10",
    });
  });

  it("routes the VPC product on its own version", async () => {
    const response = await fx.vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: REGION }));
    expect(response.body?.totalCount).toBe(0);
  });

  it("accepts a second configured key pair and tells the action who called", async () => {
    const client = ecsClient(fx.emulator, { accessKeyId: "LTAI-second", accessKeySecret: "second-secret" });
    const response = await client.callApi(
      new $OpenApiUtil.Params({
        action: "DescribeNetworkInterfaces", version: "2014-05-26", protocol: "HTTP", pathname: "/", method: "POST",
        authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
      }),
      new $OpenApiUtil.OpenApiRequest({ query: { RegionId: REGION } }),
      {} as Parameters<EcsClient["callApi"]>[2],
    );
    expect((response as { body: Record<string, unknown> }).body).toMatchObject({ Caller: "LTAI-second", TotalCount: 1 });
  });

  it("rejects a wrong secret with SignatureDoesNotMatch (400)", async () => {
    const error = await sdkError(describeEnis(ecsClient(fx.emulator, { accessKeySecret: "not-the-secret" })));
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400 });
    expect(error.data).toMatchObject({ Code: "SignatureDoesNotMatch", RequestId: expect.any(String), Message: expect.any(String) });
  });

  it("rejects an unknown AccessKey id with InvalidAccessKeyId.NotFound (404)", async () => {
    const error = await sdkError(describeEnis(ecsClient(fx.emulator, { accessKeyId: "LTAI-nobody" })));
    expect(error).toMatchObject({ code: "InvalidAccessKeyId.NotFound", statusCode: 404 });
  });

  it("rejects an x-acs-date 20 minutes old with InvalidTimeStamp.Expired (400)", async () => {
    const globalParameters = new $OpenApiUtil.GlobalParameters({ headers: { "x-acs-date": oldDate(20) } });
    const error = await sdkError(describeEnis(ecsClient(fx.emulator, { globalParameters })));
    expect(error).toMatchObject({ code: "InvalidTimeStamp.Expired", statusCode: 400 });
  });

  it("accepts an x-acs-date 10 minutes old", async () => {
    const globalParameters = new $OpenApiUtil.GlobalParameters({ headers: { "x-acs-date": oldDate(10) } });
    expect((await describeEnis(ecsClient(fx.emulator, { globalParameters }))).statusCode).toBe(200);
  });

  it("rejects a reused signature nonce with SignatureNonceUsed (400)", async () => {
    const nonce = `fixed-nonce-${Date.now()}`;
    const client = ecsClient(fx.emulator, { globalParameters: new $OpenApiUtil.GlobalParameters({ headers: { "x-acs-signature-nonce": nonce } }) });
    expect((await describeEnis(client)).statusCode).toBe(200);
    const error = await sdkError(describeEnis(client));
    expect(error).toMatchObject({ code: "SignatureNonceUsed", statusCode: 400 });
  });

  it("answers an unknown action with InvalidAction.NotFound (404)", async () => {
    const call = fx.ecs.callApi(
      new $OpenApiUtil.Params({
        action: "DescribeEverything", version: "2014-05-26", protocol: "HTTP", pathname: "/", method: "POST",
        authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
      }),
      new $OpenApiUtil.OpenApiRequest({ query: { RegionId: REGION } }),
      {} as Parameters<EcsClient["callApi"]>[2],
    );
    expect(await sdkError(call)).toMatchObject({ code: "InvalidAction.NotFound", statusCode: 404 });
  });

  it("renders an action's ApiError as the cloud's envelope", async () => {
    const call = fx.ecs.deleteNetworkInterface(new $Ecs.DeleteNetworkInterfaceRequest({ regionId: REGION, networkInterfaceId: "eni-1" }));
    const error = await sdkError(call);
    expect(error).toMatchObject({ code: "InvalidOperation.InvalidEniState", statusCode: 400 });
    expect(Object.keys(error.data).sort()).toEqual(["Code", "Message", "RequestId"]);
  });

  it("answers an unexpected exception with InternalError (500) and reports it", async () => {
    const error = await sdkError(fx.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })));
    expect(error).toMatchObject({ code: "InternalError", statusCode: 500 });
    expect(bugs.at(-1)).toBeInstanceOf(TypeError);
  });
});

describe("legacy HMAC-SHA1 through the official SDK (signatureAlgorithm v2)", () => {
  it("accepts the legacy query signature", async () => {
    const response = await describeEnis(ecsClient(fx.emulator, { signatureAlgorithm: "v2" }));
    expect(response.statusCode).toBe(200);
    const entries = await requestLog(fx.emulator, "DescribeNetworkInterfaces");
    // Signature, AccessKeyId, Timestamp, SignatureNonce ... never reach the action.
    expect(Object.keys(entries.at(-1)?.params ?? {})).toEqual(["RegionId"]);
  });

  it("rejects a wrong secret with SignatureDoesNotMatch", async () => {
    const error = await sdkError(describeEnis(ecsClient(fx.emulator, { signatureAlgorithm: "v2", accessKeySecret: "wrong" })));
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 400 });
  });
});

describe("legacy HMAC-SHA1 routing (hand-made HTTP, signed with the SDK's signer)", () => {
  it("routes on the signed Action parameter, not on an unsigned x-acs-action header", async () => {
    const params: Record<string, string> = {
      Action: "DescribeNetworkInterfaces", Version: "2014-05-26", Format: "JSON", RegionId: REGION,
      AccessKeyId: fx.emulator.credentials.accessKeyId, SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0",
      SignatureNonce: `legacy-${Date.now()}`, Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    params["Signature"] = OpenApiUtil.getRPCSignature(params, "GET", fx.emulator.credentials.accessKeySecret);
    const response = await fetch(`${fx.emulator.url}/?${new URLSearchParams(params).toString()}`, {
      headers: { "x-acs-action": "DeleteNetworkInterface", "x-acs-version": "2014-05-26" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ TotalCount: 1 });
  });
});

describe("missing or malformed authentication (hand-made HTTP)", () => {
  const post = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${fx.emulator.url}/?RegionId=${REGION}`, {
      method: "POST",
      headers: { "x-acs-action": "DescribeNetworkInterfaces", "x-acs-version": "2014-05-26", ...headers },
    });

  it("answers a request without Authorization with IncompleteSignature (400)", async () => {
    const response = await post({});
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ Code: "IncompleteSignature", RequestId: expect.any(String) });
  });

  it.each([
    ["an unsupported algorithm", "ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00"],
    ["a header without Signature", "ACS3-HMAC-SHA256 Credential=LTAI5tEmulatorDevKey00001,SignedHeaders=host"],
  ])("answers %s with IncompleteSignature (400)", async (_name, authorization) => {
    const response = await post({ authorization });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Code: string }).Code).toBe("IncompleteSignature");
  });

  it("answers another path with InvalidAction.NotFound and another method with UnsupportedHTTPMethod", async () => {
    expect((await fetch(`${fx.emulator.url}/v1/things`, { method: "POST" })).status).toBe(404);
    const put = await fetch(`${fx.emulator.url}/`, { method: "PUT" });
    expect(put.status).toBe(403);
    expect(((await put.json()) as { Code: string }).Code).toBe("UnsupportedHTTPMethod");
  });
});
