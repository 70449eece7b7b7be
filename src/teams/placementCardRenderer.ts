// Builds the placement cards (fragility alerts and meetings) for a given reader from the stored state. Used to answer a button
// and by the sender when it posts a copy, so every copy shows the state at the time it is shown.
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { disruptionMeetingAdvice, isExternalProvider, MEETINGS } from '../domain/meetings';
import type { FieldErrors } from '../domain/moves';
import type { Child, Person } from '../domain/people';
import { may } from '../domain/permissions';
import { alertAdvice, mayReferToPanel, openAlertsOnChild } from '../services/alerts';
import { suggestedPanels } from '../domain/alerts';
import { alertAudienceFor } from '../services/alertEffects';
import type { ServiceContext } from '../services/context';
import { icsUrl, invitationReach, teamsMeetingEventChange } from '../services/invitations';
import { proposeMeeting } from '../services/meetings';
import { toChild, toPerson } from '../services/people';
import { formatDate, ukDate } from '../domain/dates';
import type { FragilityAlertDoc, MeetingDoc, OutboxDoc } from '../store/records';
import { alertCard } from './alertCards';
import { noticeCard, type AdaptiveCard } from './cards';
import { disclosureFor, type Reader } from './disclosure';
import { meetingCard, meetingFormCard } from './meetingCards';
import { splitWhy } from './whyLine';

export type { Reader };
type Notice = { text: string; style: 'attention' | 'good' | 'warning' | 'accent' };

async function childOf(ctx: ServiceContext, caseRef: string): Promise<Child | null> {
  const doc = await ctx.records.children.get(caseRef);
  return doc ? toChild(doc) : null;
}

export async function renderAlertCard(
  ctx: ServiceContext,
  alert: FragilityAlertDoc,
  reader: Reader,
  extras: { notice?: Notice; fieldErrors?: FieldErrors } = {},
): Promise<AdaptiveCard> {
  const child = await childOf(ctx, alert.caseRef);
  const person = reader.person;
  const meetings = (await Promise.all(alert.meetingRefs.map((ref) => ctx.records.meetings.get(ref)))).filter((m): m is MeetingDoc => !!m);
  const advice = alert.state === 'open' && child ? await alertAdvice(ctx, alert, child) : null;
  return alertCard({
    alert,
    child,
    show: disclosureFor(reader, child),
    others: alert.state === 'open' ? (await openAlertsOnChild(ctx, alert.caseRef)).filter((a) => a.ref !== alert.ref) : [],
    advice,
    suggestedPanels: advice ? suggestedPanels(advice) : [],
    // Referring and recording decisions are personal-chat actions: a shared chat only sees the state.
    canReferToPanel: !!person && !reader.shared && mayReferToPanel(person, child),
    audience: person?.id === alert.raisedBy && !reader.shared ? await alertAudienceFor(ctx, alert) : null,
    meetings,
    // Convening lists the carers by name and email and asks for the child's views: a personal-chat action.
    canConvene: !reader.shared && !!child && may(person, 'convene a meeting', { child }),
    canClose: may(person, 'close an alert by hand', { alert, child }),
    notice: extras.notice,
    fieldErrors: extras.fieldErrors,
    now: ctx.now(),
  });
}

/** What a recorded outcome still asks of people, shown on the outcome (FRAG-8). */
async function outcomeReminders(ctx: ServiceContext, meeting: MeetingDoc, child: Child | null): Promise<string[]> {
  if (meeting.outcome?.decision !== 'planned-ending' || !child) return [];
  const reminders = [];
  if (isExternalProvider(child.placementProvider)) reminders.push('An external placement: notice must be served on the provider, and the Placements Service told at once.');
  const told = (await ctx.records.outbox.find({ subjectRef: meeting.ref })).some((e) => e._id.includes(':ending:placements:'));
  reminders.push(told ? 'The Placements Service has been told in Teams.' : 'The Placements Service could not be reached in Teams: tell them today.');
  return reminders;
}

