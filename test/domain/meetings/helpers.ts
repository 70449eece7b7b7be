// Helpers shared by the meeting specifications.
import type { Child } from '../../../src/domain/people';
import { proposeAttendees, type AttendeeOptions, type MeetingType, type ProposedAttendee } from '../../../src/domain/meetings';
import { roster } from '../meetingFixtures';

export const TODAY = '2026-03-10'; // a Tuesday

/** An attendee as "kind" (required), "kind?" (optional), with "(views)" or "(second part)" when not attending throughout. */
export function shape(a: ProposedAttendee): string {
  const how = a.participation === 'views-sought' ? ' (views)' : a.participation === 'second-part-only' ? ' (second part)' : '';
  return `${a.kind}${a.required ? '' : '?'}${how}`;
}
export const invited = (type: MeetingType, child: Child, options?: AttendeeOptions) => proposeAttendees(type, child, roster, options).attendees.map(shape);
export const toArrange = (type: MeetingType, child: Child, options?: AttendeeOptions) =>
  proposeAttendees(type, child, roster, options).toArrange.map((a) => `${a.kind}${a.required ? '' : '?'}`);
export const find = (type: MeetingType, child: Child, kind: string, options?: AttendeeOptions) =>
  proposeAttendees(type, child, roster, options).attendees.find((a) => a.kind === kind);
