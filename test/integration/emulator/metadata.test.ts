import * as $ecs from "@alicloud/ecs20140526";
import { describe, expect, it } from "vitest";
import { withEmulator } from "../../support/sdk-clients";
import { IMAGE, REGION, SG_NAT, SG_WEB, VSW_PRIVATE, VSW_PUBLIC } from "../../support/default-seed-ids";

// Instant lifecycles: instances are Running as soon as RunInstances answers.
const INSTANT = { eniAttachMs: 0, eniDetachMs: 0, instanceCreateMs: 0, instanceStartMs: 0, instanceStopMs: 0, routeEntryMs: 0 };
const clock = { t: Date.now() };
const fx = withEmulator({ transitions: INSTANT, metadataPort: 0, metadataClock: () => clock.t });

type Tokens = "optional" | "required";

async function runInstance(httpTokens: Tokens, extra: Partial<$ecs.RunInstancesRequest> = {}): Promise<string> {
  const { body } = await fx.ecs.runInstances(new $ecs.RunInstancesRequest({
    regionId: REGION, imageId: IMAGE, instanceType: "ecs.g7.large", vSwitchId: VSW_PRIVATE, securityGroupId: SG_WEB, httpTokens, ...extra,
  }));
  return body!.instanceIdSets!.instanceIdSet![0]!;
}

function modifyMetadata(instanceId: string, httpEndpoint: "enabled" | "disabled", httpTokens?: Tokens) {
  return fx.ecs.modifyInstanceMetadataOptions(new $ecs.ModifyInstanceMetadataOptionsRequest({ regionId: REGION, instanceId, httpEndpoint, ...(httpTokens ? { httpTokens } : {}) }));
}

interface Answer {
  status: number;
  body: string;
  code: string | null;
}

