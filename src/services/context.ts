// What every use case is given: the records, the clock and a logger. Passing "now" in keeps the
// rules testable at any date.
import type { Records } from '../store/records';
import type { CalendarSettings } from './invitations';

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
  /** How meeting invitations go out (Microsoft Graph or .ics links); without it, .ics cards with no download link. */
  calendar?: CalendarSettings;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
