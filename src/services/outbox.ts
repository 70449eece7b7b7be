// Every proactive message is first written to the outbox, then sent by the sender in the Teams
// layer. The key of an entry says what it is for (e.g. "PM-2026-0001:approval:hos@council.gov.uk"),
// so queueing the same message twice, after a retry or a restart, stores it once.
import type { OutboxContent, OutboxDoc, Recipient } from '../store/records';
import { DuplicateKeyError } from '../store/collection';
import { insertAllOnce } from '../store/insertOnce';
import type { ServiceContext } from './context';
import { reachableInTeams } from './knownChats';

export interface OutgoingMessage {
  key: string;
  recipient: Recipient;
  content: OutboxContent;
  subjectRef: string | null;
  /** For an update: the key of the sent message to replace. */
  updates?: string;
  /** A card the person already has (the form they pressed became it): recorded as sent, so that later changes update it. */
  shown?: { activityId: string; conversationId: string };
}

/**
 * A notice's "Why" fact: the rule ids behind it, for those who audit the bot, kept out of the words
 * people read (as on cards, see teams/whyLine.ts).
 */
export function whyFact(...ruleIds: string[]): { title: string; value: string } {
  return { title: 'Why', value: [...new Set(ruleIds)].join(', ') };
}

function outboxDoc(message: OutgoingMessage, now: string): OutboxDoc {
  return {
    _id: message.key,
    version: 1,
    recipient: message.recipient,
    content: message.content,
    action: message.updates ? 'update' : 'send',
    updates: message.updates ?? null,
    subjectRef: message.subjectRef,
    state: message.shown ? 'sent' : 'pending',
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    activityId: message.shown?.activityId ?? null,
    conversationId: message.shown?.conversationId ?? null,
    createdAt: now,
    sentAt: message.shown ? now : null,
  };
}

/** Queues a message; returns false when a message with the same key was queued before. */
export async function enqueue(ctx: ServiceContext, message: OutgoingMessage): Promise<boolean> {
  try {
    await ctx.records.outbox.insert(outboxDoc(message, ctx.now().toISOString()));
    return true;
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false;
    throw err;
  }
}

/** Queues messages in one batch; those whose key was queued before are left as they are. */
export async function enqueueAll(ctx: ServiceContext, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const now = ctx.now().toISOString();
  await insertAllOnce(
    ctx.records.outbox,
    messages.map((m) => outboxDoc(m, now)),
  );
  ctx.onOutboxChanged();
}

export { insertAllOnce };

/**
 * Queues an update of every card already sent about `ref` (sent or being sent), so that every copy
 * shows the current state. `stamp` makes each round of updates distinct (the record's version).
 */
export async function updatesOfSentCards(ctx: ServiceContext, ref: string, stamp: number): Promise<OutgoingMessage[]> {
  const copies = await ctx.records.outbox.find({ subjectRef: ref, action: 'send', 'content.kind': 'move-card', state: { $in: ['sent', 'sending'] } });
  return copies.map((copy) => ({
    key: `${copy._id}:update:v${stamp}`,
    recipient: copy.recipient,
    content: copy.content,
    subjectRef: ref,
    updates: copy._id,
  }));
}

/** How long a message waits for its recipient to open a chat with the bot before it is given up. */
export const HELD_FOR_DAYS = 14;

/**
 * Queues again the messages held for a person who had no chat with the bot (an alert, a meeting
 * invitation, a task reminder), now that they have one; those older than HELD_FOR_DAYS are marked
 * failed instead. Cards are rendered when sent, so each shows its subject as it is now.
 */
export function releaseHeldMessages(ctx: ServiceContext, personId: string): Promise<{ released: number; expired: number }> {
  return settleHeldMessages(ctx, personId, true);
}

/**
 * The scheduler's look over everything held: messages whose recipient has a chat by now go (a
 * first contact that raced the sender, or whose release was cut short by a stop or an outage), and
 * those held past HELD_FOR_DAYS are given up, reachable or not.
 */
export async function sweepHeldMessages(ctx: ServiceContext): Promise<{ released: number; expired: number }> {
  const held = await ctx.records.outbox.find({ state: 'held', 'recipient.kind': 'person' });
  const people = [...new Set(held.map((entry) => (entry.recipient.kind === 'person' ? entry.recipient.personId : '')))].filter(Boolean);
  const totals = { released: 0, expired: 0 };
  for (const personId of people) {
    const reachable = await reachableInTeams(ctx, personId);
    const counts = await settleHeldMessages(ctx, personId, reachable);
    totals.released += counts.released;
    totals.expired += counts.expired;
  }
  return totals;
}

async function settleHeldMessages(ctx: ServiceContext, personId: string, reachable: boolean): Promise<{ released: number; expired: number }> {
  const now = ctx.now();
  const oldest = new Date(now.getTime() - HELD_FOR_DAYS * 86_400_000).toISOString();
  const held = await ctx.records.outbox.find({ state: 'held', 'recipient.kind': 'person', 'recipient.personId': personId }, { sort: { createdAt: 1 } });
  const counts = { released: 0, expired: 0 };
  for (const entry of held) {
    const expired = entry.createdAt < oldest;
    if (!expired && !reachable) continue;
    const changed = await ctx.records.outbox.updateIfVersion(
      entry._id,
      entry.version,
      expired
        ? { state: 'failed', lastError: `not delivered: they opened no chat with the bot within ${HELD_FOR_DAYS} days`, failedAt: now.toISOString(), followedUp: false }
        : { state: 'pending', nextAttemptAt: now.toISOString() },
    );
    if (changed) counts[expired ? 'expired' : 'released']++;
  }
  if (counts.released > 0) ctx.onOutboxChanged();
  return counts;
}

/**
 * Removes messages delivered or given up more than `days` ago, so the outbox stays bounded. A
 * failed message is kept until its follow-up is done. Returns how many were removed.
 */
export async function pruneOutbox(ctx: ServiceContext, days: number): Promise<number> {
  const before = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  const sent = await ctx.records.outbox.deleteMany({ state: 'sent', sentAt: { $lt: before } });
  const failed = await ctx.records.outbox.deleteMany({ state: 'failed', failedAt: { $lt: before }, followedUp: true });
  // Failed before failedAt was kept (or given up while held): by when it was queued.
  const older = await ctx.records.outbox.deleteMany({ state: 'failed', failedAt: { $exists: false }, createdAt: { $lt: before } });
  return sent + failed + older;
}
