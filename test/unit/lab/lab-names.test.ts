import { describe, expect, it } from "vitest";
import { LabError } from "../../../simulator/lab/errors";
import { bridgeName, ethName, hostNamespace, internetNamespace, isLabNamespace, MAX_IFNAME_LENGTH, portName, UPLINK_INTERNET, UPLINK_VPC, validateLabName, vpcNamespace } from "../../../simulator/lab/lab-names";

describe("lab names", () => {
  it.each(["a", "nat", "ci-42", "0lab", "a".repeat(24)])("accepts lab name %s", (name) => {
    expect(validateLabName(name)).toBe(name);
  });

  it.each<[unknown, string]>([["", "empty"], ["-x", "leading dash"], ["Lab", "upper case"], ["a b", "space"], ["a/b", "slash"], ["a".repeat(25), "too long"], [7, "not a string"]])(
    "refuses lab name %j (%s) with INVALID_LAB_NAME naming the value",
    (name) => {
      const error = (() => {
        try {
          validateLabName(name);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).code).toBe("INVALID_LAB_NAME");
      expect((error as LabError).message).toContain(JSON.stringify(name));
    },
  );

  it("derives namespaces from the lab name, and knows only its own", () => {
    expect([vpcNamespace("x"), internetNamespace("x"), hostNamespace("x", 3)]).toEqual(["es-x-vpc", "es-x-net", "es-x-h3"]);
    expect(isLabNamespace("x", "es-x-h12")).toBe(true);
    expect(isLabNamespace("x", "es-x-vpc")).toBe(true);
    expect(isLabNamespace("x", "es-xy-vpc")).toBe(false);
    expect(isLabNamespace("x", "es-x-h1-other")).toBe(false);
    expect(isLabNamespace("x", "es-y-net")).toBe(false);
  });

  it("keeps interface names within IFNAMSIZ even for large ordinals", () => {
    for (const name of [bridgeName(9999), portName(99999), ethName(99), UPLINK_VPC, UPLINK_INTERNET]) {
      expect(name.length).toBeLessThanOrEqual(MAX_IFNAME_LENGTH);
    }
  });
});
