// Meeting invitations. With Microsoft Graph configured, a Teams meeting is created in the organiser
// mailbox's calendar and Outlook invites everyone with an email; the call runs from the outbox, so
// it is retried like any message and a failure is reported to the organiser, never dropped. Without
// Graph, each attendee who is on Teams gets a meeting card linking to an .ics file the bot serves
// (Teams cards cannot carry files), and the organiser sees who must be invited another way.
import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config';
import { ukLocalToInstant } from '../domain/ukTime';
import { MEETINGS } from '../domain/meetings';
import type { MeetingDoc, MeetingInvitation } from '../store/records';
import { writeAudit } from './audit';
import type { CalendarSettings, ServiceContext } from './context';
import { createGraphCalendar, graphCredential, GraphError, type GraphCalendar, type GraphConnection, type GraphCredentialSettings, type OnlineMeetingRequest } from './graph';
import { reachableInTeams } from './knownChats';
import { enqueueAll, type OutgoingMessage } from './outbox';

/** Graph when GRAPH_ORGANIZER is set (its app registration defaults to the bot's own); .ics links on BOT_PUBLIC_URL or, locally, on the loopback address. */
export function calendarSettings(config: Config, localUrl: () => string | null): CalendarSettings {
  const graph = config.GRAPH_ORGANIZER ? createGraphCalendar({ organizer: config.GRAPH_ORGANIZER, ...graphConnection(config) }) : null;
  return { graph, publicUrl: () => config.BOT_PUBLIC_URL?.replace(/\/+$/, '') ?? (config.localMode ? localUrl() : null) };
}

/** Graph's address and the bot's credential for it, from the GRAPH_* settings. */
export function graphConnection(config: Config): GraphConnection {
  return {
    baseUrl: config.GRAPH_BASE_URL,
    credential: () => graphCredential(graphCredentialSettings(config), config.GRAPH_AUTHORITY_HOST ? { authorityHost: config.GRAPH_AUTHORITY_HOST } : {}),
  };
}

/** GRAPH_CREDENTIAL and its settings (config.ts has checked that each kind has what it needs). */
export function graphCredentialSettings(config: Config): GraphCredentialSettings {
  const clientId = config.GRAPH_CLIENT_ID ?? config.BOT_ID;
  const tenantId = (config.GRAPH_TENANT_ID ?? config.BOT_TENANT_ID)!;
  switch (config.GRAPH_CREDENTIAL) {
    case 'managed-identity':
      // A user-assigned identity by its client id: GRAPH_CLIENT_ID, or the bot's own when the bot runs as one.
      return { kind: 'managed-identity', clientId: config.GRAPH_CLIENT_ID ?? (config.BOT_TYPE === 'UserAssignedMSI' ? config.BOT_ID : undefined) };
    case 'certificate':
      return { kind: 'certificate', tenantId, clientId: clientId!, certificatePath: config.GRAPH_CLIENT_CERTIFICATE_PATH! };
    case 'client-secret':
      return { kind: 'client-secret', tenantId, clientId: clientId!, clientSecret: (config.GRAPH_CLIENT_SECRET ?? config.BOT_PASSWORD)! };
  }
}

export function meetingTitle(meeting: Pick<MeetingDoc, 'type' | 'ref' | 'caseRef'>): string {
  return `${MEETINGS[meeting.type].label} ${meeting.ref} (case ${meeting.caseRef})`;
}

export function meetingTimes(meeting: Pick<MeetingDoc, 'date' | 'time' | 'durationMinutes'>): { start: Date; end: Date } {
  const start = ukLocalToInstant(meeting.date, meeting.time);
  return { start, end: new Date(start.getTime() + meeting.durationMinutes * 60_000) };
}

/** The link to the meeting's .ics file, or null when the bot's public address is unknown. */
export function icsUrl(ctx: ServiceContext, meeting: Pick<MeetingDoc, 'ref' | 'icsToken'>): string | null {
  const base = ctx.calendar?.publicUrl() ?? null;
  return base ? `${base}/meetings/${encodeURIComponent(meeting.ref)}.ics?token=${encodeURIComponent(meeting.icsToken)}` : null;
}

