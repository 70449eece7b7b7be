// Data protection: everything held on a child (for a subject access request), and removal of
// closed records' free text after the retention period. The audit log is never changed: it keeps
// who did what and when, without the free text.
import { childVoiceTexts, redactChildVoice } from '../domain/childVoice';
import { addDays, ukDate } from '../domain/dates';
import type { Collection, StoredDoc } from '../store/collection';
import type { GuidanceFeedbackDoc } from './guidance';
import type { AuditDoc, FragilityAlertDoc, MeetingDoc, MoveRequestDoc, OutboxDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { InvalidInputError, NotFoundError } from './errors';

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
    guidanceFeedback: await feedbackNaming(ctx, [caseRef, child?.name]),
  };
}

/**
 * Guidance feedback whose question or comment names the child: by case reference or full name, as
 * whole words, ignoring case and spacing. A first name alone is not searched for: it would hand
 * over what others wrote about other children of the same name.
 */
async function feedbackNaming(ctx: ServiceContext, names: Array<string | undefined>): Promise<GuidanceFeedbackDoc[]> {
  const patterns = names
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu'));
  const all = await ctx.records.guidanceFeedback.find({}, { sort: { at: 1 } });
  return all.filter((f) => patterns.some((p) => p.test(f.question) || (f.comment !== null && p.test(f.comment))));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shortest retention period: a closed record stays readable at least this long (config RETENTION_DAYS, `psb retention apply`). */
export const MIN_RETENTION_DAYS = 30;

export const REMOVED = '[removed after the retention period]';

export interface RetentionReport {
  moveRequests: number;
  alerts: number;
  meetings: number;
  /** Audit entries whose details held some of that free text. */
  auditEntries: number;
  /** Stored outbox messages (sent or not) that held some of it. */
  messages: number;
  /** Tasks that kept a meeting's free text (an action's words, the service asked for). */
  tasks: number;
  feedback: number;
}

/**
 * Removes the free text of records closed more than `retentionDays` ago, everywhere it is held:
 * - move requests declined, completed or withdrawn (rationale, safeguarding issue, advice, how the
 *   child is told, what the child said or why they were not asked, questions and answers, the
 *   decision's comment);
 * - fragility alerts closed (description, support in place, the child's words, the closing reason);
 * - meetings held whose outcome was recorded that long ago and whose follow-up tasks are all done
 *   (the chair's note, why the child is not at the whole meeting, the child's words, the reasons
 *   for rescheduling, the outcome summary, the service needed, the actions, the learning; open
 *   tasks keep their words until done), and meetings cancelled that long ago (the same, with the
 *   reason for cancelling);
 * and with each record, the same words in its audit entries' details, the outbox's stored messages
 * about it, what its tasks kept of a meeting's words and the reasons in a placement plan's checklist. Who did what and when (actors, names, states, dates, codes,
 * references) stays, in the record and the audit log. Old guidance feedback loses its question and
 * comment. Each record gets one `*.free-text-removed` audit entry.
 *
 * Safe to run again, and after a run that stopped part way: the record itself is changed last, so
 * until it is, the next run still knows which words to look for.
 */
export async function applyRetention(ctx: ServiceContext, retentionDays: number): Promise<RetentionReport> {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS) {
    throw new InvalidInputError({ days: `The retention period must be a whole number of days, at least ${MIN_RETENTION_DAYS}.` });
  }
  const cutoff = `${addDays(ukDate(ctx.now()), -retentionDays)}T00:00:00.000Z`;
  const report: RetentionReport = { moveRequests: 0, alerts: 0, meetings: 0, auditEntries: 0, messages: 0, tasks: 0, feedback: 0 };
  const r = ctx.records;

  for (const request of await r.moveRequests.find({ state: { $in: ['declined', 'completed', 'withdrawn'] }, updatedAt: { $lt: cutoff }, redactedAt: { $exists: false } })) {
    const texts = [
      request.rationale,
      request.reasonOther,
      request.safeguardingIssue,
      request.alternativesConsidered,
      request.virtualSchoolAdvice,
      request.childToldPlan,
      request.decision?.comment,
      request.withdrawal?.reason,
      ...request.infoRequests.flatMap((q) => [q.question, q.answer]),
      ...childVoiceTexts(request.childVoice),
    ];
    const fields: Partial<MoveRequestDoc> = {
      rationale: REMOVED,
      reasonOther: request.reasonOther && REMOVED,
      safeguardingIssue: request.safeguardingIssue && REMOVED,
      alternativesConsidered: request.alternativesConsidered && REMOVED,
      virtualSchoolAdvice: REMOVED,
      childToldPlan: REMOVED,
      infoRequests: request.infoRequests.map((q) => ({ ...q, question: REMOVED, answer: q.answer && REMOVED })),
      decision: request.decision && { ...request.decision, comment: request.decision.comment && REMOVED },
      ...(request.withdrawal && { withdrawal: { ...request.withdrawal, reason: REMOVED } }),
      ...(request.childVoice && { childVoice: redactChildVoice(request.childVoice, REMOVED) }),
    };
    if (await removeFreeText(ctx, { collection: r.moveRequests, record: request, action: 'move.free-text-removed', texts, fields, retentionDays }, report)) report.moveRequests++;
  }

  for (const alert of await r.fragilityAlerts.find({ state: 'closed', 'closure.at': { $lt: cutoff }, redactedAt: { $exists: false } })) {
    const texts = [alert.description, alert.supportInPlace, alert.closure?.reason, ...childVoiceTexts(alert.childVoice)];
    const fields: Partial<FragilityAlertDoc> = {
      description: REMOVED,
      supportInPlace: alert.supportInPlace && REMOVED,
      ...(alert.childVoice && { childVoice: redactChildVoice(alert.childVoice, REMOVED) }),
      closure: alert.closure && { ...alert.closure, reason: REMOVED },
    };
    if (await removeFreeText(ctx, { collection: r.fragilityAlerts, record: alert, action: 'alert.free-text-removed', texts, fields, retentionDays }, report)) report.alerts++;
  }

  for (const meeting of await r.meetings.find({ state: 'held', 'outcome.recordedAt': { $lt: cutoff }, redactedAt: { $exists: false } })) {
    if ((await r.tasks.count({ sourceRef: meeting.ref, state: 'open' })) > 0) continue; // its work is not finished
    if (await removeFreeText(ctx, { collection: r.meetings, record: meeting, action: 'meeting.free-text-removed', ...meetingFreeText(meeting), retentionDays }, report))
      report.meetings++;
  }

  // A cancelled meeting is closed too: its reason for cancelling (and the rest it was given) goes the same way,
  // once the invitees have been told (its effects have run).
  for (const meeting of await r.meetings.find({ state: 'cancelled', updatedAt: { $lt: cutoff }, redactedAt: { $exists: false } })) {
    if (meeting.pendingEffects.length > 0) continue;
    if (await removeFreeText(ctx, { collection: r.meetings, record: meeting, action: 'meeting.free-text-removed', ...meetingFreeText(meeting), retentionDays }, report))
      report.meetings++;
  }

  for (const item of await r.guidanceFeedback.find({ at: { $lt: cutoff }, question: { $ne: REMOVED } })) {
    if (await r.guidanceFeedback.updateIfVersion(item._id, item.version, { question: REMOVED, comment: null })) report.feedback++;
  }
  return report;
}

