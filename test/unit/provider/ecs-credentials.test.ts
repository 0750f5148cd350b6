import { afterEach, describe, expect, it } from "vitest";
import {
  currentRegionOrUndefined, forgetPulumiConfig, parseEndpoint, rememberPulumiConfig, resolveSettings, sdkConfig,
} from "../../../provider/ecs/credentials";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("parseEndpoint", () => {
  it.each<[string, string, string]>([
    ["127.0.0.1:8080", "127.0.0.1:8080", "http"],
    ["localhost:9000", "localhost:9000", "http"],
    ["http://127.0.0.1:8080/", "127.0.0.1:8080", "http"],
    ["https://127.0.0.1:8443", "127.0.0.1:8443", "https"],
    ["ecs.cn-hangzhou.aliyuncs.com", "ecs.cn-hangzhou.aliyuncs.com", "https"],
    ["[::1]:8080", "[::1]:8080", "http"],
  ])("%s", (raw, host, protocol) => {
    expect(parseEndpoint(raw, "ECS endpoint")).toEqual({ host, protocol });
  });
  it("rejects a path", () => {
    expect(() => parseEndpoint("http://h/x/y", "ECS endpoint")).toThrow(/ECS endpoint is "http:\/\/h\/x\/y"; allowed/);
  });
});

describe("resolveSettings", () => {
  it("prefers Pulumi config over the environment", () => {
    const settings = resolveSettings(
      config({ "alicloud:region": "cn-beijing", "alicloud:accessKey": "AK", "alicloud:secretKey": "SK", "alicloud:ecsEndpoint": "127.0.0.1:1" }),
      { ALIBABA_CLOUD_REGION: "cn-hangzhou", ALIBABA_CLOUD_ECS_ENDPOINT: "127.0.0.1:2" },
    );
    expect(settings).toEqual({
      region: "cn-beijing", ecsEndpoint: { host: "127.0.0.1:1", protocol: "http" }, vpcEndpoint: { host: "127.0.0.1:1", protocol: "http" },
      accessKey: { id: "AK", secret: "SK", securityToken: undefined },
    });
  });
  it("falls back to the environment and the default credential chain", () => {
    const settings = resolveSettings(undefined, { ALIBABA_CLOUD_REGION: "cn-hangzhou", ALIBABA_CLOUD_ECS_ENDPOINT: "ecs.example.com", ALIBABA_CLOUD_VPC_ENDPOINT: "vpc.example.com" });
    expect(settings).toEqual({ region: "cn-hangzhou", ecsEndpoint: { host: "ecs.example.com", protocol: "https" }, vpcEndpoint: { host: "vpc.example.com", protocol: "https" }, accessKey: undefined });
  });
  it("a custom cloud ECS endpoint does not become the VPC endpoint", () => {
    expect(resolveSettings(undefined, { ALIBABA_CLOUD_REGION: "r", ALIBABA_CLOUD_ECS_ENDPOINT: "ecs.example.com" }).vpcEndpoint).toBeUndefined();
  });
  it("names what is missing", () => {
    expect(() => resolveSettings(undefined, {})).toThrow(/set Pulumi config alicloud:region or the environment variable ALIBABA_CLOUD_REGION/);
    expect(() => resolveSettings(config({ "alicloud:region": "r", "alicloud:accessKey": "AK" }), {})).toThrow(/sets only one of alicloud:accessKey and alicloud:secretKey/);
  });
  it("builds an SDK config with the chain when no keys are configured", () => {
    const built = sdkConfig(resolveSettings(undefined, { ALIBABA_CLOUD_REGION: "r" }), undefined, { readMs: 1, connectMs: 1 });
    expect(built.accessKeyId).toBeUndefined();
    expect(built.credential).toBeDefined();
  });
});

describe("remembered Pulumi config", () => {
  afterEach(() => forgetPulumiConfig());
  it("is read back for the region", () => {
    rememberPulumiConfig(config({ "alicloud:region": "eu-west-1" }));
    expect(currentRegionOrUndefined()).toBe("eu-west-1");
  });
});
