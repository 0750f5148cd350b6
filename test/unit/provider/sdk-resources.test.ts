import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

const created: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      created.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
      return { id: `${args.name}-id`, state: { ...args.inputs, kind: `alicloud-eni:${args.type.split(":").pop()}` } };
    },
    call: () => ({}),
  }, "proj", "dev", false);
});

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}

describe("sdk resource classes", () => {
  it("register under pulumi-nodejs:dynamic/alicloud-eni:<Type> with the URN as a hidden input", async () => {
    const { NetworkInterface, Instance, RouteEntry } = await import("../../../sdk/index");
    const eni = new NetworkInterface("eni", { vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], sourceDestCheck: false });
    const instance = new Instance("vm", { vSwitchId: "vsw-1", securityGroupIds: ["sg-1"], instanceType: "t", imageId: "img", metadataOptions: { httpTokens: "required" } });
    new RouteEntry("route", { routeTableId: "vtb-1", destinationCidrBlock: "0.0.0.0/0", nextHopType: "NetworkInterface", nextHopId: eni.id });
    expect(await resolve(eni.kind)).toBe("alicloud-eni:NetworkInterface");
    expect(await resolve(instance.metadataOptions)).toEqual({ httpTokens: "required" });
    await expect.poll(() => created.length).toBe(3);
    expect(created.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/alicloud-eni:Instance", "pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface", "pulumi-nodejs:dynamic/alicloud-eni:RouteEntry",
    ]);
    expect(created.find((r) => r.name === "eni")?.inputs).toMatchObject({
      vSwitchId: "vsw-1", sourceDestCheck: false,
      __urn: "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/alicloud-eni:NetworkInterface::eni",
      __provider: expect.stringContaining("exports.handler"),
    });
  }, 60_000);
});
