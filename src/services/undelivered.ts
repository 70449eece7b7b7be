// No message lost in silence: what follows a message that Teams refused for good, or that could not
// be delivered within the bound (or whose recipient never opened the bot). An approval card falls
// back to another Head of Service who can be reached, else to the team's approvals channel; and
// whoever the message mattered to (the requester of a move, the person who raised an alert, the
// organiser of a meeting, for its invitation or a notice that it moved or was cancelled) is told in their own chat who was not reached and why. Every message
// queued here has a fixed key, so doing this twice (after a crash) queues each once.
import type { Filter } from '../store/collection';
import type { OutboxDoc } from '../store/records';
import type { ServiceContext } from './context';
import { approvalRecipients } from './moveEffects';
import { enqueueAll, type OutgoingMessage } from './outbox';

const OPEN_MOVE_STATES = ['pending', 'info_requested'];

/** Who the recipient is, in words for a notice (a person's name; a channel as such). */
async function recipientName(ctx: ServiceContext, entry: OutboxDoc): Promise<string> {
  if (entry.recipient.kind === 'channel') return 'the channel';
  const person = await ctx.records.people.get(entry.recipient.personId);
  return person?.name ?? entry.recipient.personId;
}

function notice(entry: OutboxDoc, to: string, title: string, text: string, ref: string): OutgoingMessage {
  return { key: `${entry._id}:undelivered`, recipient: { kind: 'person', personId: to }, content: { kind: 'notice', title, text, ref }, subjectRef: ref };
}

/** An approval card that did not arrive: the next way to reach a decider, and what the requester is told. */
async function approvalFallback(ctx: ServiceContext, entry: OutboxDoc, ref: string, who: string, why: string): Promise<OutgoingMessage[]> {
  const request = await ctx.records.moveRequests.get(ref);
  if (!request || !OPEN_MOVE_STATES.includes(request.state)) return [];
  const copies = await ctx.records.outbox.find({ subjectRef: ref, action: 'send', 'content.kind': 'move-card', 'content.view': 'approver' });
  const failed = new Set(copies.filter((c) => c.state === 'failed').map((c) => c._id));
  const stillGoing = copies.filter((c) => c.state !== 'failed');
  const messages: OutgoingMessage[] = [];
  let where: string;
  if (stillGoing.length > 0) {
    where = 'The other copies of the approval card are still with the other approvers.';
  } else {
    const { approvers } = await approvalRecipients(ctx, request.team);
    const others = approvers.filter((a) => !failed.has(`${ref}:approval:${a.id}`));
    const channel = (await ctx.records.teamSettings.get(request.team))?.approvalsChannel ?? null;
    const content = { kind: 'move-card' as const, ref, view: 'approver' as const };
    if (others.length > 0) {
      for (const a of others) messages.push({ key: `${ref}:approval:${a.id}`, recipient: { kind: 'person', personId: a.id }, content, subjectRef: ref });
      where = `It has been sent to ${others.map((a) => a.name).join(', ')} instead.`;
    } else if (channel && !failed.has(`${ref}:approval:channel:${channel}`)) {
      messages.push({ key: `${ref}:approval:channel:${channel}`, recipient: { kind: 'channel', conversationId: channel }, content, subjectRef: ref });
      where = `It has been posted to the ${request.team} approvals channel instead.`;
    } else {
      where = `No other Head of Service for ${request.team} can be reached in Teams and no approvals channel is set: please ask for a decision directly.`;
    }
  }
  if (request.requestedBy !== (entry.recipient.kind === 'person' ? entry.recipient.personId : null)) {
    messages.push(notice(entry, request.requestedBy, `${ref}: the approval card did not reach ${who}`, `${why}. ${where}`, ref));
  }
  return messages;
}

