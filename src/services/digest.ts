// The managers' daily digest: subscriptions per channel, what a digest contains, and queueing the
// digests and task reminders that are due. Queueing is idempotent by key (one digest per channel
// per scheduled day, one reminder per person per day), so two bot processes on one MongoDB, or a
// restart after a missed day, queue each once.
import { isPastTarget } from './moveChasing';
import { moveFlowOf } from './moveFlowSettings';
import { z } from 'zod';
import { addDays, ukDate } from '../domain/dates';
import { MOVE_STATE_LABELS } from '../domain/moves';
import { ALL_TEAMS, type Person } from '../domain/people';
import { authorize } from '../domain/permissions';
import { latestOccurrence, previousOccurrence, WEEKDAYS, type WeeklySchedule } from '../domain/schedule';
import { ukLocalToInstant } from '../domain/ukTime';
import type { DigestSubscriptionDoc, TaskDoc } from '../store/records';
import type { Filter } from '../store/collection';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { titleForSharedPlaces } from './taskTitles';
import { NotFoundError, InvalidInputError } from './errors';
import { stabilityFromStore } from './measures';
import { enqueueAll, type OutgoingMessage } from './outbox';
import { undeliveredMessages } from './undelivered';
import { overduePlans } from './placementPlan';
import { checkTeamsExist } from './teamNames';

export const DEFAULT_SCHEDULE: WeeklySchedule = { days: WEEKDAYS, time: '08:00' };

const teamList = z.array(z.string().trim().min(1).max(100)).min(1, 'Name at least one team (or * for all).').max(50, 'At most 50 teams.');

