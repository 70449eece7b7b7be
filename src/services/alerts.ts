// Fragility alerts: raising one (FRAG-1, FRAG-2), what to do next (FRAG-3 to FRAG-7), closing one,
// and the open ones per team. Same shape as the move use cases: validated input, permission from
// the roster, one version-checked update per change with its pending effect, an audit entry each.
import {
  PANELS,
  WORKS_WITH_PLACEMENTS,
  canRaiseAlertFor,
  describeReferral,
  fragilityAlertFormSchema,
  panelDecisionSchema,
  panelReferralSchema,
  suggestNextSteps,
  suggestedPanels,
  triggerLabel,
  type NextStepsAdvice,
  type PanelReferral,
} from '../domain/alerts';
import { ukDate } from '../domain/dates';
import { fieldErrors } from '../domain/moves';
import { ALL_TEAMS, hasRole, type Child, type Person } from '../domain/people';
import { authorize, may, refusal } from '../domain/permissions';
import type { Filter } from '../store/collection';
import type { AlertClosure, AlertEffect, FragilityAlertDoc } from '../store/records';
import { auditOfChange, withAuditOfChange, type ChangeAudit } from './audit';
import { runAlertEffects } from './alertEffects';
import type { ServiceContext } from './context';
import { ConflictError, InvalidInputError, NotFoundError } from './errors';
import { nextReference } from './moves';
import { childrenFor, toChild } from './people';
import { z } from 'zod';
import { changeVersioned } from './versionedChange';
import { createOnce, pressOf } from './claims';

export async function getAlert(ctx: ServiceContext, ref: string): Promise<FragilityAlertDoc> {
  const alert = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.fragilityAlerts.get(ref) : null;
  if (!alert) throw new NotFoundError(`There is no alert ${String(ref).slice(0, 40)}.`);
  return alert;
}

/** The children this person may raise an alert on: those they act for, and those whose carers they supervise or whose reviews they chair. */
export async function alertChildrenFor(ctx: ServiceContext, person: Person): Promise<Child[]> {
  const byRef = new Map((await childrenFor(ctx, person)).map((c) => [c.caseRef, c]));
  for (const field of ['supervisingSocialWorker', 'iro']) {
    for (const doc of await ctx.records.children.find({ [field]: person.id }, { sort: { _id: 1 } })) byRef.set(doc.caseRef, toChild(doc));
  }
  if (WORKS_WITH_PLACEMENTS.some((role) => hasRole(person, role))) {
    for (const doc of await ctx.records.children.find(teamFilter(person.teams), { sort: { _id: 1 } })) byRef.set(doc.caseRef, toChild(doc));
  }
  return [...byRef.values()].sort((a, b) => a.caseRef.localeCompare(b.caseRef));
}

/** Reads the alert and checks the person may do `action` on it; the refusal shows nothing of it, nor whether it exists. */
async function authorizeOnAlert(ctx: ServiceContext, person: Person, action: 'see an alert' | 'close an alert by hand', ref: string): Promise<FragilityAlertDoc> {
  const alert = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.fragilityAlerts.get(ref) : null;
  const shownRef = String(ref).slice(0, 40);
  if (!alert) throw refusal(action, shownRef);
  const childDoc = await ctx.records.children.get(alert.caseRef);
  authorize(person, action, { alert, child: childDoc ? toChild(childDoc) : null }, shownRef);
  return alert;
}

/** The alert as `person` may see it (opening it by its reference). */
export function openAlert(ctx: ServiceContext, person: Person, ref: string): Promise<FragilityAlertDoc> {
  return authorizeOnAlert(ctx, person, 'see an alert', ref);
}

/**
 * Raises an alert from the form. Bad input, or a child the person has no part in, stores nothing.
 * The same press again (`formId`: the form's message) answers with the alert the first press raised.
 */