/** The messages that follow `entry` having failed (none for an update, or for a message that mattered to nobody else). */
export async function messagesAfterFailure(ctx: ServiceContext, entry: OutboxDoc): Promise<OutgoingMessage[]> {
  if (entry.action !== 'send') return [];
  const why = (entry.lastError ?? 'not delivered').replace(/\.$/, '');
  const recipientId = entry.recipient.kind === 'person' ? entry.recipient.personId : null;
  const content = entry.content;
  const tell = async (to: string | null | undefined, ref: string, what: string): Promise<OutgoingMessage[]> => {
    if (!to || to === recipientId) return [];
    const who = await recipientName(ctx, entry);
    return [notice(entry, to, `${ref}: ${who} was not reached`, `${what} did not reach ${who}: ${why}. Please tell them directly.`, ref)];
  };
  switch (content.kind) {
    case 'move-card':
      if (content.view === 'approver') return approvalFallback(ctx, entry, content.ref, await recipientName(ctx, entry), why);
      return [];
    case 'alert-card': {
      const alert = await ctx.records.fragilityAlerts.get(content.ref);
      return tell(alert?.raisedBy, content.ref, `The fragility alert on case ${alert?.caseRef ?? ''}`.trim());
    }
    case 'meeting-card': {
      if (content.view === 'outcome') return [];
      const meeting = await ctx.records.meetings.get(content.ref);
      if (content.view === 'invitation') return tell(meeting?.organiser, content.ref, 'The meeting invitation');
      // A notice that the meeting moved or was cancelled: whoever does not get it may turn up at the
      // old time. The organiser is told; if it was theirs that failed, whoever made the change.
      const what = content.view === 'rescheduled' ? 'The notice that the meeting was moved' : 'The notice that the meeting was cancelled';
      const organiser = meeting?.organiser !== recipientId ? meeting?.organiser : meeting?.changes?.at(-1)?.by;
      return tell(organiser, content.ref, what);
    }
    default:
      return [];
  }
}

/** Carries out what follows each failed message not yet followed up (the delivery loop calls it after a failure, and sweeps for any left). */
export async function followUpFailures(ctx: ServiceContext, entries: OutboxDoc[]): Promise<number> {
  let done = 0;
  for (const entry of entries) {
    await enqueueAll(ctx, await messagesAfterFailure(ctx, entry));
    if (await ctx.records.outbox.updateIfVersion(entry._id, entry.version, { followedUp: true })) done++;
  }
  return done;
}

/** Failed messages whose follow-up has not been done (a stop between the two, or given up while held). */
export function failuresToFollowUp(ctx: ServiceContext, limit = 20): Promise<OutboxDoc[]> {
  return ctx.records.outbox.find({ state: 'failed', followedUp: false }, { limit });
}

export interface UndeliveredMessage {
  id: string;
  ref: string | null;
  to: string;
  what: string;
  why: string;
  failedAt: string | null;
}

/** Messages given up, newest first (for `psb outbox`, the digest and /healthz). */
export async function undeliveredMessages(
  ctx: ServiceContext,
  options: { since?: string; refs?: (ref: string | null) => boolean; limit?: number } = {},
): Promise<UndeliveredMessage[]> {
  const filter: Filter = options.since ? { state: 'failed', failedAt: { $gte: options.since } } : { state: 'failed' };
  const failed = await ctx.records.outbox.find(filter, { sort: { failedAt: -1 }, limit: options.limit ?? 200 });
  const names = new Map<string, string>();
  const rows: UndeliveredMessage[] = [];
  for (const entry of failed) {
    if (options.refs && !options.refs(entry.subjectRef)) continue;
    let to = 'a channel';
    if (entry.recipient.kind === 'person') {
      const id = entry.recipient.personId;
      if (!names.has(id)) names.set(id, (await ctx.records.people.get(id))?.name ?? id);
      to = names.get(id)!;
    }
    const what =
      entry.action === 'update'
        ? `update of a ${entry.content.kind}`
        : entry.content.kind === 'move-card' || entry.content.kind === 'meeting-card'
          ? `${entry.content.kind.replace('-', ' ')} (${entry.content.view})`
          : entry.content.kind;
    rows.push({ id: entry._id, ref: entry.subjectRef, to, what, why: entry.lastError ?? 'not delivered', failedAt: entry.failedAt ?? null });
  }
  return rows;
}

export function countUndelivered(ctx: ServiceContext): Promise<number> {
  return ctx.records.outbox.count({ state: 'failed' });
}
