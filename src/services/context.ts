// What every use case is given: the records, the clock and a logger. Passing "now" in keeps the
// rules testable at any date.
import type { Logger } from '../logger';
import type { Records } from '../store/records';
import type { GraphCalendar } from './graph';
import type { MoveFlowSettings } from './moveFlowSettings';

// The logger's type and the silent logger live with the logger; re-exported for the services' callers.
export { silentLogger, type Logger } from '../logger';

/** How meeting invitations go out; built by calendarSettings() in services/invitations.ts. */
export interface CalendarSettings {
  graph: GraphCalendar | null;
  /** Where the bot can be reached from outside (for .ics links), or null when it is not known. */
  publicUrl(): string | null;
}

export interface ServiceContext {
  records: Records;
  now: () => Date;
  log: Logger;
  /** Called after messages are queued so the sender does not wait for its next poll. */
  onOutboxChanged: () => void;
  /** How meeting invitations go out (Microsoft Graph or .ics links); without it, .ics cards with no download link. */
  calendar?: CalendarSettings;
  /** Working hours, chasing targets and out-of-hours approval for move requests; without it, the defaults. */
  moveFlow?: MoveFlowSettings;
  /** Microsoft Graph can add the bot's app for anyone on the roster (GRAPH_TEAMS_APP_ID): someone with no chat is still reachable. */
  teamsAppCanBeAdded?: boolean;
}
