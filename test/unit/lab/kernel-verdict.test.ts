import { describe, expect, it } from "vitest";
import { buildBlueprint } from "../../../simulator/lab/lab-blueprint";
import { dispositionOf, dropObservations, judgeProbe, splitDrops, type ProbeObservation } from "../../../simulator/lab/kernel-verdict";
import { nftCounter, parseNftTable } from "../../../simulator/lab/nft-observations";
import type { ProbePlan } from "../../../simulator/lab/probe-plan";
import { LabError } from "../../../simulator/lab/errors";
import { exampleTopology } from "./lab-fixtures";

const flow = { name: "app-dns", src: "10.0.1.5", dst: "8.8.8.8", protocol: "udp" as const, dstPort: 53 };
const toInternet: ProbePlan = { flow, forwardSources: ["10.0.1.5", "10.0.0.10"], sender: { namespace: "es-k-h1", label: "i-app (eni-app)", injectSource: false }, arrival: { namespace: "es-k-net", label: "internet", kind: "internet" } };
const toEni: ProbePlan = { ...toInternet, arrival: { namespace: "es-k-h0", label: "i-nat (eni-nat)", kind: "eni", eni: "eni-nat" } };
const nothing = { packets: 0, bytes: 0 };
const drop = (direction: "egress" | "ingress", packets: number) => ({ eni: "eni-nat", direction, packets, bytes: packets * 45, pairs: [] });

describe("dispositionOf", () => {
  it.each<[string, ProbePlan, ProbeObservation, string]>([
    ["arrived at an ENI's host", toEni, { arrived: { packets: 3, bytes: 135 }, arrivedFrom: [], drops: [] }, "ACCEPTED"],
    ["arrived at the internet", toInternet, { arrived: { packets: 1, bytes: 60 }, arrivedFrom: [], drops: [] }, "EXITS_NETWORK"],
    ["arrival wins over a drop seen meanwhile (a reply, an ICMP error)", toInternet, { arrived: { packets: 1, bytes: 60 }, arrivedFrom: [], drops: [drop("ingress", 1)] }, "EXITS_NETWORK"],
    ["dropped leaving an ENI", toInternet, { arrived: nothing, arrivedFrom: [], drops: [drop("egress", 3)] }, "DENIED_EGRESS"],
    ["dropped entering an ENI", toInternet, { arrived: nothing, arrivedFrom: [], drops: [drop("ingress", 3)] }, "DENIED_INGRESS"],
    ["the counter that moved most decides", toInternet, { arrived: nothing, arrivedFrom: [], drops: [drop("egress", 1), drop("ingress", 3)] }, "DENIED_INGRESS"],
    ["nothing arrived, nothing dropped", toInternet, { arrived: nothing, arrivedFrom: [], drops: [] }, "NO_ROUTE"],
  ])("%s", (_what, plan, observation, expected) => {
    expect(dispositionOf(plan, observation)).toBe(expected);
  });
});

describe("judgeProbe", () => {
  it("drop rows carry the address pairs the kernel saw (after NAT), with their counts, and the flow's name", () => {
    const verdict = judgeProbe(toInternet, {
      arrived: nothing,
      arrivedFrom: [],
      drops: [{ eni: "eni-nat", direction: "egress", packets: 2, bytes: 90, pairs: [{ src: "10.0.0.10", dst: "8.8.8.8", packets: 2, bytes: 90 }] }],
    });
    expect(verdict.disposition).toBe("DENIED_EGRESS");
    expect(verdict.drops).toEqual([{ eni: "eni-nat", direction: "egress", reason: "spoofed-source", src: "10.0.0.10", dst: "8.8.8.8", count: 2, bytes: 90, flow: "app-dns", measured: true }]);
    expect(verdict.hops).toEqual([
      "i-app (eni-app) sent udp 10.0.1.5 -> 8.8.8.8:53",
      "eni-nat egress DENIED (spoofed-source: nft dropped 2 packets, 90 bytes; seen 10.0.0.10 -> 8.8.8.8)",
      "nothing arrived at internet",
    ]);
  });

  it("a drop of packets not going to the flow's destination (a late ICMP error of an earlier flow) does not decide", () => {
    const late = { eni: "eni-router-a", direction: "ingress" as const, packets: 1, bytes: 73, pairs: [{ src: "10.1.0.1", dst: "172.16.0.9", packets: 1, bytes: 73 }] };
    const verdict = judgeProbe(toInternet, { arrived: nothing, arrivedFrom: [], drops: [late] });
    expect(verdict.disposition).toBe("NO_ROUTE");
    expect(verdict.drops).toEqual([]);
    expect(verdict.hops).toContain("eni-router-a ingress dropped 1 packets of 10.1.0.1 -> 172.16.0.9: not this flow's packets, an echo of an earlier flow (ignored)");
  });

  it("one counter holding both this flow's packets and an echo is split by address pair", () => {
    const mixed = {
      eni: "eni-nat",
      direction: "ingress" as const,
      packets: 5,
      bytes: 264,
      pairs: [
        { src: "10.0.1.5", dst: "8.8.8.8", packets: 3, bytes: 135 },
        { src: "10.0.0.253", dst: "10.0.1.9", packets: 1, bytes: 73 },
        // To the flow's destination, but from the VPC router: an ICMP error, not the flow.
        { src: "10.0.1.253", dst: "8.8.8.8", packets: 1, bytes: 56 },
      ],
    };
    const { related, unrelated } = splitDrops(toInternet, [mixed]);
    expect(related).toEqual([{ ...mixed, packets: 3, bytes: 135, pairs: [mixed.pairs[0]] }]);
    expect(unrelated).toEqual([{ ...mixed, packets: 2, bytes: 129, pairs: [mixed.pairs[1], mixed.pairs[2]] }]);
  });

  it("without address pairs a drop row falls back to the flow's addresses and the counter's totals", () => {
    const verdict = judgeProbe(toInternet, { arrived: nothing, arrivedFrom: [], drops: [drop("ingress", 3)] });
    expect(verdict.drops).toEqual([{ eni: "eni-nat", direction: "ingress", reason: "not-destination", src: "10.0.1.5", dst: "8.8.8.8", count: 3, bytes: 135, flow: "app-dns", measured: true }]);
  });
});