/** A meeting's free text (the chair's note, the child's voice, the reasons for changes, the outcome) and those fields replaced. */
function meetingFreeText(meeting: MeetingDoc): { texts: Array<string | null | undefined>; fields: Partial<MeetingDoc> } {
  const note = meeting.chair.note;
  const outcome = meeting.outcome;
  const learning = outcome?.learning ?? null;
  const texts = [
    note,
    meeting.childAttendanceReason,
    ...childVoiceTexts(meeting.childVoice),
    ...childVoiceTexts(outcome?.childVoice),
    outcome?.summary,
    outcome?.serviceNeeded,
    ...(outcome?.actions ?? []).map((a) => a.what),
    ...(meeting.changes ?? []).map((c) => c.reason),
    learning?.helped,
    learning?.didNotHelp,
    learning?.change,
  ];
  // The chair's reason quotes the organiser's note when the organiser chose the chair.
  const withoutNote = (reason: string) => (note && reason.includes(note) ? REMOVED : reason);
  const fields: Partial<MeetingDoc> = {
    chair: { ...meeting.chair, note: note && REMOVED, reason: withoutNote(meeting.chair.reason) },
    attendees: meeting.attendees.map((a) => ({ ...a, reason: withoutNote(a.reason) })),
    childAttendanceReason: meeting.childAttendanceReason && REMOVED,
    ...(meeting.childVoice && { childVoice: redactChildVoice(meeting.childVoice, REMOVED) }),
    ...(meeting.changes ? { changes: meeting.changes.map((c) => ({ ...c, reason: REMOVED })) } : {}),
    outcome: outcome && {
      ...outcome,
      ...(learning ? { learning: { helped: REMOVED, didNotHelp: REMOVED, change: REMOVED } } : {}),
      ...(outcome.childVoice && { childVoice: redactChildVoice(outcome.childVoice, REMOVED) }),
      summary: REMOVED,
      serviceNeeded: outcome.serviceNeeded && REMOVED,
      actions: outcome.actions.map((a) => ({ ...a, what: REMOVED })),
    },
  };
  return { texts, fields };
}

