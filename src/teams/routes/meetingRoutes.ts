// Meetings in chat: the convene form (from an alert, a review due or a Disruption offer), sending
// the invitations, the meeting card with its outcome form, the pre-filled move request after a
// planned ending, and "meetings" (the user's upcoming meetings and reviews due).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { addDays, ukDate } from '../../domain/dates';
import type { Person } from '../../domain/people';
import { ConflictError, InvalidInputError } from '../../services/errors';
import { meetingsFor } from '../../services/meetingLists';
import { cancelMeeting, conveneMeeting, disruptionLearning, moveRequestFromOutcome, openMeeting, recordOutcome, rescheduleMeeting } from '../../services/meetings';
import { childrenFor, toChild } from '../../services/people';
import { StoreUnavailableError } from '../../store/collection';
import type { MeetingDoc } from '../../store/records';
import { moveRequestFormCard, noticeCard } from '../cards';
import { disclosureFor } from '../disclosure';
import { readerOf } from '../identity';
import { plainText } from '../plainText';
import { meetingsListCard, outcomeFromCard } from '../meetingCards';
import { renderMeetingCard, renderMeetingForm } from '../placementCardRenderer';
import { NOTHING_SAVED, OwnChatOnlyError, type Turns } from '../turns';
import { defineChatCommand, permitted } from '../chatCommand';
import type { ServiceContext } from '../../services/context';

const refData = z.object({ ref: z.string().min(1).max(40) }).passthrough();

export const MEETINGS = /^(my )?meetings\b/i;
const OUTCOME_IN_OWN_CHAT =
  'Nothing was recorded: some answers need attention. Record the outcome from the meeting\u2019s card in your own chat with the bot, where the form shows what to correct.';
const CONVENE_IN_OWN_CHAT = 'Meetings are convened in your own chat with the bot: the invitation list names the carers and asks what the child said. Nothing was sent.';
const PREFILLED_IN_OWN_CHAT = 'The pre-filled move request carries what the meeting wrote, so it opens only in your own chat with the bot: open the meeting there.';
export const DISRUPTIONS = /^(disruptions|learning)\b/i;

async function myMeetings(ctx: ServiceContext, context: TurnContext, person: Person) {
  const mine = await meetingsFor(ctx, person);
  const labels = new Map<string, string>();
  for (const m of [...mine.upcoming, ...mine.outcomeToRecord, ...mine.reviewsDue.map((r) => r.meeting)]) {
    const doc = await ctx.records.children.get(m.caseRef);
    const child = doc ? toChild(doc) : null;
    labels.set(m.caseRef, `case ${disclosureFor(readerOf(context, person), child).childLabel(m.caseRef)}`);
  }
  return meetingsListCard(mine, (m: MeetingDoc) => labels.get(m.caseRef) ?? m.caseRef);
}

export const MEETINGS_COMMAND = defineChatCommand({
  name: 'meetings',
  pattern: MEETINGS,
  // Anyone may be invited to a meeting.
  usableBy: 'everyone',
  help: 'Your upcoming placement meetings, outcomes to record and reviews due',
  example: 'meetings',
  menu: ['personal'],
  button: { verb: 'meetings.show', title: 'My meetings' },
  handle: ({ ctx, context, person }) => myMeetings(ctx, context, person),
});

// END-2: the learning from Disruption Meetings over the last 12 months, for managers. A channel or
// group chat is shared, so it gets the count only, never the free text.
export const DISRUPTIONS_COMMAND = defineChatCommand({
  name: 'disruptions',
  pattern: DISRUPTIONS,
  usableBy: [permitted('read the learning from disruptions', () => [{}])],
  help: 'What Disruption Meetings in your teams learned over the last 12 months',
  example: 'disruptions',
  menu: ['personal'],
  handle: async ({ ctx, context, person }) => {
    const since = addDays(ukDate(ctx.now()), -365);
    const entries = await disruptionLearning(ctx, person, since);
    const title = `Learning from disruptions since ${since}`;
    if (entries.length === 0) return noticeCard(title, 'No Disruption Meeting in your teams has recorded its learning in the last 12 months.');
    const count = `${entries.length} Disruption Meeting${entries.length === 1 ? '' : 's'} recorded learning.`;
    if (readerOf(context, person).shared) return noticeCard(title, `${count} Ask the bot in a personal chat to read it.`);
    return noticeCard(
      title,
      `${count} What helped, what did not, and what to change, newest first:`,
      entries.flatMap((e) => [
        { title: `${e.ref}, case ${e.caseRef}`, value: `${e.date}, team ${e.team}` },
        { title: 'Helped', value: plainText(e.helped) },
        { title: 'Did not help', value: plainText(e.didNotHelp) },
        { title: 'To change', value: plainText(e.change) },
      ]),
    );
  },
});

