// What follows a change of an alert, as declared to the effects runner (services/effects/runner.ts),
// which writes the change's audit entry first and clears the effect when done. Each message has a
// fixed key, so running the effects again queues nothing twice.
import { alertRecipients } from '../domain/alerts';
import type { AlertEffect, FragilityAlertDoc } from '../store/records';
import type { ServiceContext } from './context';
import { resumeEffects, runEffects, type RecordEffects } from './effects/runner';
import type { OutgoingMessage } from './outbox';
import { toChild, toPerson } from './people';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

async function hasChat(ctx: ServiceContext, personId: string): Promise<boolean> {
  return !!(await ctx.records.conversations.get(`person:${personId}`));
}

/**
 * The people told about an alert (FRAG-1). Someone who has never opened a chat with the bot cannot
 * be reached in Teams yet: their message is held (see releaseHeldMessages) and sent when they first
 * open the bot, and the person who raised the alert is asked to tell them another way meanwhile
 * (see alertAudienceFor).
 */
async function messagesFor(ctx: ServiceContext, effect: AlertEffect, alert: FragilityAlertDoc): Promise<OutgoingMessage[]> {
  const childDoc = await ctx.records.children.get(alert.caseRef);
  if (!childDoc) return [];
  const child = toChild(childDoc);
  if (effect === 'raised') {
    const people = (await ctx.records.people.find({}, { sort: { _id: 1 } })).map(toPerson);
    const messages: OutgoingMessage[] = [];
    for (const recipient of alertRecipients(child, people, { raisedBy: alert.raisedBy }).recipients) {
      messages.push({ key: `${alert.ref}:alert:${recipient.personId}`, recipient: personal(recipient.personId), content: { kind: 'alert-card', ref: alert.ref }, subjectRef: alert.ref });
    }
    return messages;
  }
  // Closed: the person who raised it and the child's social worker hear why.
  const closure = alert.closure!;
  const told = [...new Set([alert.raisedBy, child.socialWorker].filter((id): id is string => !!id && id !== closure.by))];
  const messages: OutgoingMessage[] = [];
  for (const id of told) {
    messages.push({
      key: `${alert.ref}:closed:${id}`,
      recipient: personal(id),
      content: {
        kind: 'notice',
        title: `${alert.ref} closed`,
        text: `The fragility alert on case ${alert.caseRef} was closed by ${closure.byName}${closure.meetingRef ? ` with the outcome of ${closure.meetingRef}` : ''}: ${closure.reason}`,
        ref: alert.ref,
      },
      subjectRef: alert.ref,
    });
  }
  return messages;
}

/** What each effect of an alert does, for the effects runner. */
export const alertEffects: RecordEffects<FragilityAlertDoc, AlertEffect> = {
  kind: 'fragility alert',
  collection: (records) => records.fragilityAlerts,
  plan: async (ctx, effect, alert) => ({ messages: await messagesFor(ctx, effect, alert) }),
};

/** Carries out the alert's pending effects and clears them; returns the alert as stored after. */
export const runAlertEffects = (ctx: ServiceContext, alert: FragilityAlertDoc): Promise<FragilityAlertDoc> => runEffects(ctx, alertEffects, alert);

/** After a restart: finish the effects of any alert change whose process stopped half-way. */
export const resumePendingAlertEffects = (ctx: ServiceContext): Promise<number> => resumeEffects(ctx, alertEffects);

/** Who was told about the alert in Teams, and who must be told another way (for the card of the person who raised it). */
export async function alertAudienceFor(ctx: ServiceContext, alert: FragilityAlertDoc): Promise<{ told: string[]; tellDirectly: string[] }> {
  const childDoc = await ctx.records.children.get(alert.caseRef);
  if (!childDoc) return { told: [], tellDirectly: [] };
  const people = (await ctx.records.people.find({}, { sort: { _id: 1 } })).map(toPerson);
  const audience = alertRecipients(toChild(childDoc), people, { raisedBy: alert.raisedBy });
  const told: string[] = [];
  const tellDirectly: string[] = [];
  for (const r of audience.recipients) {
    if (await hasChat(ctx, r.personId)) told.push(r.name);
    else tellDirectly.push(`${r.name} (${r.email}): not reachable in Teams yet, tell them directly (they will get it when they first open the bot).`);
  }
  for (const u of audience.unreachable) tellDirectly.push(u.reason);
  return { told, tellDirectly };
}