// ---- removing one record's free text everywhere ------------------------------------------------------

/**
 * A worker's words are looked for as they were typed. Shorter than this, they are removed only
 * where free text is kept (the record's own fields, the audit details and message text below):
 * searching other strings for "no" or "ok" would spoil names, codes and dates.
 */
const SEARCHED_FROM_LENGTH = 8;

/** Audit details and outbox content that hold free text whatever it says. */
const FREE_TEXT_DETAILS = new Set(['comment', 'reason', 'question', 'answer', 'note', 'summary', 'description', 'text']);

/** What says who did what, when and to whom: never changed, wherever it appears. */
const WHO_AND_WHEN = new Set([
  '_id',
  'version',
  'ref',
  'caseRef',
  'team',
  'state',
  'kind',
  'view',
  'action',
  'actor',
  'subject',
  'fromState',
  'toState',
  'at',
  'by',
  'byName',
  'requestedBy',
  'requestedByName',
  'raisedBy',
  'raisedByName',
  'recordedBy',
  'recordedByName',
  'organiser',
  'organiserName',
  'askedBy',
  'askedByName',
  'personId',
  'owner',
  'recipient',
  'subjectRef',
  'updates',
  'createdAt',
  'updatedAt',
  'sentAt',
  'requestedAt',
  'raisedAt',
  'recordedAt',
  'answeredAt',
  'askedAt',
  'doneAt',
  'doneBy',
  'dueDate',
  'date',
  'redactedAt',
  'nextAttemptAt',
  'leaseUntil',
  'attempts',
  'activityId',
  'conversationId',
  'pendingEffects',
]);

/** `value` with every string that holds one of `texts` replaced by REMOVED (keys in WHO_AND_WHEN left alone). */
function scrub(value: unknown, texts: string[], key?: string): unknown {
  if (key !== undefined && WHO_AND_WHEN.has(key)) return value;
  if (typeof value === 'string') {
    if (key !== undefined && FREE_TEXT_DETAILS.has(key)) return value === '' ? value : REMOVED;
    return texts.some((t) => t.length >= SEARCHED_FROM_LENGTH && value.includes(t)) ? REMOVED : value;
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, texts));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, texts, k)]));
  return value;
}

/**
 * Changes one stored document as `change` says (only the fields that differ are written),
 * retrying when it changed meanwhile; 'busy' when it kept changing or `mayChange` says not now.
 */