export function registerMeetingRoutes(app: Application<TurnState>, { ctx, verb }: Turns): void {
  app.adaptiveCards.actionExecute(
    'meetings.show',
    verb((context, person) => myMeetings(ctx, context, person)),
  );

  // The proposal: attendees with why, the chair, the dates the rules allow.
  // The proposal lists the carers and others by name and email, and the form asks what the child
  // said: it opens in a personal chat only (a shared conversation's card would show them to everyone there).
  app.adaptiveCards.actionExecute(
    'meeting.propose',
    verb(async (context, person, data) => {
      // From a shared card (the meetings list's "Convene the review"): that card stays, the presser is told in their own chat.
      if (readerOf(context, person).shared) throw new OwnChatOnlyError(CONVENE_IN_OWN_CHAT);
      return renderMeetingForm(ctx, person, readerOf(context, person), data);
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.convene',
    verb(async (context, person, data) => {
      const reader = readerOf(context, person);
      if (reader.shared) throw new OwnChatOnlyError(CONVENE_IN_OWN_CHAT);
      try {
        // The form's message identifies the press: pressed twice, it is convened once.
        const meeting = await conveneMeeting(ctx, person, data, context.activity.replyToId);
        const how =
          meeting.invitation.via === 'graph' ? 'The Teams meeting is being created; you will get a card here when the invitations are out.' : 'The invitations have been sent.';
        return renderMeetingCard(ctx, meeting, reader, { notice: { text: `Convened as ${meeting.ref}. ${how}`, style: 'good' } });
      } catch (err) {
        if (err instanceof InvalidInputError) return renderMeetingForm(ctx, person, reader, data, { errors: err.fields, keepValues: true });
        if (err instanceof StoreUnavailableError) return renderMeetingForm(ctx, person, reader, data, { summary: NOTHING_SAVED, keepValues: true });
        throw err;
      }
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.show',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Not found', 'This card is out of date. Say "meetings" for your meetings.');
      // In a shared conversation this is the redacted card, saying where the full one is.
      const meeting = await openMeeting(ctx, person, parsed.data.ref);
      return renderMeetingCard(ctx, meeting, readerOf(context, person));
    }),
  );

  app.adaptiveCards.actionExecute(
    'meeting.outcome',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date. Say "meetings" for your meetings.');
      const reader = readerOf(context, person);
      try {
        const meeting = await recordOutcome(ctx, person, parsed.data.ref, outcomeFromCard(data));
        const tasks = await ctx.records.tasks.count({ sourceRef: meeting.ref });
        return renderMeetingCard(ctx, meeting, reader, {
          notice: { text: `The outcome is recorded; ${tasks} follow-up task${tasks === 1 ? '' : 's'} created and their owners told.`, style: 'good' },
        });
      } catch (err) {
        // A refusal (NotPermittedError) goes on to turns.refusalCard: it shows nothing of the meeting.
        // In a shared conversation the card has no outcome form to put the answers back in (they are
        // what the meeting said): the chair is sent to their own copy.
        if (err instanceof InvalidInputError && reader.shared) {
          return renderMeetingCard(ctx, await openMeeting(ctx, person, parsed.data.ref), reader, {
            notice: { text: OUTCOME_IN_OWN_CHAT, style: 'attention' },
          });
        }
        if (err instanceof InvalidInputError) {
          return renderMeetingCard(ctx, await openMeeting(ctx, person, parsed.data.ref), reader, {
            notice: { text: 'Nothing was recorded: please check the answers in red.', style: 'attention' },
            fieldErrors: err.fields,
            values: data,
          });
        }
        if (err instanceof ConflictError)
          return renderMeetingCard(ctx, await openMeeting(ctx, person, parsed.data.ref), reader, { notice: { text: err.message, style: 'warning' }, values: data });
        throw err;
      }
    }),
  );

  // Reschedule or cancel, from the meeting card: bad input or a refusal comes back on the card, nothing changed.
  const changeVerb = (verbName: string, change: typeof rescheduleMeeting, done: (m: MeetingDoc) => string) =>
    app.adaptiveCards.actionExecute(
      verbName,
      verb(async (context, person, data) => {
        const parsed = refData.safeParse(data);
        if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date. Say "meetings" for your meetings.');
        const reader = readerOf(context, person);
        try {
          const meeting = await change(ctx, person, parsed.data.ref, data);
          return renderMeetingCard(ctx, meeting, reader, { notice: { text: done(meeting), style: 'good' } });
        } catch (err) {
          // A refusal (NotPermittedError) goes on to turns.refusalCard: it shows nothing of the meeting.
          if (!(err instanceof InvalidInputError || err instanceof ConflictError || err instanceof StoreUnavailableError)) throw err;
          const meeting = await openMeeting(ctx, person, parsed.data.ref);
          if (err instanceof InvalidInputError) {
            return renderMeetingCard(ctx, meeting, reader, {
              notice: { text: 'Nothing was changed: please check the answers in red.', style: 'attention' },
              fieldErrors: err.fields,
              values: data,
            });
          }
          if (err instanceof ConflictError) return renderMeetingCard(ctx, meeting, reader, { notice: { text: err.message, style: 'warning' } });
          return renderMeetingCard(ctx, meeting, reader, { notice: { text: NOTHING_SAVED, style: 'attention' }, values: data });
        }
      }),
    );
  const calendar = (m: MeetingDoc) => (m.invitation.via === 'graph' && m.invitation.eventId ? 'the Teams calendar event is being changed' : 'the calendar file carries the change');
  changeVerb(
    'meeting.reschedule',
    rescheduleMeeting,
    (m) => `Moved to ${m.date} at ${m.time}. Every invitee on Teams is told and ${calendar(m)}.${m.dateWarning ? ` ${m.dateWarning}` : ''}`,
  );
  changeVerb('meeting.cancel', cancelMeeting, (m) => `Cancelled. Every invitee on Teams is told and ${calendar(m)}.`);

  // FRAG-8 / MOVE-1: after a planned ending, the social worker's move request, pre-filled.
  app.adaptiveCards.actionExecute(
    'meeting.moveForm',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Not found', 'This card is out of date. Say "meetings" for your meetings.');
      // The form is filled with the meeting's summary and the child's words: never in a shared conversation.
      if (readerOf(context, person).shared) return noticeCard('In your own chat', PREFILLED_IN_OWN_CHAT);
      const values = await moveRequestFromOutcome(ctx, person, parsed.data.ref);
      return moveRequestFormCard({ children: await childrenFor(ctx, person), shared: readerOf(context, person).shared, now: ctx.now(), values });
    }),
  );
}
