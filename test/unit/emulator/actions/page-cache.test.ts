import type { ServerResponse } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RENDERED_JSON } from "../../../../emulator/actions/action";
import { ACTIONS } from "../../../../emulator/actions/index";
import { writeResult } from "../../../../emulator/http/response-writer";
import { EmulatorStore } from "../../../../emulator/state/store";
import { DURATIONS, REGION, SG, VSW, eniInput, launchInput, makeStore } from "../state/store-fixture";

const describeEnis = ACTIONS.find((a) => a.name === "DescribeNetworkInterfaces")!;
const PAGES: Record<string, string>[] = [
  { RegionId: REGION, VSwitchId: VSW.private, MaxResults: "2" },
  { RegionId: REGION, MaxResults: "3" },
  { RegionId: REGION, Status: "InUse" },
  { RegionId: REGION, VSwitchId: VSW.private, PageNumber: "2", PageSize: "1" },
];

/** The text the HTTP layer would send for this body (writeResult's choice). */
function served(body: Record<string, unknown>): string {
  const rendered = (body as { [RENDERED_JSON]?: unknown })[RENDERED_JSON];
  return Buffer.isBuffer(rendered) ? rendered.toString("utf8") : JSON.stringify(body);
}

function call(store: EmulatorStore, page: number): Record<string, unknown> {
  return describeEnis.handle({ action: describeEnis.name, params: new Map(Object.entries(PAGES[page]!)), store, requestId: "r", accessKeyId: "ak" });
}

type Op =
  | { kind: "create" }
  | { kind: "rename"; eni: number; name: string }
  | { kind: "attach"; eni: number }
  | { kind: "detach"; eni: number }
  | { kind: "tag"; eni: number }
  | { kind: "clock"; ms: number }
  | { kind: "describe"; page: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: "create" as const }),
  fc.record({ kind: fc.constant("rename" as const), eni: fc.nat(5), name: fc.constantFrom("a", "b", "c\"d") }),
  fc.record({ kind: fc.constant("attach" as const), eni: fc.nat(5) }),
  fc.record({ kind: fc.constant("detach" as const), eni: fc.nat(5) }),
  fc.record({ kind: fc.constant("tag" as const), eni: fc.nat(5) }),
  fc.record({ kind: fc.constant("clock" as const), ms: fc.integer({ min: -30, max: 150 }) }),
  { arbitrary: fc.record({ kind: fc.constant("describe" as const), page: fc.nat(PAGES.length - 1) }), weight: 6 },
);

describe("DescribeNetworkInterfaces page cache", () => {
  it("answers every call exactly as a fresh read of the same state at the same instant", () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 50 }), (ops) => {
        const { store, clock } = makeStore();
        const [instanceId] = store.launchInstances(launchInput());
        clock.t += 200;
        for (let i = 0; i < 3; i++) store.createNetworkInterface(eniInput());
        const last = new Map<number, Record<string, unknown>>();
        const eniAt = (n: number) => { const all = store.describeNetworkInterfaces({ regionId: REGION }); return all[n % all.length]!.id; };
        for (const step of ops) {
          try {
            switch (step.kind) {
              case "create": store.createNetworkInterface(eniInput({ securityGroupIds: [SG.web] })); break;
              case "rename": store.modifyNetworkInterface(eniAt(step.eni), REGION, { name: step.name }); break;
              case "attach": store.attachNetworkInterface(eniAt(step.eni), instanceId!, REGION); break;
              case "detach": store.detachNetworkInterface(eniAt(step.eni), instanceId!, REGION); break;
              case "tag": store.tagResources("eni", [eniAt(step.eni)], [{ key: "k", value: String(clock.t) }], REGION); break;
              case "clock": clock.t += step.ms; break;
              case "describe": {
                const body = call(store, step.page);
                if (last.get(step.page) === body) hits++;
                last.set(step.page, body);
                const fresh = EmulatorStore.restore(store.snapshot(), { now: () => clock.t, transitions: DURATIONS });
                expect(served(body)).toBe(served(call(fresh, step.page)));
                expect(served(body)).toBe(JSON.stringify(body));
                break;
              }
              default: { const unreachable: never = step; throw new Error(String(unreachable)); }
            }
          } catch (error) {
            if (step.kind === "describe") throw error;
          }
        }
      }),
      { numRuns: 80, seed: 20261122 },
    );
    // The cache must actually answer some calls, or this test proves nothing about it.
    expect(hits).toBeGreaterThan(20);
  });

  it("serves a cached page only until a transition on it lands, and not to a clock set back", () => {
    const { store, clock } = makeStore();
    const [instanceId] = store.launchInstances(launchInput());
    clock.t += 200;
    const eni = store.createNetworkInterface(eniInput());
    store.attachNetworkInterface(eni.id, instanceId!, REGION);
    const statusOf = (body: Record<string, unknown>): unknown =>
      (JSON.parse(served(body)) as { NetworkInterfaceSets: { NetworkInterfaceSet: { Status: string }[] } }).NetworkInterfaceSets.NetworkInterfaceSet[1]!.Status; // [0] is the instance's primary ENI
    const first = call(store, 0);
    expect(statusOf(first)).toBe("Attaching");
    clock.t += DURATIONS.eniAttachMs - 1;
    expect(call(store, 0)).toBe(first);
    clock.t += 1;
    const landed = call(store, 0);
    expect(statusOf(landed)).toBe("InUse");
    expect(call(store, 0)).toBe(landed);
    clock.t -= 1;
    expect(statusOf(call(store, 0))).toBe("Attaching");
  });
});

describe("writeResult with an already rendered body", () => {
  /** The bytes and content-length writeResult produces, through a stand-in response. */
  function written(body: Record<string, unknown>): { bytes: string; length: unknown } {
    let length: unknown;
    let bytes = "";
    const res = {
      writeHead: (_status: number, headers: Record<string, unknown>) => { length = headers["content-length"]; },
      // A cached page goes out as two chunks (RequestId prefix, shared bytes) of one response.
      write: (chunk: Buffer | string) => { bytes += chunk.toString(); },
      end: (chunk: Buffer | string) => { bytes += chunk.toString(); },
    };
    writeResult(res as unknown as ServerResponse, "REQ-1", body);
    return { bytes, length };
  }

  it("sends the same bytes and length as serializing the body", () => {
    const body = { TotalCount: 1, Name: "név \"q\"", List: [{ A: true }] };
    const rendered = Object.defineProperty({ ...body }, RENDERED_JSON, { value: Buffer.from(JSON.stringify(body)), enumerable: false });
    const expected = `{"RequestId":"REQ-1",${JSON.stringify(body).slice(1)}`;
    expect(written(body)).toEqual({ bytes: expected, length: Buffer.byteLength(expected) });
    expect(written(rendered)).toEqual({ bytes: expected, length: Buffer.byteLength(expected) });
    const empty = Object.defineProperty({}, RENDERED_JSON, { value: Buffer.from("{}"), enumerable: false });
    expect(written(empty).bytes).toBe('{"RequestId":"REQ-1"}');
  });
});