// ---- the .ics file ------------------------------------------------------------------------------

const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsName = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;
const icsTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets, as RFC 5545 asks, without splitting a character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * The meeting as an iCalendar file to add to a calendar (METHOD:PUBLISH). The case reference only,
 * never the child's name: the file may be forwarded to carers and parents. A reschedule keeps the
 * UID and raises SEQUENCE, so a calendar that has the meeting moves it rather than adding another;
 * a cancel is METHOD:CANCEL with STATUS:CANCELLED (RFC 5546), so the calendar removes it.
 */
export function meetingIcs(meeting: MeetingDoc, organiserEmail: string, now: Date): string {
  const { start, end } = meetingTimes(meeting);
  const cancelled = meeting.state === 'cancelled';
  const description = [
    cancelled ? 'This meeting has been cancelled.' : '',
    MEETINGS[meeting.type].purpose,
    `Chair: ${meeting.chair.name}.`,
    meeting.minuteTaker ? `Minute taker: ${meeting.minuteTaker}.` : '',
    meeting.invitation.joinUrl ? `Join in Teams: ${meeting.invitation.joinUrl}` : 'The organiser will confirm where the meeting is held.',
  ]
    .filter(Boolean)
    .join('\n');
  const attendees = meeting.attendees
    .filter((a) => a.email)
    .map((a) => `ATTENDEE;${a.name ? `CN=${icsName(a.name)};` : ''}ROLE=${a.required ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT'}:mailto:${a.email}`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Placement Stability Bot//Meetings//EN',
    'CALSCALE:GREGORIAN',
    cancelled ? 'METHOD:CANCEL' : 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${meeting.ref}@placement-stability-bot`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(meetingTitle(meeting))}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(meeting.invitation.joinUrl ? [`LOCATION:${icsText('Microsoft Teams')}`, `URL:${meeting.invitation.joinUrl}`] : []),
    `ORGANIZER;CN=${icsName(meeting.organiserName)}:mailto:${organiserEmail}`,
    ...attendees,
    `SEQUENCE:${meeting.sequence ?? 0}`,
    cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** The .ics file for GET /meetings/{ref}.ics?token=..., or null when the meeting or token is wrong (the same answer either way). */
export async function meetingCalendarFile(ctx: ServiceContext, ref: string, token: string): Promise<string | null> {
  if (typeof ref !== 'string' || ref.length > 40 || typeof token !== 'string' || token.length > 200) return null;
  const meeting = await ctx.records.meetings.get(ref);
  if (!meeting) return null;
  const expected = Buffer.from(meeting.icsToken);
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const organiser = await ctx.records.people.get(meeting.organiser);
  return meetingIcs(meeting, organiser?.email ?? meeting.organiser, ctx.now());
}

// ---- on Teams ---------------------------------------------------------------------------------

/**
 * A meeting card to every roster attendee (the organiser has theirs already). They go the way every
 * message to a person goes (teams/delivery.ts): to their chat with the bot, else through a new chat
 * started through a team of the bot's that has them, else held until they first open the bot.
 */
export async function teamsInvitationMessages(ctx: ServiceContext, meeting: MeetingDoc): Promise<OutgoingMessage[]> {
  return [...new Set(meeting.attendees.map((a) => a.personId).filter((x): x is string => !!x && x !== meeting.organiser))].map((id) => ({
    key: `${meeting.ref}:invitation:${id}`,
    recipient: { kind: 'person', personId: id },
    content: { kind: 'meeting-card', ref: meeting.ref, view: 'invitation' },
    subjectRef: meeting.ref,
  }));
}

/** An attendee the invitation in Teams has not reached; `held` when it waits for them to open the bot. */
export interface NotReached {
  label: string;
  name: string | null;
  email: string | null;
  held: boolean;
}

/**
 * How the invitations in Teams went, for the organiser's card: how many attendees were reached (or
 * are being: the bot has a chat with them or can start one), and who was not, whom the organiser
 * invites another way: carers, parents and anyone else not on the roster, those whose invitation
 * waits for them to open the bot, and those it could not be delivered to.
 */
export async function invitationReach(ctx: ServiceContext, meeting: MeetingDoc): Promise<{ reached: number; notReached: NotReached[] }> {
  let reached = 0;
  const notReached: NotReached[] = [];
  for (const a of meeting.attendees) {
    if (a.kind === 'child' || a.personId === meeting.organiser) continue;
    const entry = a.personId ? await ctx.records.outbox.get(`${meeting.ref}:invitation:${a.personId}`) : null;
    const held = !!entry && (entry.state === 'held' || (entry.state !== 'sent' && entry.state !== 'failed' && !(await reachableInTeams(ctx, a.personId!))));
    if (entry && entry.state !== 'failed' && !held) reached++;
    else notReached.push({ label: a.label, name: a.name, email: a.email, held });
  }
  return { reached, notReached };
}

// ---- through Microsoft Graph ------------------------------------------------------------------

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function graphRequest(ctx: ServiceContext, meeting: MeetingDoc): Promise<OnlineMeetingRequest> {
  const { start, end } = meetingTimes(meeting);
  const organiser = await ctx.records.people.get(meeting.organiser);
  const attendees = meeting.attendees.filter((a): a is typeof a & { email: string } => !!a.email).map((a) => ({ email: a.email, name: a.name, required: a.required }));
  if (organiser && !attendees.some((a) => a.email === organiser.email)) attendees.push({ email: organiser.email, name: organiser.name, required: true });
  const body = [
    `<p>${html(MEETINGS[meeting.type].purpose)}</p>`,
    `<p>Chair: ${html(meeting.chair.name)}${meeting.minuteTaker ? `<br>Minute taker: ${html(meeting.minuteTaker)}` : ''}<br>Convened by ${html(meeting.organiserName)}.</p>`,
  ].join('');
  return { subject: meetingTitle(meeting), bodyHtml: body, start, end, attendees, transactionId: meeting.ref };
}

async function setInvitation(ctx: ServiceContext, ref: string, invitation: MeetingInvitation): Promise<MeetingDoc> {
  for (;;) {
    const current = (await ctx.records.meetings.get(ref))!;
    const updated = await ctx.records.meetings.updateIfVersion(ref, current.version, { invitation, updatedAt: ctx.now().toISOString() });
    if (updated) return updated;
  }
}

/**
 * What follows the stored result of the Graph call: its audit entry and, after a failure, the cards
 * on Teams. Both have fixed keys, so a retry whose earlier attempt stored the result and then
 * stopped does them now, and a retry after a complete attempt does nothing twice.
 */
async function afterInvitation(ctx: ServiceContext, meeting: MeetingDoc): Promise<MeetingDoc> {
  const { state, eventId, error, at } = meeting.invitation;
  const id = `${meeting.ref}:invitations`;
  if (state === 'sent') {
    await writeAudit(
      ctx,
      { actor: 'bot', action: 'meeting.invitations-sent', subject: meeting.ref, details: { via: 'graph', eventId, attendees: meeting.attendees.filter((a) => a.email).length } },
      at ?? undefined,
      id,
    );
  } else if (state === 'failed') {
    await writeAudit(ctx, { actor: 'bot', action: 'meeting.invitations-failed', subject: meeting.ref, details: { error } }, at ?? undefined, id);
    await enqueueAll(ctx, await teamsInvitationMessages(ctx, meeting));
  }
  return meeting;
}

/**
 * Creates the Teams meeting for a convened meeting (once: a meeting already invited is left alone,
 * but for what follows it; see afterInvitation).
 * A transient failure (throttling, 5xx, network) is thrown for the outbox to retry, honouring
 * Retry-After; a lasting one, or the last attempt, marks the invitation failed, falls back to cards
 * with .ics files on Teams, and returns, so the organiser is told what happened.
 */
export async function createTeamsMeeting(ctx: ServiceContext, ref: string, options: { lastAttempt: boolean }): Promise<MeetingDoc> {
  const meeting = await ctx.records.meetings.get(ref);
  if (!meeting) throw new Error(`meeting ${ref} no longer exists`);
  if (meeting.invitation.via !== 'graph') return meeting;
  if (meeting.invitation.state !== 'pending') return afterInvitation(ctx, meeting);
  const at = ctx.now().toISOString();
  const fail = async (error: string) => afterInvitation(ctx, await setInvitation(ctx, ref, { ...meeting.invitation, state: 'failed', error, at }));
  const graph = ctx.calendar?.graph;
  if (!graph) return fail('Microsoft Graph is no longer configured');
  let created: Awaited<ReturnType<GraphCalendar['createOnlineMeeting']>>;
  try {
    created = await graph.createOnlineMeeting(await graphRequest(ctx, meeting));
  } catch (err) {
    const transient = !(err instanceof GraphError) || err.transient;
    if (transient && !options.lastAttempt) throw err;
    return fail(err instanceof Error ? err.message : String(err));
  }
  return afterInvitation(ctx, await setInvitation(ctx, ref, { via: 'graph', state: 'sent', eventId: created.id, joinUrl: created.joinUrl, error: null, at }));
}

/**
 * Brings the Graph event in line with a reschedule or cancel (change number `sequence`), from the
 * outbox so it is retried like any message. Only an event the bot created is changed; a change
 * already overtaken by a later one is left to the later one's message. PATCH sets the same time
 * however often it runs, and a cancel of an event already gone counts as done, so a retry after a
 * lost answer does nothing twice. A transient failure is thrown for the outbox to retry; a lasting
 * one (or the last attempt) is audited and returned, so the organiser is told to change the
 * calendar by hand.
 */
export async function changeTeamsMeetingEvent(
  ctx: ServiceContext,
  ref: string,
  sequence: number,
  options: { lastAttempt: boolean },
): Promise<{ meeting: MeetingDoc; done: boolean; error: string | null }> {
  const meeting = await ctx.records.meetings.get(ref);
  if (!meeting) throw new Error(`meeting ${ref} no longer exists`);
  const eventId = meeting.invitation.eventId;
  if (meeting.invitation.via !== 'graph' || !eventId) return { meeting, done: false, error: 'the meeting has no Teams calendar event' };
  if ((meeting.sequence ?? 0) !== sequence) return { meeting, done: true, error: null };
  const graph = ctx.calendar?.graph;
  const auditId = `${ref}:event-change:${sequence}`;
  try {
    if (!graph) throw new GraphError('Microsoft Graph is no longer configured', 400);
    if (meeting.state === 'cancelled') {
      // The case reference only: Outlook mails this to carers and parents too, so no free text.
      await graph.cancelEvent(eventId, `${meetingTitle(meeting)} is cancelled. The organiser will be in touch.`);
    } else {
      await graph.updateEventTime(eventId, meetingTimes(meeting));
    }
  } catch (err) {
    const transient = !(err instanceof GraphError) || err.transient;
    if (transient && !options.lastAttempt) throw err;
    const error = err instanceof Error ? err.message : String(err);
    await writeAudit(ctx, { actor: 'bot', action: 'meeting.event-change-failed', subject: ref, details: { eventId, sequence, error } }, undefined, auditId);
    return { meeting, done: false, error };
  }
  await writeAudit(
    ctx,
    { actor: 'bot', action: meeting.state === 'cancelled' ? 'meeting.event-cancelled' : 'meeting.event-moved', subject: ref, details: { eventId, sequence } },
    undefined,
    auditId,
  );
  return { meeting, done: true, error: null };
}

/**
 * How the change of the calendar event went, as `changeTeamsMeetingEvent` recorded it (its audit
 * entry has a fixed id): read only, for rendering the organiser's message after the change was tried.
 */
export async function teamsMeetingEventChange(ctx: ServiceContext, meeting: MeetingDoc, sequence: number): Promise<{ done: boolean; error: string | null }> {
  if (meeting.invitation.via !== 'graph' || !meeting.invitation.eventId) return { done: false, error: 'the meeting has no Teams calendar event' };
  // A later change superseded this one: its own message reports on the event.
  if ((meeting.sequence ?? 0) !== sequence) return { done: true, error: null };
  const entry = await ctx.records.audit.get(`${meeting.ref}:event-change:${sequence}`);
  if (!entry) return { done: false, error: 'the change was not tried' };
  if (entry.action === 'meeting.event-change-failed') return { done: false, error: String(entry.details?.error ?? 'unknown error') };
  return { done: true, error: null };
}