async function scrubStored<T extends StoredDoc>(
  collection: Collection<T>,
  doc: T,
  change: (current: T) => Partial<T>,
  mayChange: (current: T) => boolean = () => true,
): Promise<'changed' | 'unchanged' | 'busy'> {
  let current: T | null = doc;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    if (!mayChange(current)) return 'busy';
    const fields = change(current);
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k]))) as Partial<T>;
    if (Object.keys(changed).length === 0) return 'unchanged';
    if (await collection.updateIfVersion(current._id, current.version, changed)) return 'changed';
    current = await collection.get(doc._id);
  }
  return current ? 'busy' : 'unchanged';
}

interface ClosedRecord<T extends StoredDoc> {
  collection: Collection<T>;
  record: T & { ref: string };
  action: string;
  /** The record's free text, as typed (null and blank ones are skipped). */
  texts: Array<string | null | undefined>;
  /** The record's free-text fields, replaced. */
  fields: Partial<T>;
  retentionDays: number;
}

/** Removes one closed record's free text from its audit entries, stored messages, tasks and, last, the record. True when the record was changed. */
async function removeFreeText<T extends StoredDoc>(ctx: ServiceContext, closed: ClosedRecord<T>, report: RetentionReport): Promise<boolean> {
  const { record, texts: given } = closed;
  const texts = [...new Set(given.filter((t): t is string => typeof t === 'string' && t.trim() !== '' && t !== REMOVED))];
  const r = ctx.records;
  // The entry first, with a fixed id: a run that stops before the removal leaves it to the next
  // run, which writes the entry once more (a no-op) and removes the text.
  await writeAudit(
    ctx,
    { actor: 'retention', action: closed.action, subject: record.ref, details: { retentionDays: closed.retentionDays } },
    undefined,
    `${record.ref}:free-text-removed`,
  );

  let finished = true;
  const count = (outcome: 'changed' | 'unchanged' | 'busy', what: 'auditEntries' | 'messages' | 'tasks') => {
    if (outcome === 'changed') report[what]++;
    if (outcome === 'busy') finished = false;
  };
  for (const entry of await r.audit.find({ subject: record.ref })) {
    count(await scrubStored(r.audit, entry, (e) => ({ details: scrub(e.details, texts) as AuditDoc['details'] })), 'auditEntries');
  }
  for (const message of await r.outbox.find({ subjectRef: record.ref })) {
    // Every part of the stored message but its addressing and state: the content, and whatever the sender keeps of what it sent.
    // Not while the sender holds it: its "sent" would then miss (a version behind) and the message go twice.
    count(
      await scrubStored(
        r.outbox,
        message,
        (m) => scrub(m, texts) as Partial<OutboxDoc>,
        (m) => m.state !== 'sending',
      ),
      'messages',
    );
  }
  for (const task of await r.tasks.find({ sourceRef: record.ref })) {
    // What a meeting typed for a task (an action's words, the service asked for) goes; the titles are
    // the rules' own words and stay. A placement plan's checklist keeps each item's state; the reasons
    // typed for "not possible" go.
    count(
      await scrubStored(r.tasks, task, (t) => ({
        title: scrub(t.title, texts) as string,
        ...(t.typed ? { typed: REMOVED } : {}),
        ...(t.checklist ? { checklist: Object.fromEntries(Object.entries(t.checklist).map(([item, a]) => [item, a.reason === null ? a : { ...a, reason: REMOVED }])) } : {}),
      })),
      'tasks',
    );
  }
  if (!finished) return false; // something was changing: the next run finishes it, while the record still holds the words to look for

  const whole = { ...(scrub(record, texts) as T), ...closed.fields };
  const changed = Object.entries(whole).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((record as unknown as Record<string, unknown>)[k]));
  const redacted = await closed.collection.updateIfVersion(record._id, record.version, {
    ...Object.fromEntries(changed),
    redactedAt: ctx.now().toISOString(),
  } as unknown as Partial<T>);
  return redacted !== null;
}
