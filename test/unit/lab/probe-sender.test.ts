/**
 * The sender programs themselves, run for real on the loopback (no namespace, no root): they put
 * the flow's packets on the wire from the flow's source, and say so when that source is not theirs.
 */
import { createSocket } from "node:dgram";
import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { processRunner } from "../../../simulator/lab/command-runner";
import { SENDER_BIND_FAILED, senderCommand, type ProbeSpec } from "../../../simulator/lab/probe-sender";

const spec = (over: Partial<ProbeSpec>): ProbeSpec => ({ protocol: "udp", src: "127.0.0.1", dst: "127.0.0.1", dstPort: 9, packets: 3, gapMs: 5, lingerMs: 150, ...over });

describe("probe senders", () => {
  it("udp: sends `packets` datagrams from the source to the destination port, then exits 0", async () => {
    const socket = createSocket("udp4");
    const received: string[] = [];
    socket.on("message", (_msg, from) => received.push(from.address));
    await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
    try {
      const port = socket.address().port;
      const result = await processRunner.run(senderCommand(spec({ src: "127.0.0.2", dstPort: port })), { timeoutMs: 5000 });
      expect(result.code).toBe(0);
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual(["127.0.0.2", "127.0.0.2", "127.0.0.2"]);
    } finally {
      socket.close();
    }
  });

  it("tcp: connects from the source address (the SYN is what the check judges), then exits 0", async () => {
    const peers: string[] = [];
    const server = createServer((c) => {
      peers.push(c.remoteAddress ?? "");
      c.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await processRunner.run(senderCommand(spec({ protocol: "tcp", src: "127.0.0.3", dstPort: port })), { timeoutMs: 5000 });
      expect(result.code).toBe(0);
      expect(peers).toEqual(["127.0.0.3"]);
    } finally {
      server.close();
    }
  });

  it.each(["udp", "tcp"] as const)("%s: a source that is not the host's exits with SENDER_BIND_FAILED, naming it", async (protocol) => {
    const result = await processRunner.run(senderCommand(spec({ protocol, src: "192.0.2.77", dstPort: 9 })), { timeoutMs: 5000 });
    expect(result.code).toBe(SENDER_BIND_FAILED);
    expect(result.stderr).toContain("192.0.2.77");
  });

  it("icmp is sent by python3 (raw sockets), with the spec as its argument", () => {
    const argv = senderCommand(spec({ protocol: "icmp" }));
    expect(argv[0]).toBe("python3");
    expect(JSON.parse(argv.at(-1)!)).toMatchObject({ protocol: "icmp", src: "127.0.0.1" });
  });
});
