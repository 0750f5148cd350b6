/**
 * One stream judged by several sinks: `diff` and `assess` read the traffic once and judge it
 * against two plans.
 */
import type { PacketBatch } from "../traffic/packet-batch";
import type { DeclaredFlow, FlowLogRecord, PacketRecord, TrafficSink } from "../traffic/records";

/** Hands every record to several sinks (one stream judged against two plans, for `diff`). */
export class FanOutSink implements TrafficSink {
  constructor(private readonly sinks: readonly TrafficSink[]) {}
  packet(r: PacketRecord): void {
    for (const s of this.sinks) s.packet(r);
  }
  packetBatch(batch: PacketBatch): void {
    const length = batch.length;
    let record: PacketRecord | undefined;
    for (const s of this.sinks) {
      if (s.packetBatch !== undefined) s.packetBatch(batch);
      else for (let i = 0; i < length; i++) s.packet((record = batch.recordAt(i, record)));
      // Sinks must not change a batch; its length is what the next one reads.
      batch.length = length;
    }
  }
  flowLog(r: FlowLogRecord): void {
    for (const s of this.sinks) s.flowLog(r);
  }
  declaredFlow(f: DeclaredFlow): void {
    for (const s of this.sinks) s.declaredFlow(f);
  }
}