export async function renderMeetingCard(
  ctx: ServiceContext,
  meeting: MeetingDoc,
  reader: Reader,
  extras: { notice?: Notice; fieldErrors?: FieldErrors; values?: unknown } = {},
): Promise<AdaptiveCard> {
  const child = await childOf(ctx, meeting.caseRef);
  const person = reader.person;
  const tasks = await ctx.records.tasks.find({ sourceRef: meeting.ref }, { sort: { dueDate: 1 } });
  const withNames = await Promise.all(tasks.map(async (t) => ({ ...t, ownerName: (await ctx.records.people.get(t.owner))?.name ?? t.owner })));
  const isOrganiser = person?.id === meeting.organiser && !reader.shared;
  const reach = isOrganiser ? await invitationReach(ctx, meeting) : null;
  return meetingCard({
    meeting,
    child,
    show: disclosureFor(reader, child),
    isOrganiser,
    canChange: !reader.shared && meeting.state === 'scheduled' && may(person, 'change a meeting', { meeting, child }),
    // The outcome form and the pre-filled move request carry what people typed (the summary, the
    // child's words): offered in a personal chat only. A chair records the outcome from their own copy.
    canRecord: !reader.shared && may(person, 'record a meeting outcome', { meeting, child }) && meeting.state === 'scheduled' && meeting.date <= ukDate(ctx.now()),
    canRequestMove: !reader.shared && meeting.outcome?.decision === 'planned-ending' && !!child && may(person, 'request a move', { child }),
    notOnTeams: reach?.notReached ?? [],
    reachedInTeams: reach?.reached,
    icsUrl: reader.shared ? null : icsUrl(ctx, meeting),
    tasks: withNames,
    reminders: await outcomeReminders(ctx, meeting, child),
    notice: extras.notice,
    values: extras.values,
    fieldErrors: extras.fieldErrors,
  });
}

/** The convene form for a meeting, as proposed for `data` (alertRef / caseRef / moveRef and type), with the organiser's answers kept. */
export async function renderMeetingForm(
  ctx: ServiceContext,
  person: Person,
  reader: Reader,
  data: unknown,
  extras: { errors?: FieldErrors; summary?: string; keepValues?: boolean } = {},
): Promise<AdaptiveCard> {
  const proposal = await proposeMeeting(ctx, person, data);
  return meetingFormCard({ proposal, show: disclosureFor(reader, proposal.child), values: extras.keepValues ? data : undefined, errors: extras.errors, summary: extras.summary });
}

// ---- for the outbox sender ------------------------------------------------------------------------

export type PlacementContent = Extract<
  OutboxDoc['content'],
  { kind: 'alert-card' | 'meeting-card' | 'meeting-invite' | 'meeting-event-change' | 'meeting-offer' | 'episode-disruption-offer' }
>;

export function isPlacementContent(content: OutboxDoc['content']): content is PlacementContent {
  return ['alert-card', 'meeting-card', 'meeting-invite', 'meeting-event-change', 'meeting-offer', 'episode-disruption-offer'].includes(content.kind);
}

/**
 * The activity for an alert or meeting entry of the outbox. An urgent alert asks Teams to alert the
 * reader. A 'meeting-invite' tells the organiser how creating the Teams meeting went, a
 * 'meeting-event-change' how moving or cancelling its calendar event went (the delivery loop makes
 * those Graph calls before rendering).
 */
