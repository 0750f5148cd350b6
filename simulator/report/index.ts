export { renderTable, DEFAULT_MAX_ROWS, DEFAULT_TABLE_WIDTH } from "./table";
export type { TableOptions } from "./table";
export { renderJson } from "./json";
export { computeVerdict, dropsByEni } from "./verdict";
export type { Verdict, EniDrops } from "./verdict";
export { ReportError, ReportOptionError } from "./errors";