// Captured from nft 1.0.6 (`nft -j list table bridge enisim_check` in a lab's vpc namespace).
const TABLE_JSON = JSON.stringify({
  nftables: [
    { metainfo: { version: "1.0.6", release_name: "Lester Gooch #5", json_schema_version: 1 } },
    { table: { family: "bridge", name: "enisim_check", handle: 1 } },
    { counter: { family: "bridge", name: "e0_ingress", table: "enisim_check", handle: 2, packets: 3, bytes: 135 } },
    { counter: { family: "bridge", name: "e0_egress", table: "enisim_check", handle: 3, packets: 0, bytes: 0 } },
    {
      set: {
        family: "bridge",
        name: "e0_ingress_seen",
        table: "enisim_check",
        type: ["ipv4_addr", "ipv4_addr"],
        handle: 4,
        size: 4096,
        elem: [{ elem: { val: { concat: ["10.0.1.5", "8.8.8.8"] }, counter: { packets: 3, bytes: 135 } } }],
        stmt: [{ counter: null }],
      },
    },
  ],
});

describe("arrivals", () => {
  it("say where they came from (a NAT on the way shows as its address)", () => {
    const verdict = judgeProbe(toInternet, { arrived: { packets: 3, bytes: 135 }, arrivedFrom: [{ address: "10.0.0.10", packets: 3, bytes: 135 }], drops: [] });
    expect(verdict.hops.at(-1)).toBe("internet received 3 packets (135 bytes) from 10.0.0.10");
    expect(verdict.arrivedFrom).toEqual(["10.0.0.10"]);
  });

  it("single-address sets are read with their counters", () => {
    const json = JSON.stringify({ nftables: [{ set: { name: "arrived_from", elem: [{ elem: { val: "10.0.0.10", counter: { packets: 3, bytes: 135 } } }] } }] });
    expect(parseNftTable(json, "test").addressSets.get("arrived_from")).toEqual([{ address: "10.0.0.10", packets: 3, bytes: 135 }]);
  });
});

describe("nft observations", () => {
  it("reads counters and address pairs, and keeps only the ENI counters that moved", () => {
    const counts = parseNftTable(TABLE_JSON, "test");
    expect(counts.counters.get("e0_ingress")).toEqual({ packets: 3, bytes: 135 });
    expect(counts.sets.get("e0_ingress_seen")).toEqual([{ src: "10.0.1.5", dst: "8.8.8.8", packets: 3, bytes: 135 }]);
    const b = buildBlueprint("k", exampleTopology("nat-instance"));
    expect(dropObservations(b, counts)).toEqual([{ eni: "eni-nat", direction: "ingress", packets: 3, bytes: 135, pairs: [{ src: "10.0.1.5", dst: "8.8.8.8", packets: 3, bytes: 135 }] }]);
  });

  it("a missing counter or output that is not nft JSON is an error, never a silent zero", () => {
    expect(() => nftCounter(parseNftTable(TABLE_JSON, "test"), "arrived", "test")).toThrow(LabError);
    expect(() => parseNftTable("Error: No such file or directory", "test")).toThrow(/no JSON/);
    expect(() => parseNftTable("{}", "test")).toThrow(/nftables/);
  });
});
