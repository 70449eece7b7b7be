// What an outbox entry looks like when it is sent: rendered from the stored state at that moment,
// so a message retried late shows its subject as it is now. Reads only: anything with side effects
// (creating, moving or cancelling a Teams meeting through Graph) is done before rendering, by the delivery loop.
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { ServiceContext } from '../services/context';
import { buildDigest, digestSince, type DigestSections } from '../services/digest';
import { toPerson } from '../services/people';
import { openTasksOf } from '../services/tasks';
import type { OutboxDoc } from '../store/records';
import { noticeCard } from './cards';
import { renderTasksCard } from './taskRenderer';
import { digestCard } from './digestCards';
import { placementActivity } from './placementCardRenderer';
import { renderMoveCard } from './moveCardRenderer';

/** The activity for an entry, or a reason it can never be sent (its subject is gone). */
export async function renderOutboxEntry(
  ctx: ServiceContext,
  entry: OutboxDoc,
  options: { inChannel: boolean; digestSections: DigestSections },
): Promise<Partial<Activity> | { gone: string }> {
  const content = entry.content;
  // The summary is the notification's preview, not the message's text: a text would show as a bubble of its own beside the card.
  const asCard = (card: object, summary: string): Partial<Activity> => ({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary });
  switch (content.kind) {
    case 'notice':
      return asCard(noticeCard(content.title, content.text, content.facts), content.title);
    case 'move-card': {
      const request = await ctx.records.moveRequests.get(content.ref);
      if (!request) return { gone: `move request ${content.ref} no longer exists` };
      const reader = entry.recipient.kind === 'person' ? await ctx.records.people.get(entry.recipient.personId) : null;
      const card = await renderMoveCard(ctx, request, content.view, { person: reader ? toPerson(reader) : null, shared: options.inChannel });
      return asCard(card, `Placement move request ${request.ref}`);
    }
    case 'digest': {
      const subscription = await ctx.records.digestSubscriptions.get(entry.recipient.kind === 'channel' ? entry.recipient.conversationId : '');
      const since = subscription ? digestSince(subscription, content.date) : null;
      const digest = await buildDigest(ctx, content.teams, content.date, since, options.digestSections);
      return asCard(digestCard(digest, ctx.now()), 'Placement stability digest');
    }
    case 'alert-card':
    case 'meeting-card':
    case 'meeting-invite':
    case 'meeting-event-change':
    case 'meeting-offer':
    case 'episode-disruption-offer': {
      const activity = await placementActivity(ctx, { ...entry, content }, { inChannel: options.inChannel });
      return activity ?? { gone: `the ${content.kind} subject no longer exists` };
    }
    case 'task-reminder': {
      if (entry.recipient.kind !== 'person') return { gone: 'a task reminder goes to a person' };
      const person = await ctx.records.people.get(entry.recipient.personId);
      if (!person) return { gone: `${entry.recipient.personId} is no longer on the roster` };
      const tasks = (await openTasksOf(ctx, toPerson(person))).filter((t) => t.dueDate <= content.date);
      const reader = { person: toPerson(person), shared: options.inChannel };
      return asCard(
        await renderTasksCard(ctx, reader, tasks, { text: `Good morning: ${tasks.length} task${tasks.length === 1 ? ' is' : 's are'} due today or overdue.`, color: 'Attention' }),
        'Tasks due',
      );
    }
  }
}
