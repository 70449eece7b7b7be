// What every use case is given: the records, the clock and a logger. Passing "now" in keeps the
// rules testable at any date.
import type { Records } from '../store/records';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface ServiceContext {
  records: Records;
  now: () => Date;
  log: Logger;
  /** Called after messages are queued so the sender does not wait for its next poll. */
  onOutboxChanged: () => void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