/** A plain HTTP call, as curl on the instance would make it; `as` names the asking instance. */
async function imds(method: "GET" | "PUT" | "POST", path: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${fx.emulator.metadataEndpoint!}${path}`, { method, headers, signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: await res.text(), code: res.headers.get("x-emulator-error-code") };
}

const get = (instanceId: string, path: string, token?: string) =>
  imds("GET", `/latest/meta-data/${path}`, { "X-Emulator-Instance-Id": instanceId, ...(token === undefined ? {} : { "X-aliyun-ecs-metadata-token": token }) });

async function token(instanceId: string, ttl = "60", extra: Record<string, string> = {}): Promise<Answer> {
  return imds("PUT", "/latest/api/token", { "X-Emulator-Instance-Id": instanceId, "X-aliyun-ecs-metadata-token-ttl-seconds": ttl, ...extra });
}

async function tokenOf(instanceId: string, ttl = "60"): Promise<string> {
  const answer = await token(instanceId, ttl);
  expect(answer.status).toBe(200);
  return answer.body;
}

describe("instance metadata service", () => {
  it("listens on its own endpoint beside the API", () => {
    expect(fx.emulator.metadataEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fx.emulator.metadataEndpoint).not.toBe(fx.emulator.url);
  });

  it("answers an optional-mode instance without a token: items, listings, the ENIs by MAC, 404 for the rest", async () => {
    const id = await runInstance("optional", {
      hostName: "web-1",
      networkInterface: [
        new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Primary" }),
        new $ecs.RunInstancesRequestNetworkInterface({ instanceType: "Secondary", vSwitchId: VSW_PUBLIC, securityGroupIds: [SG_NAT] }),
      ],
    });
    const described = (await fx.ecs.describeInstances(new $ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }))).body!.instances!.instance![0]!;
    const enis = described.networkInterfaces!.networkInterface!;
    const primary = enis.find((e) => e.type === "Primary")!;
    const secondary = enis.find((e) => e.type === "Secondary")!;

    expect(await get(id, "instance-id")).toEqual({ status: 200, body: id, code: null });
    expect((await get(id, "hostname")).body).toBe("web-1");
    expect((await get(id, "image-id")).body).toBe(IMAGE);
    expect((await get(id, "instance/instance-type")).body).toBe("ecs.g7.large");
    expect((await get(id, "region-id")).body).toBe(REGION);
    expect((await get(id, "zone-id")).body).toBe(described.zoneId);
    expect((await get(id, "vpc-id")).body).toBe(described.vpcAttributes!.vpcId);
    expect((await get(id, "vswitch-id")).body).toBe(VSW_PRIVATE);
    expect((await get(id, "private-ipv4")).body).toBe(primary.primaryIpAddress);
    expect((await get(id, "mac")).body).toBe(primary.macAddress);

    const listing = (await get(id, "")).body.split("\n");
    expect(listing).toEqual(expect.arrayContaining(["instance-id", "hostname", "instance/", "network/", "private-ipv4", "mac"]));
    expect((await get(id, "network/interfaces/macs/")).body.split("\n").sort()).toEqual([`${primary.macAddress}/`, `${secondary.macAddress}/`].sort());
    const eth1 = `network/interfaces/macs/${secondary.macAddress}/`;
    expect((await get(id, `${eth1}network-interface-id`)).body).toBe(secondary.networkInterfaceId);
    expect((await get(id, `${eth1}primary-ip-address`)).body).toBe(secondary.primaryIpAddress);
    expect(JSON.parse((await get(id, `${eth1}private-ipv4s`)).body)).toEqual([secondary.primaryIpAddress]);
    expect((await get(id, `${eth1}vswitch-id`)).body).toBe(VSW_PUBLIC);
    expect((await get(id, `${eth1}vswitch-cidr-block`)).body).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect((await get(id, `${eth1}netmask`)).body).toMatch(/^255\./);
    expect((await get(id, `${eth1}gateway`)).body).toMatch(/\.253$/);

    expect(await get(id, "no-such-item")).toMatchObject({ status: 404, code: "PATH_NOT_FOUND" });
    expect(await get(id, "network/interfaces/macs/00:00:00:00:00:00/vpc-id")).toMatchObject({ status: 404 });
    expect((await imds("GET", "/latest/user-data-nope", { "X-Emulator-Instance-Id": id })).status).toBe(404);
    expect(await imds("POST", "/latest/meta-data/instance-id", { "X-Emulator-Instance-Id": id })).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
    expect(await imds("GET", "/latest/api/token", { "X-Emulator-Instance-Id": id })).toMatchObject({ status: 405 });
  });

  it("refuses a required-mode instance without a token, answers with one", async () => {
    const id = await runInstance("required");
    expect(await get(id, "instance-id")).toMatchObject({ status: 401, code: "TOKEN_REQUIRED" });
    const t = await tokenOf(id, "21600");
    expect(await get(id, "instance-id", t)).toEqual({ status: 200, body: id, code: null });
    expect(await get(id, "instance-id", "not-a-token")).toMatchObject({ status: 401, code: "TOKEN_INVALID" });
  });

  it("checks the TTL header: 1..21600, else 400", async () => {
    const id = await runInstance("required");
    for (const ttl of ["0", "21601", "abc", "-1"]) expect(await token(id, ttl)).toMatchObject({ status: 400, code: "TOKEN_TTL_INVALID" });
    const none = await imds("PUT", "/latest/api/token", { "X-Emulator-Instance-Id": id });
    expect(none).toMatchObject({ status: 400, code: "TOKEN_TTL_MISSING" });
    expect(none.body).toContain("X-aliyun-ecs-metadata-token-ttl-seconds");
    expect((await token(id, "1")).status).toBe(200);
  });

  it("refuses a token request that carries X-Forwarded-For", async () => {
    const id = await runInstance("required");
    expect(await token(id, "60", { "X-Forwarded-For": "203.0.113.9" })).toMatchObject({ status: 403, code: "FORWARDED_TOKEN_REQUEST" });
  });

  it("refuses another instance's token, in both modes", async () => {
    const a = await runInstance("required");
    const b = await runInstance("required");
    const c = await runInstance("optional");
    const tokenOfA = await tokenOf(a);
    expect((await get(a, "instance-id", tokenOfA)).status).toBe(200);
    expect(await get(b, "instance-id", tokenOfA)).toMatchObject({ status: 401, code: "TOKEN_INVALID" });
    expect(await get(c, "instance-id", tokenOfA)).toMatchObject({ status: 401, code: "TOKEN_INVALID" });
  });

  it("refuses a token once its TTL has passed (injected clock)", async () => {
    const id = await runInstance("required");
    const t = await tokenOf(id, "5");
    clock.t += 4_999;
    expect((await get(id, "instance-id", t)).status).toBe(200);
    clock.t += 1;
    expect(await get(id, "instance-id", t)).toMatchObject({ status: 401, code: "TOKEN_EXPIRED" });
    expect((await get(id, "instance-id", await tokenOf(id, "5"))).status).toBe(200);
  });

  it("follows ModifyInstanceMetadataOptions: optional → required → disabled → enabled", async () => {
    const id = await runInstance("optional");
    expect((await get(id, "instance-id")).status).toBe(200);
    await modifyMetadata(id, "enabled", "required");
    expect(await get(id, "instance-id")).toMatchObject({ status: 401, code: "TOKEN_REQUIRED" });
    const t = await tokenOf(id);
    expect((await get(id, "instance-id", t)).status).toBe(200);

    await modifyMetadata(id, "disabled");
    expect(await get(id, "instance-id", t)).toMatchObject({ status: 403, code: "ENDPOINT_DISABLED" });
    expect(await token(id)).toMatchObject({ status: 403, code: "ENDPOINT_DISABLED" });

    await modifyMetadata(id, "enabled", "optional");
    expect((await get(id, "instance-id")).status).toBe(200);
    // The token issued before still works: disabling did not revoke the session.
    expect((await get(id, "instance-id", t)).status).toBe(200);
  });

  it("refuses an instance launched with the endpoint disabled", async () => {
    const id = await runInstance("optional", { httpEndpoint: "disabled" });
    expect(await get(id, "instance-id")).toMatchObject({ status: 403, code: "ENDPOINT_DISABLED" });
  });

  it("finds the caller by an ENI IP, and says how to name it when it cannot tell", async () => {
    const id = await runInstance("optional");
    const ip = (await get(id, "private-ipv4")).body;
    expect((await imds("GET", "/latest/meta-data/instance-id", { "X-Emulator-Source-Ip": ip })).body).toBe(id);
    const unknown = await imds("GET", "/latest/meta-data/instance-id", { "X-Emulator-Source-Ip": "192.0.2.77" });
    expect(unknown).toMatchObject({ status: 400, code: "CALLER_UNKNOWN" });
    expect(unknown.body).toContain("192.0.2.77");
    const ambiguous = await imds("GET", "/latest/meta-data/instance-id", {});
    expect(ambiguous).toMatchObject({ status: 400, code: "CALLER_AMBIGUOUS" });
    expect(ambiguous.body).toContain("X-Emulator-Instance-Id");
    expect(await get("i-doesnotexist", "instance-id")).toMatchObject({ status: 400, code: "CALLER_UNKNOWN" });
  });

  it("does not answer for a stopped instance", async () => {
    const id = await runInstance("optional");
    await fx.ecs.stopInstance(new $ecs.StopInstanceRequest({ instanceId: id }));
    expect(await get(id, "instance-id")).toMatchObject({ status: 409, code: "INSTANCE_NOT_RUNNING" });
  });
});
