// Subject access (everything held on a child) and retention (free text removed, audit kept). The
// retention checks run on every storage backend and read back every stored document.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { closeAlert, raiseAlert } from '../../src/services/alerts';
import { rememberConversation } from '../../src/services/conversations';
import { applyRetention, exportChild, REMOVED } from '../../src/services/dataProtection';
import { InvalidInputError, NotFoundError } from '../../src/services/errors';
import { cancelMeeting, conveneMeeting, recordOutcome } from '../../src/services/meetings';
import { answerInfoRequest, decideMove, requestMove } from '../../src/services/moves';
import { identify, toPerson } from '../../src/services/people';
import { completeTask } from '../../src/services/tasks';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { loadExamplePeople, validMoveForm, chatAddress, validStabilityConveneForm } from '../support/fixtures';

describe('data protection', () => {
  let store: Store;
  let ctx: ServiceContext;
  let now: Date;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-dp-')));
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
  });
  afterEach(() => store.close());

  async function declinedRequest() {
    const request = await requestMove(ctx, await person('sam.social@example.org'), validMoveForm({ caseRef: 'CR-1001', proposedDate: '2026-12-07' }));
    now = new Date(now.getTime() + 60_000); // the decision a minute later, so the audit has an order
    await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'declined', comment: 'Try a support package first.' });
    return request.ref;
  }

  test('an export holds the child, their requests, tasks, history and audit, and nothing of another child', async () => {
    const ref = await declinedRequest();
    const exported = await exportChild(ctx, 'CR-1001');
    expect(exported).toMatchObject({ caseRef: 'CR-1001', child: { name: 'Jamie Example' }, moveRequests: [{ ref }] });
    expect((exported.audit as Array<{ action: string }>).map((a) => a.action)).toEqual(expect.arrayContaining(['child.created', 'move.requested', 'move.declined']));
    expect(JSON.stringify(exported)).not.toContain('CR-1002');
    await expect(exportChild(ctx, 'CR-9999')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('retention removes the free text of records closed long enough ago, keeps the audit, and runs once', async () => {
    const ref = await declinedRequest();
    expect(await applyRetention(ctx, 30)).toEqual({ moveRequests: 0, alerts: 0, meetings: 0, auditEntries: 0, messages: 0, tasks: 0, feedback: 0 }); // closed today
    now = new Date('2027-01-10T10:00:00Z');
    expect((await applyRetention(ctx, 30)).moveRequests).toBe(1);
    const redacted = (await ctx.records.moveRequests.get(ref))!;
    expect(redacted.rationale).toBe('[removed after the retention period]');
    expect(redacted.decision).toMatchObject({ outcome: 'declined', byName: 'Hana Head', comment: '[removed after the retention period]' });
    expect(redacted.caseRef).toBe('CR-1001');
    expect((await ctx.records.audit.find({ subject: ref }, { sort: { at: 1 } })).map((a) => a.action)).toEqual(['move.requested', 'move.declined', 'move.free-text-removed']);
    expect((await applyRetention(ctx, 30)).moveRequests).toBe(0);
  });

  test('a retention run that stopped before removing the text leaves it to the next run, with one audit entry', async () => {
    const ref = await declinedRequest();
    now = new Date('2027-01-10T10:00:00Z');
    // The first run wrote its entry and stopped: the removal fails as if the process ended there.
    const records = ctx.records as unknown as Record<string, unknown>;
    const requests = ctx.records.moveRequests;
    records.moveRequests = new Proxy(requests, {
      get: (target, prop, receiver) => (prop === 'updateIfVersion' ? () => Promise.reject(new Error('process stopped')) : Reflect.get(target, prop, receiver)),
    });
    await expect(applyRetention(ctx, 30)).rejects.toThrow('process stopped');
    records.moveRequests = requests;

    expect((await applyRetention(ctx, 30)).moveRequests).toBe(1);
    expect((await ctx.records.moveRequests.get(ref))!.rationale).toBe('[removed after the retention period]');
    expect(await ctx.records.audit.count({ subject: ref, action: 'move.free-text-removed' })).toBe(1);
  });
});

// What a social worker, a Head of Service, a team manager and a meeting's chair typed. Each is
// long enough to be found anywhere it was copied to.
const TYPED = {
  rationale: 'Carer has given notice after repeated incidents at bedtime.',
  safeguarding: 'Bruise on the left arm reported by the school nurse.',
  alternatives: 'Tried an extra respite weekend with the aunt in Leeds.',
  advice: 'Keep the same school; transport via the taxi contract.',
  childTold: 'Sam and the carer tell Jamie together on Friday after school.',
  question: 'Has the aunt been assessed as a connected person?',
  answer: 'Viability assessment booked, result expected next week.',
  declined: 'Try the intensive support package with CAMHS first.',
  alertDescription: 'Evenings have become very hard since the school exclusion.',
  alertSupport: 'Respite weekend and weekly SSW visits already in place.',
  alertClosed: 'Support package is working; carer feels able to continue.',
  attendanceReason: 'Jamie asked to join only after the adults had talked.',
  summary: 'Agreed a package of weekly therapeutic support and a review.',
  service: 'Therapeutic parenting course from an external provider.',
  action: 'Arrange therapeutic parenting sessions with the provider.',
  childSaidOfMove: 'Jamie said he wants to stay at Hilltop School whatever happens.',
  childSaidOfAlert: 'Jamie said the shouting at bedtime frightens him.',
  childNotAskedBeforeMeeting: 'Jamie was in hospital for his operation that week.',
  childSaidAtMeeting: 'Jamie told the meeting he likes his bedroom and the dog.',
};

describeOnEveryBackend('retention removes closed records\u2019 free text from every stored document', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now: Date;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    store = await freshStore();
    ctx = { ...(await serviceContextOn(store, () => now)), calendar: { graph: null, publicUrl: () => 'https://bot.example.org' } };
    await loadExamplePeople(ctx);
    // Everyone has a chat with the bot, so every message is queued for sending (not held).
    for (const p of await ctx.records.people.find({})) {
      await rememberConversation(ctx, toPerson(p), { kind: 'personal', address: chatAddress(`a:${p._id}`) });
    }
  });
  afterEach(() => store.close());

  /** Every document of every collection the bot keeps, as JSON. */
  async function everythingStored(): Promise<string[]> {
    const collections = Object.values(ctx.records) as Array<{ find(f: object): Promise<unknown[]> }>;
    const docs = (await Promise.all(collections.map((c) => c.find({})))).flat();
    return docs.map((d) => JSON.stringify(d));
  }
  const holding = (docs: string[], text: string) => docs.filter((d) => d.includes(text));

  async function closedRecords() {
    const sam = await person('sam.social@example.org');
    const hana = await person('hana.head@example.org');
    const tom = await person('tom.manager@example.org');
    const fiona = await person('fiona.foster@example.org');
    const step = () => (now = new Date(now.getTime() + 60_000)); // each change a minute later, so the audit has an order

    // A move request with a question and its answer, then declined.
    const request = await requestMove(ctx, sam, {
      caseRef: 'CR-1001',
      urgency: 'urgent',
      proposedDate: '2026-12-07',
      reasonCode: 'CREQB',
      rationale: TYPED.rationale,
      safeguardingIssue: TYPED.safeguarding,
      alternativesConsidered: TYPED.alternatives,
      virtualSchoolConsulted: 'yes',
      virtualSchoolAdvice: TYPED.advice,
      educationDisrupted: 'no',
      childToldPlan: TYPED.childTold,
      childToldAgreed: 'true',
      followsAllegation: 'no',
      childSaid: TYPED.childSaidOfMove,
      advocateOffered: 'yes',
    });
    step();
    await decideMove(ctx, hana, request.ref, { outcome: 'info', comment: TYPED.question });
    step();
    await answerInfoRequest(ctx, sam, request.ref, { answer: TYPED.answer });
    step();
    await decideMove(ctx, hana, request.ref, { outcome: 'declined', comment: TYPED.declined });

    // An alert closed by the team manager.
    step();
    const alert = await raiseAlert(ctx, sam, {
      caseRef: 'CR-1001',
      triggers: 'carer-struggling',
      description: TYPED.alertDescription,
      immediateSafeguardingRisk: 'no',
      supportInPlace: TYPED.alertSupport,
      childSaid: TYPED.childSaidOfAlert,
      advocateOffered: 'no',
    });
    step();
    await closeAlert(ctx, tom, alert.ref, { reason: TYPED.alertClosed });

    // A meeting held, its outcome recorded, and every task that followed from it done.
    step();
    const meeting = await conveneMeeting(ctx, sam, {
      ...validStabilityConveneForm(),
      childAttendance: 'second-part',
      childAttendanceReason: TYPED.attendanceReason,
      childNotAskedBecause: TYPED.childNotAskedBeforeMeeting,
      advocateOffered: 'yes',
    });
    now = new Date('2026-11-26T15:00:00Z');
    await recordOutcome(ctx, fiona, meeting.ref, {
      decision: 'commissioning-panel',
      summary: TYPED.summary,
      serviceNeeded: TYPED.service,
      reviewDate: '2026-12-17',
      attended: 'sam.social@example.org',
      actions: [{ what: TYPED.action, ownerEmail: 'steve.ssw@example.org', dueDate: '2026-12-03' }],
      childSaid: TYPED.childSaidAtMeeting,
      advocateOffered: 'yes',
    });
    return { request: request.ref, alert: alert.ref, meeting: meeting.ref };
  }

  async function finishTasksOf(ref: string) {
    for (const task of await ctx.records.tasks.find({ sourceRef: ref, state: 'open' })) await completeTask(ctx, await person(task.owner), task._id);
  }

  test('after retention no stored document holds the free text; who did what and when is kept', async () => {
    const refs = await closedRecords();
    const before = await everythingStored();
    // The words really were copied around: the records, the audit details, the queued messages, the tasks.
    for (const text of Object.values(TYPED)) expect(holding(before, text).length).toBeGreaterThan(0);
    expect(holding(before, TYPED.declined).length).toBeGreaterThan(1); // the request and its audit entry (the social worker's card is drawn from the request when sent)
    expect(holding(before, TYPED.alertClosed).length).toBeGreaterThan(2);
    expect(holding(before, TYPED.action).length).toBeGreaterThan(2); // the outcome, the task, the "new task" notice
    const whoWhatWhen = async () => new Map((await ctx.records.audit.find({})).map((a) => [a._id, [a.at, a.actor, a.action, a.subject, a.fromState, a.toState]]));
    const auditBefore = await whoWhatWhen();

    // The meeting still has open tasks: its words stay while the work goes on.
    now = new Date('2027-02-01T10:00:00Z');
    const early = await applyRetention(ctx, 30);
    expect(early).toMatchObject({ moveRequests: 1, alerts: 1, meetings: 0 });
    expect(holding(await everythingStored(), TYPED.action).length).toBeGreaterThan(0);

    await finishTasksOf(refs.meeting);
    now = new Date('2027-03-15T10:00:00Z');
    expect(await applyRetention(ctx, 30)).toMatchObject({ moveRequests: 0, alerts: 0, meetings: 1 });

    const after = await everythingStored();
    for (const [field, text] of Object.entries(TYPED)) expect({ field, holders: holding(after, text) }).toEqual({ field, holders: [] });

    // Who did what and when: every audit entry is still there, as it was, with one more per record.
    const auditAfter = await whoWhatWhen();
    for (const [id, entry] of auditBefore) expect(auditAfter.get(id)).toEqual(entry);
    expect(
      [...auditAfter.values()]
        .filter(([, actor]) => actor === 'retention')
        .map(([, , action, subject]) => [action, subject])
        .sort(),
    ).toEqual([
      ['alert.free-text-removed', refs.alert],
      ['meeting.free-text-removed', refs.meeting],
      ['move.free-text-removed', refs.request],
    ]);
    expect(await ctx.records.moveRequests.get(refs.request)).toMatchObject({
      state: 'declined',
      caseRef: 'CR-1001',
      requestedBy: 'sam.social@example.org',
      rationale: REMOVED,
      childVoice: { said: REMOVED, notAskedBecause: null, advocateOffered: true },
      decision: { outcome: 'declined', by: 'hana.head@example.org', comment: REMOVED },
      infoRequests: [{ askedBy: 'hana.head@example.org', question: REMOVED, answer: REMOVED }],
    });
    expect(await ctx.records.fragilityAlerts.get(refs.alert)).toMatchObject({
      state: 'closed',
      triggers: ['carer-struggling'],
      description: REMOVED,
      childVoice: { said: REMOVED, notAskedBecause: null, advocateOffered: false },
      closure: { by: 'tom.manager@example.org', reason: REMOVED },
    });
    expect(await ctx.records.meetings.get(refs.meeting)).toMatchObject({
      state: 'held',
      childVoice: { said: null, notAskedBecause: REMOVED, advocateOffered: true },
      outcome: {
        decision: 'commissioning-panel',
        recordedBy: 'fiona.foster@example.org',
        summary: REMOVED,
        childVoice: { said: REMOVED, notAskedBecause: null, advocateOffered: true },
        actions: [{ what: REMOVED, ownerEmail: 'steve.ssw@example.org', dueDate: '2026-12-03' }],
      },
    });
    const declinedNotice = await ctx.records.outbox.get(`${refs.request}:decision:requester`);
    // The social worker's copy of the decision is the request's card, drawn from the (now redacted) request when sent.
    expect(declinedNotice).toMatchObject({
      recipient: { kind: 'person', personId: 'sam.social@example.org' },
      content: { kind: 'move-card', ref: refs.request, view: 'requester' },
    });

    // Again: nothing more to do, and nothing written twice.
    expect(await applyRetention(ctx, 30)).toEqual({ moveRequests: 0, alerts: 0, meetings: 0, auditEntries: 0, messages: 0, tasks: 0, feedback: 0 });
    expect(await ctx.records.audit.count({ actor: 'retention' })).toBe(3);
  });

  test("a cancelled meeting's reason (and the child's words) is removed after the retention period, like other free text", async () => {
    const sam = await person('sam.social@example.org');
    const reason = 'The carer is moving house that week; the family asked to wait.';
    const meeting = await conveneMeeting(ctx, sam, {
      type: 'support',
      caseRef: 'CR-1001',
      date: '2026-11-27',
      time: '10:00',
      durationMinutes: '60',
      childSaid: TYPED.childSaidOfAlert,
      advocateOffered: 'no',
    });
    now = new Date('2026-11-24T09:00:00Z');
    const cancelled = await cancelMeeting(ctx, sam, meeting.ref, { changeReason: reason });
    expect(cancelled).toMatchObject({ state: 'cancelled', pendingEffects: [] });
    expect(holding(await everythingStored(), reason).length).toBeGreaterThan(0); // the meeting (the invitees' cards are drawn from it when sent)

    // Within the retention period: kept.
    now = new Date('2026-12-20T10:00:00Z');
    expect((await applyRetention(ctx, 30)).meetings).toBe(0);
    expect((await ctx.records.meetings.get(meeting.ref))!.changes![0]!.reason).toBe(reason);

    now = new Date('2027-01-05T10:00:00Z');
    expect((await applyRetention(ctx, 30)).meetings).toBe(1);
    const after = await everythingStored();
    expect(holding(after, reason)).toEqual([]);
    expect(holding(after, TYPED.childSaidOfAlert)).toEqual([]);
    expect(await ctx.records.meetings.get(meeting.ref)).toMatchObject({
      state: 'cancelled',
      changes: [{ kind: 'cancelled', by: 'sam.social@example.org', reason: REMOVED, from: { date: '2026-11-27', time: '10:00' }, to: null }],
      childVoice: { said: REMOVED, notAskedBecause: null, advocateOffered: false },
    });
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.cancelled' })).toBe(1);
    expect(await ctx.records.audit.count({ subject: meeting.ref, action: 'meeting.free-text-removed' })).toBe(1);
    expect((await applyRetention(ctx, 30)).meetings).toBe(0);
  });

  test('a message that keeps changing while retention runs leaves the record for the next run, which finishes it', async () => {
    const refs = await closedRecords();
    now = new Date('2027-02-01T10:00:00Z');
    const outbox = ctx.records.outbox;
    (ctx.records as unknown as Record<string, unknown>).outbox = new Proxy(outbox, {
      get: (target, prop, receiver) => (prop === 'updateIfVersion' ? async () => null : Reflect.get(target, prop, receiver)),
    });
    expect(await applyRetention(ctx, 30)).toMatchObject({ moveRequests: 0, alerts: 0 });
    (ctx.records as unknown as Record<string, unknown>).outbox = outbox;
    expect((await ctx.records.moveRequests.get(refs.request))!.rationale).toBe(TYPED.rationale);

    expect(await applyRetention(ctx, 30)).toMatchObject({ moveRequests: 1, alerts: 1 });
    const after = await everythingStored();
    for (const text of [TYPED.rationale, TYPED.declined, TYPED.alertClosed, TYPED.alertDescription]) expect(holding(after, text)).toEqual([]);
  });

  test('a message the sender is sending is left alone (its "sent" must not miss); the record waits for the next run', async () => {
    const refs = await closedRecords();
    now = new Date('2027-02-01T10:00:00Z');
    // The sender claims the notice as it does (a versioned update to "sending", with a lease).
    const notice = (await ctx.records.outbox.get(`${refs.request}:decision:requester`))!;
    const claimed = (await ctx.records.outbox.updateIfVersion(notice._id, notice.version, { state: 'sending', leaseUntil: '2027-02-01T10:01:00.000Z' }))!;
    expect(await applyRetention(ctx, 30)).toMatchObject({ moveRequests: 0, alerts: 1 });
    expect(await ctx.records.outbox.get(notice._id)).toEqual(claimed);
    expect((await ctx.records.moveRequests.get(refs.request))!.rationale).toBe(TYPED.rationale);

    // Sent: the sender's versioned update lands; the next run finishes.
    expect(await ctx.records.outbox.updateIfVersion(claimed._id, claimed.version, { state: 'sent', leaseUntil: null, sentAt: now.toISOString() })).not.toBeNull();
    expect(await applyRetention(ctx, 30)).toMatchObject({ moveRequests: 1 });
    expect(holding(await everythingStored(), TYPED.declined)).toEqual([]);
  });

  test('a retention period shorter than 30 days, or not a whole number, changes nothing', async () => {
    await closedRecords();
    now = new Date('2027-03-15T10:00:00Z');
    const before = await everythingStored();
    for (const days of [29, 0, -1, 30.5, Number.NaN]) await expect(applyRetention(ctx, days)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await everythingStored()).toEqual(before);
  });

  test('psb export: guidance feedback that names the child (case reference or full name) is included, other feedback is not', async () => {
    const feedback = (id: string, question: string, comment: string | null = null) =>
      ctx.records.guidanceFeedback.insert({ _id: id, version: 1, personId: 'sam.social@example.org', at: now.toISOString(), question, entryId: null, helpful: false, comment });
    await feedback('f1', 'What happens at the stability meeting for cr-1001?');
    await feedback('f2', 'Who chairs a disruption meeting?', 'Asked about JAMIE   EXAMPLE after the weekend.');
    await feedback('f3', 'Does CR-10010 need a new PEP?');
    await feedback('f4', 'When does Jamie need a review?');
    await feedback('f5', 'Who do I tell about CR-1002?');
    const exported = await exportChild(ctx, 'CR-1001');
    expect((exported.guidanceFeedback as Array<{ _id: string }>).map((f) => f._id)).toEqual(['f1', 'f2']);
  });
});
