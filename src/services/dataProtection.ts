// Data protection: everything held on a child (for a subject access request), and removal of
// closed records' free text after the retention period. The audit log is never changed: it keeps
// who did what and when, without the free text.
import { addDays, ukDate } from '../domain/dates';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { NotFoundError } from './errors';

/** Every record the bot holds about one child, by case reference. */
export async function exportChild(ctx: ServiceContext, caseRef: string): Promise<Record<string, unknown>> {
  const r = ctx.records;
  const child = await r.children.get(caseRef);
  const requests = await r.moveRequests.find({ caseRef }, { sort: { requestedAt: 1 } });
  if (!child && requests.length === 0) throw new NotFoundError(`Nothing is held for ${caseRef}.`);
  const alerts = await r.fragilityAlerts.find({ caseRef });
  const meetings = await r.meetings.find({ caseRef });
  const refs = [...requests.map((q) => q.ref), ...alerts.map((a) => a.ref), ...meetings.map((m) => m._id)];
  const audit = [...(await r.audit.find({ subject: caseRef })), ...(await r.audit.find({ subject: { $in: refs } }))].sort((a, b) => a.at.localeCompare(b.at));
  return {
    caseRef,
    exportedAt: ctx.now().toISOString(),
    child,
    moveRequests: requests,
    tasks: await r.tasks.find({ caseRef }, { sort: { dueDate: 1 } }),
    placementMoves: await r.placementMoves.find({ caseRef }, { sort: { date: 1 } }),
    episodes: (await r.histories.get(caseRef))?.episodes ?? [],
    fragilityAlerts: alerts,
    meetings,
    messagesAbout: await r.outbox.find({ subjectRef: { $in: refs } }, { sort: { createdAt: 1 } }),
    audit,
  };
}

const REMOVED = '[removed after the retention period]';

/**
 * Removes the free text of move requests closed (declined, completed, withdrawn) more than
 * `retentionDays` ago, and the question text of old guidance feedback. Returns how many records.
 */
export async function applyRetention(ctx: ServiceContext, retentionDays: number): Promise<{ moveRequests: number; feedback: number }> {
  const cutoff = `${addDays(ukDate(ctx.now()), -retentionDays)}T00:00:00.000Z`;
  let moveRequests = 0;
  for (const request of await ctx.records.moveRequests.find({ state: { $in: ['declined', 'completed', 'withdrawn'] }, updatedAt: { $lt: cutoff }, redactedAt: { $exists: false } })) {
    // The entry first, with a fixed id: a run that stops before the removal leaves it to the next
    // run, which writes the entry once more (a no-op) and removes the text.
    await writeAudit(ctx, { actor: 'retention', action: 'move.free-text-removed', subject: request.ref, details: { retentionDays } }, undefined, `${request.ref}:free-text-removed`);
    const redacted = await ctx.records.moveRequests.updateIfVersion(request._id, request.version, {
      rationale: REMOVED,
      reasonOther: request.reasonOther && REMOVED,
      safeguardingIssue: request.safeguardingIssue && REMOVED,
      alternativesConsidered: request.alternativesConsidered && REMOVED,
      virtualSchoolAdvice: REMOVED,
      childToldPlan: REMOVED,
      infoRequests: request.infoRequests.map((q) => ({ ...q, question: REMOVED, answer: q.answer && REMOVED })),
      decision: request.decision && { ...request.decision, comment: request.decision.comment && REMOVED },
      redactedAt: ctx.now().toISOString(),
    });
    if (redacted) moveRequests++;
  }
  let feedback = 0;
  for (const item of await ctx.records.guidanceFeedback.find({ at: { $lt: cutoff }, question: { $ne: REMOVED } })) {
    if (await ctx.records.guidanceFeedback.updateIfVersion(item._id, item.version, { question: REMOVED, comment: null })) feedback++;
  }
  return { moveRequests, feedback };
}
