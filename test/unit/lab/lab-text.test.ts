import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { labUp } from "../../../simulator/lab/lab-lifecycle";
import { describeLabDown, describeLabUp } from "../../../simulator/lab/lab-text";
import { exampleTopology } from "./lab-fixtures";
import { FakeRunner } from "./fake-runner";

describe("lab text answers", () => {
  it("up lists the router, the internet and each instance with its ENIs, addresses, check and forwarding", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eni-sim-lab-text-"));
    try {
      const state = await labUp({ lab: "t", plan: exampleTopology("load-balancer"), stateDir: dir, runner: new FakeRunner(), checkRequirements: false, now: () => new Date(0) });
      expect(describeLabUp(state)).toBe(
        [
          "lab t is up (topology (ap-southeast-1), region ap-southeast-1)",
          "  vpc router  es-t-vpc: br0=vsw-edge 10.0.0.0/24 gw 10.0.0.253, br1=vsw-backend 10.0.1.0/24 gw 10.0.1.253",
          "  internet    es-t-net: uplink 100.127.255.252/30",
          "  i-haproxy   es-t-h0: eth0=eni-haproxy 10.0.0.20,10.0.0.21 check on (forwarding route)",
          "  i-backend-1 es-t-h1: eth0=eni-backend-1 10.0.1.10 check on",
          "  i-backend-2 es-t-h2: eth0=eni-backend-2 10.0.1.11 check on",
          "enter an instance with `eni-sim lab exec --name t <instance> -- <command>`; remove it all with `eni-sim lab down --name t`",
          "",
        ].join("\n"),
      );
      expect(state.createdAt).toBe("1970-01-01T00:00:00.000Z");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("down says what it removed, and when there was no state file", () => {
    expect(describeLabDown({ lab: "t", removedNamespaces: ["es-t-h0", "es-t-vpc"], hadState: true })).toBe("lab t is down: removed es-t-h0, es-t-vpc\n");
    expect(describeLabDown({ lab: "t", removedNamespaces: [], hadState: false })).toBe("lab t is down: no namespace was left (it had no state file)\n");
  });
});