export async function raiseAlert(ctx: ServiceContext, person: Person, form: unknown, formId: string | null = null): Promise<FragilityAlertDoc> {
  const now = ctx.now();
  const parsed = fragilityAlertFormSchema(ukDate(now)).safeParse(form);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const details = parsed.data;
  // An unknown child and a child the person has no part in get the same answer: nothing leaks.
  const childDoc = await ctx.records.children.get(details.caseRef);
  if (!childDoc || !canRaiseAlertFor(person, toChild(childDoc))) {
    throw new InvalidInputError({ caseRef: 'Choose one of the children you work with.' });
  }
  const press = pressOf(person.id, formId, form);
  const find = (ref: string) => ctx.records.fragilityAlerts.get(ref);
  const team = childDoc.team;
  return createOnce(ctx, 'alert', press, { allocate: () => nextReference(ctx, 'FA'), find, create: storeAlert });

  async function storeAlert(ref: string): Promise<FragilityAlertDoc> {
    const at = now.toISOString();
    const alert: FragilityAlertDoc = {
      _id: ref,
      version: 1,
      ref,
      ...details,
      team,
      raisedBy: person.id,
      raisedByName: person.name,
      raisedAt: at,
      state: 'open',
      closure: null,
      meetingRefs: [],
      createdAt: at,
      updatedAt: at,
      pendingEffects: ['raised'],
      pendingAudit: [
        auditOfChange(
          ref,
          1,
          {
            actor: person.id,
            action: 'alert.raised',
            subject: ref,
            toState: 'open',
            details: { caseRef: details.caseRef, triggers: details.triggers.join(','), urgent: details.immediateSafeguardingRisk },
          },
          at,
        ),
      ],
    };
    await ctx.records.fragilityAlerts.insert(alert);
    return runAlertEffects(ctx, alert);
  }
}

/**
 * Changes an alert with a version-checked update and its pending effect; `change` may refuse by
 * throwing. A change of state (with an effect) gives its audit entry, made `at`, stored with it.
 */
export function changeAlert(
  ctx: ServiceContext,
  ref: string,
  change: (current: FragilityAlertDoc) => { fields: Partial<FragilityAlertDoc>; effect: AlertEffect; audit: ChangeAudit } | { fields: Partial<FragilityAlertDoc>; effect: null },
): Promise<{ before: FragilityAlertDoc; after: FragilityAlertDoc }> {
  return changeVersioned(
    ctx,
    ctx.records.fragilityAlerts,
    () => getAlert(ctx, ref),
    (current) => {
      const changed = change(current);
      if (!changed.effect) return changed.fields;
      const {
        fields,
        effect,
        audit: { at, ...audit },
      } = changed;
      return {
        ...fields,
        pendingEffects: [...current.pendingEffects, effect],
        pendingAudit: withAuditOfChange(current, { ...audit, subject: ref, fromState: current.state, toState: fields.state ?? current.state }, at),
      };
    },
  );
}

const closeSchema = z.object({
  reason: z
    .string({ required_error: 'Say why the alert is closed.', invalid_type_error: 'Say why the alert is closed.' })
    .trim()
    .min(10, 'Say why the alert is closed (at least 10 characters), so the team can see what happened.')
    .max(4000, 'The reason must be at most 4000 characters.'),
});

