// The placement plan's use cases on every storage backend: the plan task when a placement starts
// (PLAN-1), its revision before reviews and yearly (PLAN-2), the checklist (PLAN-3, PLAN-4), the
// case-record prompt (AFTER-2), the digest, and the move count from the child's placement start.
import type { Person } from '../../src/domain/people';
import { Scheduler } from '../../src/jobs/scheduler';
import type { ServiceContext } from '../../src/services/context';
import { applyRetention, MIN_RETENTION_DAYS, REMOVED } from '../../src/services/dataProtection';
import { buildDigest } from '../../src/services/digest';
import { InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { confirmMove, decideMove, requestMove } from '../../src/services/moves';
import { identify, importChildren } from '../../src/services/people';
import { askForPlanRevisions, recordChecklist, setNextReviewDate } from '../../src/services/placementPlan';
import { completeTask } from '../../src/services/tasks';
import type { Store } from '../../src/store/collection';
import { digestCard } from '../../src/teams/digestCards';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { cardText } from '../support/cardContent';
import { exampleChildrenCsv, loadExamplePeople, validMoveForm } from '../support/fixtures';

const NOW = new Date('2026-11-23T10:00:00Z');
const HEADER =
  'caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro,nextReviewDate';

/** The example children file with one child's row changed. */
function examplesWith(caseRef: string, change: (cells: string[]) => void): string {
  return exampleChildrenCsv()
    .split('\n')
    .map((line) => {
      const cells = line.split(',');
      if (cells[0] !== caseRef) return line;
      change(cells);
      return cells.join(',');
    })
    .join('\n');
}
const START = 7;
const LEGAL = 4;
const REVIEW = 13;

describeOnEveryBackend('placement plan services', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = NOW;
  const person = (email: string): Promise<Person> => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = NOW;
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
  });
  afterEach(async () => {
    await store.close();
  });

  test("PLAN-1: a confirmed move gives the social worker the plan task; its checklist is recorded and its Done records the plan on the child's record", async () => {
    const sam = await person('sam.social@example.org');
    const ref = (await requestMove(ctx, sam, validMoveForm({ proposedDate: '2026-12-07' }))).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    const taskId = `${ref}:placement-plan`;
    expect(await ctx.records.tasks.get(taskId)).toMatchObject({ owner: 'sam.social@example.org', dueDate: '2026-12-07', ruleIds: ['PLAN-1'], state: 'open' });
    now = new Date('2026-12-08T09:00:00Z');
    await confirmMove(ctx, sam, ref, { moveDate: '2026-12-07', placementType: 'U4' });

    await recordChecklist(ctx, sam, taskId, { state_visits: 'done', state_overnight: 'not-possible', reason_overnight: 'The carers had no spare room until the move.' });
    const task = await completeTask(ctx, sam, taskId);
    expect(task.checklist).toMatchObject({
      visits: { state: 'done', by: 'sam.social@example.org' },
      overnight: { state: 'not-possible', reason: 'The carers had no spare room until the move.' },
    });
    expect((await ctx.records.children.get('CR-1001'))!.placementPlan).toEqual({ taskId, agreedOn: '2026-12-08', revisedOn: null, revisions: 0, lastTaskId: taskId });
    const audit = await ctx.records.audit.find({ subject: 'CR-1001' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.checklist-recorded', 'plan.agreed']));
    // The reason is free text: the audit trail names the items and their states only.
    expect(JSON.stringify(audit)).not.toContain('spare room');

    // After the retention period the reason goes with the move request's free text; the states stay.
    now = new Date('2027-02-08T09:00:00Z');
    await applyRetention(ctx, MIN_RETENTION_DAYS);
    expect((await ctx.records.tasks.get(taskId))!.checklist).toMatchObject({ visits: { state: 'done', reason: null }, overnight: { state: 'not-possible', reason: REMOVED } });
  });

  test('PLAN-1 and AFTER-1: a new placement in the children import gives its plan and visit tasks once; an old one does not', async () => {
    // CR-1004's placement changed three days ago (an emergency: plan within 5 days); a new child placed from next week (planned: by the start).
    const csv = `${examplesWith('CR-1004', (c) => (c[START] = '2026-11-20'))}CR-2001,New Child,2014-02-02,North,C2,U4,PR1,2026-12-01,Carer,,sam.social@example.org,,ivy.iro@example.org,\nCR-2002,Long Placed,2014-02-02,North,C2,U4,PR1,2025-01-01,Carer,,sam.social@example.org,,,\n`;
    for (let i = 0; i < 2; i++) await importChildren(ctx, csv, 'test');
    expect(await ctx.records.tasks.get('CR-1004:placement-plan:2026-11-20')).toMatchObject({ owner: 'sam.social@example.org', dueDate: '2026-11-25', kind: 'placement-plan' });
    expect(await ctx.records.tasks.get('CR-2001:placement-plan:2026-12-01')).toMatchObject({
      dueDate: '2026-12-01',
      title: expect.stringContaining('before the placement starts'),
    });
    expect(await ctx.records.tasks.get('CR-1004:sw-visit:2026-11-20')).toMatchObject({ dueDate: '2026-11-27', ruleIds: ['AFTER-1'] });
    expect(await ctx.records.tasks.count({ caseRef: 'CR-2002' })).toBe(0);
    // Told once, whatever the re-imports.
    expect(await ctx.records.outbox.count({ _id: 'CR-1004:placement-plan:2026-11-20:told' })).toBe(1);
    expect(await ctx.records.tasks.count({ kind: 'placement-plan' })).toBe(2);
  });

  test('a placement begun by a move in the bot gets no second plan task or case-record prompt when the import catches up with it', async () => {
    const sam = await person('sam.social@example.org');
    const ref = (await requestMove(ctx, sam, validMoveForm({ proposedDate: '2026-12-07' }))).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    now = new Date('2026-12-08T09:00:00Z');
    await confirmMove(ctx, sam, ref, { moveDate: '2026-12-07', placementType: 'U4' });
    await importChildren(
      ctx,
      examplesWith('CR-1001', (c) => {
        c[START] = '2026-12-07';
        c[START - 1] = 'PR4';
      }),
      'test',
    );
    expect(await ctx.records.tasks.count({ caseRef: 'CR-1001', kind: { $in: ['case-record-update', 'placement-plan'] } })).toBe(1); // the move's own plan task
    expect(await ctx.records.tasks.get(`${ref}:placement-plan`)).not.toBeNull();
  });

  test('AFTER-2: a change of legal status in the import prompts the social worker to update the case record', async () => {
    await importChildren(
      ctx,
      examplesWith('CR-1001', (c) => (c[LEGAL] = 'C1')),
      'test',
    );
    const [task] = await ctx.records.tasks.find({ caseRef: 'CR-1001', kind: 'case-record-update' });
    expect(task).toMatchObject({ owner: 'sam.social@example.org', ruleIds: ['AFTER-2'], dueDate: '2026-11-25' });
    expect(task.title).toBe("Update the child's case record: changes to the placement or legal status must be recorded there (legal status C2 to C1)");
  });

  test('PLAN-2: before the looked-after review the social worker is asked to revise the plan and the IRO to check it, once across passes and restarts', async () => {
    await ctx.records.children.updateIfVersion('CR-1002', (await ctx.records.children.get('CR-1002'))!.version, {
      placementPlan: { taskId: 'earlier', agreedOn: '2026-09-01', revisedOn: null, revisions: 0 },
    });
    now = new Date('2027-04-24T09:00:00Z'); // review 2027-05-10: due the 9th, asked from 25 April
    expect(await askForPlanRevisions(ctx)).toBe(0);
    now = new Date('2027-04-25T09:00:00Z');
    expect(await askForPlanRevisions(ctx)).toBe(1);
    expect(await askForPlanRevisions(ctx)).toBe(0);
    const again = await serviceContextOn(store, () => now); // another process on the same store
    expect(await askForPlanRevisions(again)).toBe(0);

    const taskId = 'CR-1002:plan-revision:2027-05-09';
    const task = (await ctx.records.tasks.get(taskId))!;
    expect(task).toMatchObject({ owner: 'sam.social@example.org', kind: 'plan-revision', ruleIds: ['PLAN-2'] });
    expect(task.title).toContain('a revision of the current plan, not a new one');
    const iro = (await ctx.records.outbox.get(`${taskId}:iro`))!;
    expect(iro.recipient).toEqual({ kind: 'person', personId: 'ivy.iro@example.org' });
    expect(JSON.stringify(iro.content)).not.toContain('Riley');

    await completeTask(ctx, await person('sam.social@example.org'), taskId);
    expect((await ctx.records.children.get('CR-1002'))!.placementPlan).toEqual({
      taskId: 'earlier',
      agreedOn: '2026-09-01',
      revisedOn: '2027-04-25',
      revisions: 1,
      lastTaskId: taskId,
    });
  });

  test("PLAN-2: the scheduler's tick asks for the revisions falling due, once a day", async () => {
    now = new Date('2027-04-25T09:00:00Z'); // CR-1002's review on 10 May 2027 is within the notice period
    const scheduler = new Scheduler(ctx);
    await scheduler.tick();
    await scheduler.tick();
    expect(await ctx.records.tasks.find({ kind: 'plan-revision' })).toEqual([expect.objectContaining({ _id: 'CR-1002:plan-revision:2027-05-09', state: 'open' })]);
    expect(await ctx.records.audit.count({ action: 'task.created', subject: 'CR-1002' })).toBe(1);
  });

  test("PLAN-2: a restart between a revision task's Done and the plan's record records the revision once", async () => {
    await ctx.records.children.updateIfVersion('CR-1002', (await ctx.records.children.get('CR-1002'))!.version, {
      placementPlan: { taskId: 'earlier', agreedOn: '2026-09-01', revisedOn: null, revisions: 0 },
    });
    now = new Date('2027-04-25T09:00:00Z');
    await askForPlanRevisions(ctx);
    const taskId = 'CR-1002:plan-revision:2027-05-09';
    // The process marked the task done and stopped before recording the revision on the child.
    const task = (await ctx.records.tasks.get(taskId))!;
    await ctx.records.tasks.updateIfVersion(taskId, task.version, { state: 'done', doneAt: '2027-04-26T10:00:00.000Z', doneBy: 'sam.social@example.org' });
    now = new Date('2027-04-27T09:00:00Z');
    const restarted = await serviceContextOn(store, () => now);
    await askForPlanRevisions(restarted);
    await askForPlanRevisions(restarted);
    expect((await ctx.records.children.get('CR-1002'))!.placementPlan).toEqual({
      taskId: 'earlier',
      agreedOn: '2026-09-01',
      revisedOn: '2027-04-26',
      revisions: 1,
      lastTaskId: taskId,
    });
    expect(await ctx.records.audit.count({ subject: 'CR-1002', action: 'plan.revised' })).toBe(1);
  });

  test('PLAN-2: at least yearly, a year after the plan was last agreed or revised', async () => {
    await ctx.records.children.updateIfVersion('CR-1005', (await ctx.records.children.get('CR-1005'))!.version, {
      placementPlan: { taskId: 'earlier', agreedOn: '2026-01-05', revisedOn: null, revisions: 0 },
    });
    now = new Date('2026-12-22T09:00:00Z');
    expect(await askForPlanRevisions(ctx)).toBe(1);
    expect(await ctx.records.tasks.get('CR-1005:plan-revision:2027-01-05')).toMatchObject({
      owner: 'priya.patel@example.org',
      title: expect.stringContaining('a year has passed'),
    });
  });

  test('PLAN-2: the review date set in chat by the social worker or a team manager, audited; others refused; a bad date changes nothing', async () => {
    const sam = await person('sam.social@example.org');
    const child = await setNextReviewDate(ctx, sam, { caseRef: 'CR-1001', reviewDate: '01/03/2027' });
    expect(child.nextReviewDate).toBe('2027-03-01');
    expect(await ctx.records.audit.findOne({ subject: 'CR-1001', action: 'child.review-date-set' })).toMatchObject({
      actor: 'sam.social@example.org',
      fromState: '2027-06-15',
      toState: '2027-03-01',
    });
    await setNextReviewDate(ctx, await person('tom.manager@example.org'), { caseRef: 'CR-1001', reviewDate: '2027-03-02' });
    await expect(setNextReviewDate(ctx, await person('priya.patel@example.org'), { caseRef: 'CR-1001', reviewDate: '2027-03-03' })).rejects.toThrow(NotPermittedError);
    await expect(setNextReviewDate(ctx, await person('priya.patel@example.org'), { caseRef: 'CR-NOPE', reviewDate: '2027-03-03' })).rejects.toThrow(NotPermittedError);
    await expect(setNextReviewDate(ctx, sam, { caseRef: 'CR-1001', reviewDate: '2026-01-01' })).rejects.toThrow(InvalidInputError);
    expect((await ctx.records.children.get('CR-1001'))!.nextReviewDate).toBe('2027-03-02');
    // Within the notice period, the revision is asked for at once.
    await setNextReviewDate(ctx, sam, { caseRef: 'CR-1001', reviewDate: '2026-12-01' });
    expect(await ctx.records.tasks.get('CR-1001:plan-revision:2026-11-30')).toMatchObject({ state: 'open', owner: 'sam.social@example.org' });
  });

  test('the nextReviewDate column is optional and checked per row with a clear message; a blank keeps a date set in chat', async () => {
    const report = await importChildren(ctx, `${HEADER}\nCR-3001,Row Two,2014-02-02,North,C2,U4,PR1,2025-01-01,Carer,,sam.social@example.org,,,31/02/2027\n`, 'test');
    expect(report.problems).toEqual([{ line: 2, reason: 'nextReviewDate is not a date (use YYYY-MM-DD or dd/mm/yyyy)' }]);
    expect(await ctx.records.children.get('CR-3001')).toBeNull();
    // A file without the column at all is read as before.
    const old = await importChildren(
      ctx,
      `${HEADER.replace(',nextReviewDate', '')}\nCR-3002,Old File,2014-02-02,North,C2,U4,PR1,2025-01-01,Carer,,sam.social@example.org,,\n`,
      'test',
    );
    expect(old).toMatchObject({ created: 1, problems: [] });
    await setNextReviewDate(ctx, await person('priya.patel@example.org'), { caseRef: 'CR-1003', reviewDate: '2027-05-05' });
    await importChildren(ctx, exampleChildrenCsv(), 'test'); // CR-1003's cell is blank
    expect((await ctx.records.children.get('CR-1003'))!.nextReviewDate).toBe('2027-05-05');
    await importChildren(
      ctx,
      examplesWith('CR-1003', (c) => (c[REVIEW] = '2027-06-06')),
      'test',
    );
    expect((await ctx.records.children.get('CR-1003'))!.nextReviewDate).toBe('2027-06-06');
    // A review date in the import that is near asks for the revision at once.
    await importChildren(
      ctx,
      examplesWith('CR-1003', (c) => (c[REVIEW] = '2026-12-01')),
      'test',
    );
    expect(await ctx.records.tasks.get('CR-1003:plan-revision:2026-11-30')).toMatchObject({ owner: 'priya.patel@example.org', state: 'open' });
  });

  test('PLAN-3 and PLAN-4: "not possible" needs its reason and bad input changes nothing; only the owner or a team manager records it', async () => {
    const sam = await person('sam.social@example.org');
    const ref = (await requestMove(ctx, sam, validMoveForm({ proposedDate: '2026-12-07' }))).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    const taskId = `${ref}:placement-plan`;
    await expect(recordChecklist(ctx, sam, taskId, { state_visits: 'done', state_overnight: 'not-possible', reason_overnight: '' })).rejects.toThrow(InvalidInputError);
    expect((await ctx.records.tasks.get(taskId))!.checklist).toBeUndefined();
    await expect(recordChecklist(ctx, await person('priya.patel@example.org'), taskId, { state_visits: 'done' })).rejects.toThrow(NotPermittedError);
    await recordChecklist(ctx, await person('tom.manager@example.org'), taskId, { state_money: 'done' });
    // "Not recorded yet" clears an answer given before.
    await recordChecklist(ctx, sam, taskId, { state_money: 'open', state_contact: 'done' });
    expect(Object.keys((await ctx.records.tasks.get(taskId))!.checklist!)).toEqual(['contact']);
  });

  test('the digest lists placement plans overdue', async () => {
    await importChildren(
      ctx,
      examplesWith('CR-1004', (c) => (c[START] = '2026-11-20')),
      'test',
    );
    const digest = await buildDigest(ctx, ['North'], '2026-11-27', null);
    expect(digest.plansOverdue).toEqual([{ caseRef: 'CR-1004', what: 'placement plan', dueDate: '2026-11-25' }]);
    const text = cardText(digestCard(digest, now));
    expect(text).toContain('Placement plans overdue (agreed or revised late) (1)');
    expect(text).toContain('CR-1004 · placement plan · was due Wed, 25 Nov 2026');
    expect((await buildDigest(ctx, ['South'], '2026-11-27', null)).plansOverdue).toEqual([]);
  });

  test("the move count uses the placement start held on the child's record: a child placed 3 to 10 months ago has had that move", async () => {
    // CR-1002's placement began on 14 February 2026 (about 9 months before); no return holds it.
    const request = await requestMove(ctx, await person('sam.social@example.org'), validMoveForm({ caseRef: 'CR-1002', proposedDate: '2026-12-07' }));
    expect(request.movesInLast12Months).toBe(1);
  });
});