export async function subscribeDigest(
  ctx: ServiceContext,
  actor: Person | 'cli',
  conversationId: string,
  teams: string[],
  schedule: WeeklySchedule = DEFAULT_SCHEDULE,
): Promise<DigestSubscriptionDoc> {
  const parsed = teamList.safeParse(teams);
  if (!parsed.success) throw new InvalidInputError({ teams: parsed.error.issues[0].message });
  // In chat, a mistyped team is named (before the permission check: team names are not sensitive).
  // The CLI may set a digest up before the roster and children are imported.
  if (actor !== 'cli') await checkTeamsExist(ctx, parsed.data, 'teams');
  if (actor !== 'cli') authorize(actor, 'send the digest to a channel', { teams: parsed.data });
  const now = ctx.now().toISOString();
  const existing = await ctx.records.digestSubscriptions.get(conversationId);
  const doc: DigestSubscriptionDoc = {
    _id: conversationId,
    version: (existing?.version ?? 0) + 1,
    teams: [...new Set(parsed.data)].sort(),
    days: schedule.days,
    time: schedule.time,
    active: true,
    createdBy: actor === 'cli' ? 'cli' : actor.id,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await ctx.records.digestSubscriptions.put(doc);
  await writeAudit(ctx, {
    actor: doc.createdBy,
    action: 'digest.subscribed',
    subject: conversationId,
    toState: 'active',
    details: { teams: doc.teams.join(';'), days: doc.days.join(','), time: doc.time },
  });
  return doc;
}

async function changeSubscription(ctx: ServiceContext, actor: Person | 'cli', conversationId: string, change: Partial<DigestSubscriptionDoc>, action: string) {
  const existing = await ctx.records.digestSubscriptions.get(conversationId);
  if (!existing || !existing.active) throw new NotFoundError('This channel does not receive the digest. Say "digest here <team>" to start it.');
  if (actor !== 'cli') authorize(actor, 'send the digest to a channel', { teams: existing.teams });
  const updated = await ctx.records.digestSubscriptions.updateIfVersion(conversationId, existing.version, { ...change, updatedAt: ctx.now().toISOString() });
  if (!updated) throw new InvalidInputError({ digest: 'The digest settings changed meanwhile; try again.' });
  await writeAudit(ctx, { actor: actor === 'cli' ? 'cli' : actor.id, action, subject: conversationId, fromState: 'active', toState: updated.active ? 'active' : 'stopped' });
  return updated;
}

export const stopDigest = (ctx: ServiceContext, actor: Person | 'cli', conversationId: string) =>
  changeSubscription(ctx, actor, conversationId, { active: false }, 'digest.stopped');
export const rescheduleDigest = (ctx: ServiceContext, actor: Person | 'cli', conversationId: string, schedule: WeeklySchedule) =>
  changeSubscription(ctx, actor, conversationId, { days: schedule.days, time: schedule.time }, 'digest.rescheduled');

// ---- what a digest says ----------------------------------------------------------------------------

export interface DigestData {
  teams: string[];
  date: string;
  measure: { lookedAfter: number; count: number; percent: number; trend: Array<{ at: string; percent: number }>; nationalYear: number; nationalPercent: number } | null;
  atRisk: string[];
  pendingApprovals: Array<{ ref: string; caseRef: string; urgent: boolean; state: string; requestedAt: string }>;
  /** Requests waiting for a decision past their escalation target (working time, see services/moveChasing.ts). */
  pastTarget: Array<{ ref: string; caseRef: string; urgent: boolean; requestedAt: string }>;
  decisionsSince: Array<{ ref: string; caseRef: string; outcome: string; byName: string; at: string }>;
  /** The title is a structured fact (the carer and a meeting's words are kept beside it, not shown in a digest). */
  overdueTasks: Array<{ caseRef: string; title: string; ownerName: string; dueDate: string; ref: string }>;
  codingToFix: Array<{ caseRef: string; title: string; dueDate: string }>;
  /** Placement plans (PLAN-1) and their revisions (PLAN-2) past their due date. */
  plansOverdue?: Array<{ caseRef: string; what: string; dueDate: string }>;
  /** Filled by the alerts and meetings features when they are present. */
  openAlerts: Array<{ ref: string; caseRef: string; urgent: boolean; raisedAt: string; summary: string; panels?: string[] }>;
  upcomingMeetings: Array<{ ref: string; caseRef: string; type: string; date: string }>;
  /**
   * Disruption Meetings of the last 12 months that recorded their learning (what helped, what did
   * not, what to change, END-2): references only, since the digest goes to a channel; managers read
   * the learning itself with `disruptions` in their own chat. Missing on digests queued before it.
   */
  disruptionLearning?: Array<{ ref: string; caseRef: string; date: string }>;
  /** Messages about these teams' requests, alerts and meetings that could not be delivered (since the last digest, or in the last 7 days). */
  undelivered?: Array<{ ref: string; to: string; what: string; why: string; failedAt: string }>;
}

/** Extra sections other features contribute (open alerts, meetings), registered at start. */
export interface DigestSections {
  openAlerts?(ctx: ServiceContext, teams: string[], date: string): Promise<DigestData['openAlerts']>;
  upcomingMeetings?(ctx: ServiceContext, teams: string[], from: string, to: string): Promise<DigestData['upcomingMeetings']>;
}

const teamFilter = (teams: string[]): Filter => (teams.includes(ALL_TEAMS) ? {} : { team: { $in: teams } });

/** Everything the digest shows for `teams` on `date`; case references only, never names. */
export async function buildDigest(ctx: ServiceContext, teams: string[], date: string, since: string | null, sections: DigestSections = {}): Promise<DigestData> {
  const report = await stabilityFromStore(ctx, date, { teams });
  const measure =
    report.local.lookedAfter > 0 || report.trend.some((t) => t.lookedAfter > 0)
      ? {
          lookedAfter: report.local.lookedAfter,
          count: report.local.count,
          percent: report.local.percent,
          trend: report.trend.map((t) => ({ at: t.at, percent: t.percent })),
          nationalYear: report.national.yearEnding,
          nationalPercent: report.national.percent,
        }
      : null;
  const pending = await ctx.records.moveRequests.find({ ...teamFilter(teams), state: { $in: ['pending', 'info_requested'] } }, { sort: { requestedAt: 1 } });
  const decided = since ? await ctx.records.moveRequests.find({ ...teamFilter(teams), 'decision.at': { $gte: since } }, { sort: { 'decision.at': 1 } }) : [];
  const openTasks: TaskDoc[] = await ctx.records.tasks.find({ ...teamFilter(teams), state: 'open', dueDate: { $lt: date } }, { sort: { dueDate: 1 } });
  const owners = new Map<string, string>();
  for (const id of new Set(openTasks.map((t) => t.owner))) owners.set(id, (await ctx.records.people.get(id))?.name ?? id);
  return {
    teams,
    date,
    measure,
    atRisk: report.local.atRisk,
    pendingApprovals: pending.map((r) => ({ ref: r.ref, caseRef: r.caseRef, urgent: r.urgency === 'urgent', state: MOVE_STATE_LABELS[r.state], requestedAt: r.requestedAt })),
    pastTarget: pending
      .filter((r) => isPastTarget(r, moveFlowOf(ctx), ctx.now()))
      .map((r) => ({ ref: r.ref, caseRef: r.caseRef, urgent: r.urgency === 'urgent', requestedAt: r.requestedAt })),
    decisionsSince: decided.map((r) => ({ ref: r.ref, caseRef: r.caseRef, outcome: r.decision!.outcome, byName: r.decision!.byName, at: r.decision!.at })),
    overdueTasks: openTasks
      .filter((t) => t.kind !== 'fix-coding')
      .map((t) => ({ caseRef: t.caseRef, title: titleForSharedPlaces(t), ownerName: owners.get(t.owner)!, dueDate: t.dueDate, ref: t.sourceRef })),
    codingToFix: (await ctx.records.tasks.find({ ...teamFilter(teams), state: 'open', kind: 'fix-coding' }, { sort: { dueDate: 1 } })).map((t) => ({
      caseRef: t.caseRef,
      title: t.title,
      dueDate: t.dueDate,
    })),
    plansOverdue: await overduePlans(ctx, teams, date),
    openAlerts: sections.openAlerts ? await sections.openAlerts(ctx, teams, date) : [],
    upcomingMeetings: sections.upcomingMeetings ? await sections.upcomingMeetings(ctx, teams, date, addDays(date, 7)) : [],
    disruptionLearning: (
      await ctx.records.meetings.find(
        { ...teamFilter(teams), type: 'disruption', state: 'held', date: { $gte: addDays(date, -365) }, 'outcome.learning': { $exists: true } },
        { sort: { date: -1 }, limit: 500 },
      )
    )
      .filter((m) => m.outcome?.learning)
      .map((m) => ({ ref: m.ref, caseRef: m.caseRef, date: m.date })),
    undelivered: await undeliveredForTeams(ctx, teams, since ?? ukLocalToInstant(addDays(date, -7), '00:00').toISOString()),
  };
}

/** The undelivered messages whose subject (a move request, an alert, a meeting) belongs to one of `teams`. */
async function undeliveredForTeams(ctx: ServiceContext, teams: string[], since: string): Promise<DigestData['undelivered']> {
  const failed = await undeliveredMessages(ctx, { since, limit: 100 });
  const teamOf = new Map<string, string | null>();
  const rows: DigestData['undelivered'] = [];
  for (const m of failed) {
    if (!m.ref) continue;
    if (!teamOf.has(m.ref)) {
      const subject = m.ref.startsWith('PM-')
        ? await ctx.records.moveRequests.get(m.ref)
        : m.ref.startsWith('FA-')
          ? await ctx.records.fragilityAlerts.get(m.ref)
          : m.ref.startsWith('MT-')
            ? await ctx.records.meetings.get(m.ref)
            : null;
      teamOf.set(m.ref, subject?.team ?? null);
    }
    const team = teamOf.get(m.ref);
    if (team && (teams.includes(ALL_TEAMS) || teams.includes(team)))
      rows.push({ ref: m.ref, to: m.to, what: m.what, why: m.why.split('; last error:')[0], failedAt: m.failedAt ?? '' });
  }
  return rows;
}

/** The instant from which "decisions since the last digest" counts, for a subscription's digest of `date`. */
export function digestSince(subscription: Pick<DigestSubscriptionDoc, 'days' | 'time'>, date: string): string | null {
  const previous = previousOccurrence(subscription, date);
  return previous ? ukLocalToInstant(previous, subscription.time).toISOString() : null;
}

export const digestKey = (conversationId: string, date: string) => `digest:${conversationId}:${date}`;

/** Queues a digest now, on demand ("digest now"): a fresh key each time, by the minute. */
export async function queueDigestNow(ctx: ServiceContext, actor: Person | 'cli', conversationId: string): Promise<void> {
  const subscription = await ctx.records.digestSubscriptions.get(conversationId);
  if (!subscription || !subscription.active) throw new NotFoundError('This channel does not receive the digest. Say "digest here <team>" to start it.');
  if (actor !== 'cli') authorize(actor, 'send the digest to a channel', { teams: subscription.teams });
  const now = ctx.now();
  await enqueueAll(ctx, [
    {
      key: `${digestKey(conversationId, ukDate(now))}:now:${now.toISOString().slice(0, 16)}`,
      recipient: { kind: 'channel', conversationId },
      content: { kind: 'digest', teams: subscription.teams, date: ukDate(now) },
      subjectRef: null,
    },
  ]);
}

/**
 * Queues every digest whose latest scheduled time has passed and that has not been queued for that
 * day. Digests owed from before a subscription began are skipped. Returns how many were new.
 */
export async function queueDueDigests(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  const messages: OutgoingMessage[] = [];
  for (const subscription of await ctx.records.digestSubscriptions.find({ active: true })) {
    const date = latestOccurrence(subscription, now);
    if (!date || ukLocalToInstant(date, subscription.time).toISOString() < subscription.createdAt) continue;
    if (await ctx.records.outbox.get(digestKey(subscription._id, date))) continue;
    messages.push({
      key: digestKey(subscription._id, date),
      recipient: { kind: 'channel', conversationId: subscription._id },
      content: { kind: 'digest', teams: subscription.teams, date },
      subjectRef: null,
    });
  }
  await enqueueAll(ctx, messages);
  return messages.length;
}

/** Task reminders: once a day, on weekdays from 08:00 UK time, each owner of tasks due today or overdue. */
export async function queueDueReminders(ctx: ServiceContext, schedule: WeeklySchedule = DEFAULT_SCHEDULE): Promise<number> {
  const now = ctx.now();
  const date = latestOccurrence(schedule, now);
  if (date !== ukDate(now)) return 0; // only on the day itself: a stale reminder helps nobody
  const due = await ctx.records.tasks.find({ state: 'open', dueDate: { $lte: date } });
  const owners = [...new Set(due.map((t) => t.owner))];
  const messages: OutgoingMessage[] = [];
  for (const owner of owners) {
    const key = `reminder:${owner}:${date}`;
    if (await ctx.records.outbox.get(key)) continue;
    messages.push({ key, recipient: { kind: 'person', personId: owner }, content: { kind: 'task-reminder', date }, subjectRef: null });
  }
  await enqueueAll(ctx, messages);
  return messages.length;
}