/** Closes an open alert: by the team manager with a reason, or (closure.meetingRef set) by a meeting's outcome. */
export async function closeAlert(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<FragilityAlertDoc> {
  // Only a team manager closes an alert by hand, with a reason; otherwise a meeting outcome closes it.
  await authorizeOnAlert(ctx, person, 'close an alert by hand', ref);
  const parsed = closeSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  return closeOpenAlert(ctx, ref, { by: person.id, byName: person.name, at: ctx.now().toISOString(), reason: parsed.data.reason, meetingRef: null });
}

/** Closes the alert if it is still open (a meeting outcome replayed after a restart closes nothing twice). */
export async function closeOpenAlert(ctx: ServiceContext, ref: string, closure: AlertClosure): Promise<FragilityAlertDoc> {
  const { after } = await changeAlert(ctx, ref, (current) => {
    // The reason is not repeated here: the message may be shown in a shared conversation, the card shows it where it may.
    if (current.state !== 'open') throw new ConflictError(`${ref} was already closed by ${current.closure?.byName ?? 'someone'}.`);
    return {
      fields: { state: 'closed', closure },
      effect: 'closed',
      audit: { actor: closure.by, action: 'alert.closed', details: { reason: closure.reason, meetingRef: closure.meetingRef }, at: closure.at },
    };
  });
  return runAlertEffects(ctx, after);
}

export async function openAlertsOnChild(ctx: ServiceContext, caseRef: string): Promise<FragilityAlertDoc[]> {
  return ctx.records.fragilityAlerts.find({ caseRef, state: 'open' }, { sort: { raisedAt: 1 } });
}

/** What the guidance asks for next, from this alert, the other open ones on the child and the meetings already held on the placement. */
export async function alertAdvice(ctx: ServiceContext, alert: FragilityAlertDoc, child: Child): Promise<NextStepsAdvice> {
  const others = (await openAlertsOnChild(ctx, alert.caseRef)).filter((a) => a.ref !== alert.ref);
  const held = await ctx.records.meetings.find({ caseRef: alert.caseRef, state: 'held', date: { $gte: child.placementStart } });
  return suggestNextSteps({
    triggers: alert.triggers,
    immediateRisk: alert.immediateSafeguardingRisk || others.some((a) => a.immediateSafeguardingRisk),
    supportAlreadyTried: alert.supportAlreadyTried || others.some((a) => a.supportAlreadyTried),
    openAlertsOnChild: others.length,
    priorMeetings: held.map((m) => ({ type: m.type, date: m.date })),
    placementType: child.placementType,
    placementProvider: child.placementProvider,
    essentialServiceUnavailable: alert.essentialServiceUnavailable === true,
    costedExternalServiceNeeded: alert.costedExternalServiceNeeded === true,
  });
}

const teamFilter = (teams: string[]): Filter => (teams.includes(ALL_TEAMS) ? {} : { team: { $in: teams } });

/** Open alerts in the person's teams that they may see, urgent ones first, then newest first (the "alerts" command), each with its child. */
export async function openAlertsFor(ctx: ServiceContext, person: Person): Promise<Array<{ alert: FragilityAlertDoc; child: Child | null }>> {
  const open = await ctx.records.fragilityAlerts.find({ ...teamFilter(person.teams), state: 'open' }, { sort: { raisedAt: -1 }, limit: 200 });
  const seen = [];
  for (const alert of sortUrgentThenNewest(open)) {
    const doc = await ctx.records.children.get(alert.caseRef);
    const child = doc ? toChild(doc) : null;
    if (may(person, 'see an alert', { alert, child })) seen.push({ alert, child });
  }
  return seen;
}

/** Urgent first, then newest first: the order in which someone should read open alerts. */
export function sortUrgentThenNewest<T extends Pick<FragilityAlertDoc, 'immediateSafeguardingRisk' | 'raisedAt'>>(alerts: T[]): T[] {
  return [...alerts].sort((a, b) => Number(b.immediateSafeguardingRisk) - Number(a.immediateSafeguardingRisk) || b.raisedAt.localeCompare(a.raisedAt));
}

/** For the managers' digest: open alerts in these teams, urgent first; case references only, never names. */
export async function openAlertsForTeams(
  ctx: ServiceContext,
  teams: string[],
  _date?: string,
): Promise<Array<{ ref: string; caseRef: string; urgent: boolean; raisedAt: string; summary: string; panels: string[] }>> {
  const open = await ctx.records.fragilityAlerts.find({ ...teamFilter(teams), state: 'open' }, { sort: { raisedAt: 1 }, limit: 200 });
  return open
    .sort((a, b) => Number(b.immediateSafeguardingRisk) - Number(a.immediateSafeguardingRisk))
    .map((a) => ({
      ref: a.ref,
      caseRef: a.caseRef,
      urgent: a.immediateSafeguardingRisk,
      raisedAt: a.raisedAt,
      summary: a.triggers.map(triggerLabel).join('; '),
      panels: (a.panelReferrals ?? []).map((r) => describeReferral(r)),
    }));
}

// ---- panel referrals (FRAG-6, FRAG-7) ------------------------------------------------------------

/** Whether the person may refer the child's case to a panel and record its decision (the permission table's rule). */
export function mayReferToPanel(person: Person, child: Child | null): boolean {
  return !!child && may(person, 'refer a case to a panel', { alert: { ref: '', team: child.team }, child });
}

/**
 * The alert and its child, for a person who may refer it to a panel; otherwise the table's refusal,
 * the same whether the alert exists or not and showing nothing of it.
 */
async function alertForReferral(ctx: ServiceContext, person: Person, ref: string): Promise<{ alert: FragilityAlertDoc; child: Child | null }> {
  const alert = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.fragilityAlerts.get(ref) : null;
  const shownRef = String(ref).slice(0, 40);
  if (!alert) throw refusal('refer a case to a panel', shownRef);
  const doc = await ctx.records.children.get(alert.caseRef);
  const child = doc ? toChild(doc) : null;
  authorize(person, 'refer a case to a panel', { alert, child }, shownRef);
  return { alert, child };
}

/**
 * Refers the child's case to a panel the alert's answers call for (FRAG-6: an essential service that
 * cannot be got; FRAG-7: a costed external service). One referral per panel per alert: a second
 * press finds the first and changes nothing.
 */
export async function referToPanel(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<FragilityAlertDoc> {
  const { alert, child } = await alertForReferral(ctx, person, ref);
  const parsed = panelReferralSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const { panel } = parsed.data;
  if (alert.state !== 'open') throw new ConflictError(`${ref} is closed: nothing was referred.`);
  const suggested = suggestedPanels(await alertAdvice(ctx, alert, child!));
  if (!suggested.includes(panel)) {
    throw new ConflictError(
      `The answers on ${ref} do not call for the ${PANELS[panel].label}: ${panel === 'stability-panel' ? 'it is for a service essential to the placement that cannot be got' : 'it is for an extra external service that costs money'}. Nothing was referred.`,
    );
  }
  const at = ctx.now().toISOString();
  const { after } = await changeAlert(ctx, ref, (current) => {
    const referrals = current.panelReferrals ?? [];
    if (referrals.some((r) => r.panel === panel)) throw new ConflictError(`${ref} was already referred to the ${PANELS[panel].label}.`);
    const referral: PanelReferral = { panel, referredBy: person.id, referredByName: person.name, referredAt: at, decision: null };
    return {
      fields: { panelReferrals: [...referrals, referral], updatedAt: at },
      effect: 'panel-referred',
      audit: { actor: person.id, action: 'alert.panel.referred', details: { panel, caseRef: current.caseRef }, at },
    };
  });
  return runAlertEffects(ctx, after);
}

/** Records the panel's decision (agreed / not agreed, and the date) back on the alert. Once only. */
export async function recordPanelDecision(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<FragilityAlertDoc> {
  const { alert } = await alertForReferral(ctx, person, ref);
  const panelOnly = panelReferralSchema.safeParse(input);
  if (!panelOnly.success) throw new InvalidInputError(fieldErrors(panelOnly.error));
  const referral = (alert.panelReferrals ?? []).find((r) => r.panel === panelOnly.data.panel);
  if (!referral) throw new ConflictError(`${ref} has not been referred to the ${PANELS[panelOnly.data.panel].label}. Nothing has changed.`);
  const now = ctx.now();
  const parsed = panelDecisionSchema(ukDate(now), ukDate(new Date(referral.referredAt))).safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const { panel, outcome, decidedOn } = parsed.data;
  const at = now.toISOString();
  const { after } = await changeAlert(ctx, ref, (current) => {
    const referrals = current.panelReferrals ?? [];
    const existing = referrals.find((r) => r.panel === panel);
    if (existing?.decision) throw new ConflictError(`The ${PANELS[panel].label}\u2019s decision on ${ref} was already recorded by ${existing.decision.recordedByName}.`);
    const decision = { outcome, decidedOn, recordedBy: person.id, recordedByName: person.name, recordedAt: at };
    return {
      fields: { panelReferrals: referrals.map((r) => (r.panel === panel ? { ...r, decision } : r)), updatedAt: at },
      effect: 'panel-decided',
      audit: { actor: person.id, action: 'alert.panel.decided', details: { panel, outcome, decidedOn }, at },
    };
  });
  return runAlertEffects(ctx, after);
}
