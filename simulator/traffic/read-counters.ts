/**
 * The counts every reader returns, and the one place where `lenient` is decided: a bad record
 * either throws (strict) or is counted as skipped with its reason kept as a sample.
 */
import { SKIPPED_SAMPLE_LIMIT, type TrafficFormatError } from "./errors";

export class ReadCounters {
  records = 0;
  skipped = 0;
  ignored = 0;
  readonly samples: string[] = [];

  constructor(readonly lenient: boolean) {}

  /** Throws `error` unless reading leniently, in which case the record is counted as skipped. */
  skip(error: TrafficFormatError): void {
    if (!this.lenient) throw error;
    this.skipped++;
    if (this.samples.length < SKIPPED_SAMPLE_LIMIT) this.samples.push(error.message);
  }
}