export async function placementActivity(ctx: ServiceContext, entry: OutboxDoc & { content: PlacementContent }, options: { inChannel: boolean }): Promise<Partial<Activity> | null> {
  const doc = entry.recipient.kind === 'person' ? await ctx.records.people.get(entry.recipient.personId) : null;
  const reader: Reader = { person: doc ? toPerson(doc) : null, shared: options.inChannel };
  const content = entry.content;
  const asCard = (card: AdaptiveCard, summary: string) => MessageFactory.attachment(CardFactory.adaptiveCard(card), summary);
  switch (content.kind) {
    case 'alert-card': {
      const alert = await ctx.records.fragilityAlerts.get(content.ref);
      if (!alert) return null;
      const urgent = alert.state === 'open' && alert.immediateSafeguardingRisk;
      const activity = asCard(
        await renderAlertCard(ctx, alert, reader, {
          notice: { text: `${alert.raisedByName} raised a concern about case ${alert.caseRef}.`, style: urgent ? 'attention' : 'warning' },
        }),
        `${urgent ? 'URGENT: ' : ''}Fragility alert ${alert.ref} (case ${alert.caseRef})`,
      );
      // Teams shows an alert in the activity feed for an important message.
      return urgent ? { ...activity, importance: 'high', channelData: { notification: { alert: true } } } : activity;
    }
    case 'meeting-card': {
      const meeting = await ctx.records.meetings.get(content.ref);
      if (!meeting) return null;
      const change = meeting.changes?.at(-1);
      const notices: Record<typeof content.view, Notice> = {
        invitation: { text: `You are invited by ${meeting.organiserName}.`, style: 'accent' },
        outcome: { text: `The outcome was recorded by ${meeting.outcome?.recordedByName ?? 'the chair'}.`, style: 'good' },
        rescheduled: {
          text: `${change?.byName ?? 'The organiser'} moved this meeting from ${change ? `${formatDate(change.from.date)} ${change.from.time}` : 'its old time'} to ${formatDate(meeting.date)} ${meeting.time}.`,
          style: 'warning',
        },
        cancelled: { text: `${change?.byName ?? 'The organiser'} cancelled this meeting (it was on ${formatDate(meeting.date)} ${meeting.time}).`, style: 'attention' },
      };
      const notice = notices[content.view];
      return asCard(await renderMeetingCard(ctx, meeting, reader, { notice }), `${MEETINGS[meeting.type].label} ${meeting.ref} (case ${meeting.caseRef})`);
    }
    case 'meeting-invite': {
      const meeting = await ctx.records.meetings.get(content.ref);
      if (!meeting) return null;
      const ok = meeting.invitation.state === 'sent';
      const notice: Notice = ok
        ? { text: `The Teams meeting is created and the invitations are sent.${meeting.invitation.joinUrl ? ' The join link is below.' : ''}`, style: 'good' }
        : {
            text: `The Teams meeting could not be created: ${meeting.invitation.error ?? 'unknown error'}. The attendees on Teams were sent cards with a calendar file instead; please invite the others yourself.`,
            style: 'attention',
          };
      return asCard(await renderMeetingCard(ctx, meeting, reader, { notice }), `${MEETINGS[meeting.type].label} ${meeting.ref}: ${ok ? 'invitations sent' : 'invitations failed'}`);
    }
    case 'meeting-event-change': {
      const meeting = await ctx.records.meetings.get(content.ref);
      if (!meeting) return null;
      const { done, error } = await teamsMeetingEventChange(ctx, meeting, content.sequence);
      const what = meeting.state === 'cancelled' ? 'cancelled' : 'moved';
      const notice: Notice = done
        ? { text: `The Teams calendar event is ${what}; Outlook has told the attendees.`, style: 'good' }
        : {
            text: `The Teams calendar event could not be ${what}: ${error ?? 'unknown error'}. The attendees on Teams were sent the changed card; please change the event in your calendar so the others hear of it.`,
            style: 'attention',
          };
      return asCard(await renderMeetingCard(ctx, meeting, reader, { notice }), `${MEETINGS[meeting.type].label} ${meeting.ref}: calendar event ${done ? what : 'not changed'}`);
    }
    case 'episode-disruption-offer': {
      const advice = disruptionMeetingAdvice({ placementType: content.placementType, endDate: content.endedOn, unplanned: true });
      const card = noticeCard(
        `Case ${content.caseRef}: a Disruption Meeting`,
        `The imported return shows the placement ended on ${content.endedOn} without a plan (reason ${content.reason}). ${splitWhy(advice.reason).text}`,
        whyFacts(advice.reason),
      );
      const data = {
        type: 'disruption',
        caseRef: content.caseRef,
        placementEnded: content.endedOn,
        endedPlacementType: content.placementType,
        endedPlacementProvider: content.placementProvider,
      };
      const offer: AdaptiveCard = { ...card, actions: [{ type: 'Action.Execute', verb: 'meeting.propose', title: 'Convene a Disruption Meeting', data }] };
      return asCard(offer, `Consider a Disruption Meeting for case ${content.caseRef}`);
    }
    case 'meeting-offer': {
      const move = await ctx.records.moveRequests.get(content.moveRef);
      if (!move?.completion) return null;
      const advice = disruptionMeetingAdvice({ placementType: move.completion.ended?.placementType ?? '', endDate: move.completion.date, unplanned: true });
      const card = noticeCard(
        `Case ${move.caseRef}: a Disruption Meeting`,
        `${move.ref} ended the placement on ${move.completion.date} as an urgent move. ${splitWhy(advice.reason).text}`,
        whyFacts(advice.reason),
      );
      const offer: AdaptiveCard = {
        ...card,
        actions: [{ type: 'Action.Execute', verb: 'meeting.propose', title: 'Convene a Disruption Meeting', data: { type: 'disruption', moveRef: move.ref } }],
      };
      return asCard(offer, `Consider a Disruption Meeting for case ${move.caseRef}`);
    }
  }
}

/** The rule ids written in a domain reason, as a notice's "Why" fact (none when it has none). */
function whyFacts(reason: string): Array<{ title: string; value: string }> {
  const { why } = splitWhy(reason);
  return why ? [{ title: 'Why', value: why.replace(/^Why: /, '') }] : [];
}
