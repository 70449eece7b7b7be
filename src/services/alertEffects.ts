// What follows a change of an alert, as declared to the effects runner (services/effects/runner.ts),
// which writes the change's audit entry first and clears the effect when done. Each message has a
// fixed key and each task and entry a fixed id, so running the effects again does nothing twice.
import { PANELS, PANEL_OUTCOME_LABELS, alertRecipients } from '../domain/alerts';
import { addDays, formatDate, ukDate } from '../domain/dates';
import { childTeamManagers } from '../domain/meetings';
import type { Child } from '../domain/people';
import type { AlertEffect, AuditDoc, FragilityAlertDoc, TaskDoc } from '../store/records';
import type { ServiceContext } from './context';
import { resumeEffects, runEffects, type EffectPlan, type RecordEffects } from './effects/runner';
import type { OutgoingMessage } from './outbox';
import { reachableInTeams } from './knownChats';
import { toChild, toPerson } from './people';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/** A chat with the bot, or a team of the bot's that has them (services/teamReach.ts). */
const hasChat = reachableInTeams;

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
      messages.push({
        key: `${alert.ref}:alert:${recipient.personId}`,
        recipient: personal(recipient.personId),
        content: { kind: 'alert-card', ref: alert.ref },
        subjectRef: alert.ref,
      });
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

/**
 * A referral: the child's social worker presents the case (FRAG-7), so they get a task to record the
 * panel's decision back, and they and the team managers hear of it. A decision: the person who raised
 * the alert and the social worker hear it, and the task is done. Keys and ids are fixed per alert and
 * panel, so a replay sends, creates and writes nothing twice.
 */
async function panelPlan(ctx: ServiceContext, effect: 'panel-referred' | 'panel-decided', alert: FragilityAlertDoc, child: Child): Promise<EffectPlan> {
  const tasks: TaskDoc[] = [];
  const audit: AuditDoc[] = [];
  const steps: Array<() => Promise<unknown>> = [];
  const messages: OutgoingMessage[] = [];
  const people = (await ctx.records.people.find({}, { sort: { _id: 1 } })).map(toPerson);
  for (const referral of alert.panelReferrals ?? []) {
    const label = PANELS[referral.panel].label;
    const taskId = `${alert.ref}:panel:${referral.panel}`;
    if (effect === 'panel-referred' && !referral.decision) {
      const owner = child.socialWorker ?? referral.referredBy;
      tasks.push({
        _id: taskId,
        version: 1,
        caseRef: alert.caseRef,
        team: alert.team,
        sourceRef: alert.ref,
        kind: `panel:${referral.panel}`,
        title: `Present case ${alert.caseRef} at the ${label} and record its decision on ${alert.ref}`,
        ruleIds: [PANELS[referral.panel].ruleId],
        owner,
        dueDate: addDays(ukDate(new Date(referral.referredAt)), PANEL_DECISION_DAYS),
        state: 'open',
        createdAt: referral.referredAt,
        doneAt: null,
        doneBy: null,
      });
      const told = new Set([owner, ...childTeamManagers(child, people).map((p) => p.id)]);
      told.delete(referral.referredBy);
      for (const id of told) {
        messages.push({
          key: `${alert.ref}:panel-referred:${referral.panel}:${id}`,
          recipient: personal(id),
          content: { kind: 'alert-card', ref: alert.ref },
          subjectRef: alert.ref,
        });
      }
    }
    if (effect === 'panel-decided' && referral.decision) {
      const decision = referral.decision;
      const task = await ctx.records.tasks.get(taskId);
      if (task && task.state === 'open') {
        // The entry (fixed id) is written before the step, so a replay after the step finds it written.
        audit.push({
          _id: `${taskId}:done`,
          version: 1,
          at: decision.recordedAt,
          actor: decision.recordedBy,
          action: 'task.done',
          subject: alert.ref,
          fromState: 'open',
          toState: 'done',
          details: { task: taskId },
        });
        steps.push(() => ctx.records.tasks.updateIfVersion(task._id, task.version, { state: 'done', doneAt: decision.recordedAt, doneBy: decision.recordedBy }));
      }
      for (const id of new Set([alert.raisedBy, child.socialWorker].filter((x): x is string => !!x && x !== decision.recordedBy))) {
        messages.push({
          key: `${alert.ref}:panel-decided:${referral.panel}:${id}`,
          recipient: personal(id),
          content: {
            kind: 'notice',
            title: `${label}: ${PANEL_OUTCOME_LABELS[decision.outcome].toLowerCase()}`,
            text: `The ${label}\u2019s decision on case ${alert.caseRef} (alert ${alert.ref}), recorded by ${decision.recordedByName}: ${PANEL_OUTCOME_LABELS[decision.outcome].toLowerCase()} on ${formatDate(decision.decidedOn)}.`,
            ref: alert.ref,
          },
          subjectRef: alert.ref,
        });
      }
    }
  }
  return { tasks, audit, steps, messages };
}

/** Panels usually sit every few weeks; the task is due two weeks after the referral. */
const PANEL_DECISION_DAYS = 14;

/** What each effect of an alert does, for the effects runner. */
export const alertEffects: RecordEffects<FragilityAlertDoc, AlertEffect> = {
  kind: 'fragility alert',
  collection: (records) => records.fragilityAlerts,
  async plan(ctx, effect, alert): Promise<EffectPlan> {
    if (effect === 'panel-referred' || effect === 'panel-decided') {
      const childDoc = await ctx.records.children.get(alert.caseRef);
      return childDoc ? panelPlan(ctx, effect, alert, toChild(childDoc)) : {};
    }
    return { messages: await messagesFor(ctx, effect, alert) };
  },
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
