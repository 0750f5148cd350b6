export { readTraffic } from "./read-traffic";
export { detectFormat, EXPECTED_FORMATS } from "./format-detect";
export { parseDeclaredFlows, validateFlow, MAX_DECLARED_FLOWS_BYTES } from "./declared-flows-reader";
export { TrafficFormatError, type TrafficErrorCode, type TrafficErrorLocation } from "./errors";
export { FLOW_LOG_FIELDS, REQUIRED_FLOW_LOG_FIELDS, type FlowLogField } from "./flow-log-fields";
export { decodeFrame, linkKindOf, SUPPORTED_LINK_TYPES } from "./frame-decoder";
export { createPacketRecord, macOf, PACKET_BATCH_SIZE, PacketBatch } from "./packet-batch";
export {
  classifyMetadataRequest,
  METADATA_NONE,
  METADATA_SERVICE_IP,
  METADATA_SERVICE_PORT,
  METADATA_TOKEN_REQUEST,
  METADATA_UNKNOWN,
  METADATA_WITH_TOKEN,
  METADATA_WITHOUT_TOKEN,
  type MetadataRequestKind,
} from "./metadata-request";
export { ReadCounters } from "./read-counters";
export type {
  DeclaredFlow,
  FlowLogRecord,
  FlowProtocol,
  PacketRecord,
  ReadTrafficOptions,
  TrafficFormat,
  TrafficReadSummary,
  TrafficSink,
} from "./records";
