/**
 * The programs that put a declared flow's packets on the wire from inside a namespace: Node for
 * tcp (a connect: the SYN is what the check judges; the handshake need not complete) and udp (a
 * few datagrams), python3 for icmp (Node has no raw sockets). Each is bounded by its own timer
 * and by the runner's timeout, binds the flow's source address, and ignores every error after
 * the bind: an unreachable network is an outcome to observe, not a failure of the probe.
 */
import type { FlowProtocol } from "../traffic/records";

export interface ProbeSpec {
  readonly protocol: FlowProtocol;
  readonly src: string;
  readonly dst: string;
  readonly dstPort: number;
  /** Packets for udp and icmp; tcp sends one SYN (the kernel retransmits only after 1 s). */
  readonly packets: number;
  readonly gapMs: number;
  /** How long the sender stays up (tcp: how long it waits for the handshake). */
  readonly lingerMs: number;
}

/** Exit code of a sender that could not bind the source: the lab, not the plan, is wrong. */
export const SENDER_BIND_FAILED = 3;

/** Used when a tcp/udp flow names no port: the traceroute base port, nobody's service. */
export const DEFAULT_PROBE_PORT = 33434;

const NODE_SENDER = `
const spec = JSON.parse(process.argv[1]);
const payload = Buffer.from("eni-sim lab probe");
const done = () => process.exit(0);
const bindFailed = (e) => { process.stderr.write("bind " + spec.src + ": " + e.message + "\\n"); process.exit(${SENDER_BIND_FAILED}); };
if (spec.protocol === "udp") {
  const socket = require("node:dgram").createSocket("udp4");
  socket.on("error", () => undefined);
  socket.bind({ address: spec.src, port: 0, exclusive: true }, () => {
    let sent = 0;
    const tick = () => {
      if (sent >= spec.packets) return;
      sent++;
      socket.send(payload, spec.dstPort, spec.dst, () => undefined);
      setTimeout(tick, spec.gapMs);
    };
    tick();
  });
  socket.once("error", (e) => { if (e.syscall === "bind") bindFailed(e); });
  setTimeout(done, spec.lingerMs);
} else {
  const socket = require("node:net").connect({ host: spec.dst, port: spec.dstPort, localAddress: spec.src });
  socket.on("error", (e) => { if (e.code === "EADDRNOTAVAIL") bindFailed(e); });
  socket.on("connect", () => socket.destroy());
  setTimeout(() => { socket.destroy(); done(); }, spec.lingerMs);
}
`;

const PYTHON_ICMP_SENDER = `
import json, socket, struct, sys, time
spec = json.loads(sys.argv[1])
def checksum(data):
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xffff)
    total += total >> 16
    return (~total) & 0xffff
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
try:
    s.bind((spec["src"], 0))
except OSError as e:
    sys.stderr.write("bind %s: %s\\n" % (spec["src"], e))
    sys.exit(${SENDER_BIND_FAILED})
for seq in range(spec["packets"]):
    body = b"eni-sim lab probe."
    header = struct.pack("!BBHHH", 8, 0, 0, 0x5e5e, seq)
    packet = struct.pack("!BBHHH", 8, 0, checksum(header + body), 0x5e5e, seq) + body
    try:
        s.sendto(packet, (spec["dst"], 0))
    except OSError:
        pass
    time.sleep(spec["gapMs"] / 1000.0)
time.sleep(max(0, spec["lingerMs"] - spec["packets"] * spec["gapMs"]) / 1000.0)
`;

/** The command (to run inside a namespace) that sends the flow's packets. */
export function senderCommand(spec: ProbeSpec): string[] {
  const args = JSON.stringify(spec);
  switch (spec.protocol) {
    case "tcp":
    case "udp":
      return [process.execPath, "-e", NODE_SENDER, args];
    case "icmp":
      return ["python3", "-c", PYTHON_ICMP_SENDER, args];
    default: {
      const never: never = spec.protocol;
      return never;
    }
  }
}
