// The move use cases, on every storage backend: what is stored, what is queued, who may act,
// and that nothing is done twice.
import type { Person } from '../../src/domain/people';
import type { ServiceContext } from '../../src/services/context';
import { auditTrail } from '../../src/services/audit';
import { rememberConversation, setApprovalsChannel } from '../../src/services/conversations';
import { ConflictError, InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { resumePendingMoveEffects } from '../../src/services/moveEffects';
import { answerInfoRequest, confirmMove, decideMove, moveTracker, requestMove } from '../../src/services/moves';
import { identify } from '../../src/services/people';
import { completeTask, openTasksOf } from '../../src/services/tasks';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { killedBeforeInsertInto, ProcessKilled } from '../support/killedProcess';
import { loadExamplePeople, validMoveForm, chatAddress } from '../support/fixtures';

const NOW = new Date('2026-11-23T10:00:00Z');

const form = (overrides: Record<string, string> = {}) => validMoveForm({ proposedDate: '2026-12-07', educationDisrupted: 'yes', ...overrides });

describeOnEveryBackend('move services', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = NOW;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = NOW;
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
  });
  afterEach(async () => {
    await store.close();
  });

  async function chatWith(p: Person) {
    await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
  }

  test('a request is stored as pending with a reference, audited, and queued to each reachable Head of Service', async () => {
    const hana = await person('hana.head@example.org');
    await chatWith(hana);
    const request = await requestMove(ctx, await person('sam.social@example.org'), form());
    expect(request).toMatchObject({ ref: 'PM-2026-0001', state: 'pending', team: 'North', movesInLast12Months: 0, pendingEffects: [] });
    const queued = await ctx.records.outbox.find({ subjectRef: request.ref }, { sort: { _id: 1 } });
    // The child's education is disrupted (the form says so): the Virtual School is told too (MOVE-10).
    expect(queued.map((m) => m._id)).toEqual([
      'PM-2026-0001:approval:hana.head@example.org',
      'PM-2026-0001:requested:requester',
      'PM-2026-0001:vs:requested:val.school@example.org',
    ]);
    expect((await ctx.records.audit.find({ subject: request.ref })).map((a) => a.action)).toEqual(['move.requested']);
    expect((await requestMove(ctx, await person('priya.patel@example.org'), form({ caseRef: 'CR-1003' }))).ref).toBe('PM-2026-0002');
  });

  test("with no Head of Service reachable the card goes to the team's approvals channel, and the requester is told", async () => {
    await setApprovalsChannel(ctx, 'cli', 'North', '19:north-approvals@thread.tacv2');
    const request = await requestMove(ctx, await person('sam.social@example.org'), form());
    const queued = await ctx.records.outbox.find({ subjectRef: request.ref });
    expect(queued.map((m) => m.recipient)).toContainEqual({ kind: 'channel', conversationId: '19:north-approvals@thread.tacv2' });
    const notice = queued.find((m) => m._id.endsWith(':requested:requester'))!;
    expect(notice.content).toMatchObject({ text: expect.stringContaining("posted to the team's approvals channel") });
  });

  test('a Head of Service who opens the bot later receives the requests already waiting', async () => {
    const request = await requestMove(ctx, await person('sam.social@example.org'), form());
    await chatWith(await person('harry.hos@example.org'));
    expect(await ctx.records.outbox.get(`${request.ref}:approval:harry.hos@example.org`)).not.toBeNull();
  });

  test('bad input stores nothing; a child the requester does not work with is refused like an unknown one', async () => {
    const sam = await person('sam.social@example.org');
    await expect(requestMove(ctx, sam, form({ rationale: '' }))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(requestMove(ctx, sam, form({ caseRef: 'CR-1003' }))).rejects.toThrow(InvalidInputError);
    await expect(requestMove(ctx, sam, form({ caseRef: 'CR-9999' }))).rejects.toThrow(InvalidInputError);
    expect(await ctx.records.moveRequests.count({})).toBe(0);
    expect(await ctx.records.outbox.count({})).toBe(0);
  });

  test('a second open request for the same child is refused', async () => {
    const sam = await person('sam.social@example.org');
    await requestMove(ctx, sam, form());
    await expect(requestMove(ctx, sam, form())).rejects.toBeInstanceOf(ConflictError);
  });

  test("only a Head of Service for the child's team decides; the first decision wins", async () => {
    const ref = (await requestMove(ctx, await person('sam.social@example.org'), form())).ref;
    await expect(decideMove(ctx, await person('tom.manager@example.org'), ref, { outcome: 'approved' })).rejects.toBeInstanceOf(NotPermittedError);
    const heads = [await person('hana.head@example.org'), await person('harry.hos@example.org')];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => decideMove(ctx, heads[i % 2], ref, { outcome: i % 2 ? 'declined' : 'approved', comment: 'Decided in a hurry.' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
    const decisions = (await ctx.records.audit.find({ subject: ref })).filter((a) => ['move.approved', 'move.declined'].includes(a.action));
    expect(decisions).toHaveLength(1);
  });

  test("approval creates the follow-up tasks for the child's social worker, once", async () => {
    const ref = (await requestMove(ctx, await person('tom.manager@example.org'), form())).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    await resumePendingMoveEffects(ctx);
    const tasks = await openTasksOf(ctx, await person('sam.social@example.org'));
    expect(tasks.map((t) => [t.kind, t.dueDate])).toEqual([
      ['planning-meeting', '2026-12-07'],
      ['placement-plan', '2026-12-07'],
      ['virtual-school-told', '2026-12-07'],
      ['code-move', '2026-12-09'],
      ['sw-visit', '2026-12-14'],
    ]);
    expect(await ctx.records.outbox.get(`${ref}:approved:placements:pat.placements@example.org`)).not.toBeNull();
  });

  test('a decision whose process stopped before its effects is finished after restart, each effect once', async () => {
    const ref = (await requestMove(ctx, await person('sam.social@example.org'), form())).ref;
    const pending = (await ctx.records.moveRequests.get(ref))!;
    // What decideMove writes in its one atomic update, with the process stopping right after.
    await ctx.records.moveRequests.updateIfVersion(ref, pending.version, {
      state: 'approved',
      decision: { outcome: 'approved', by: 'hana.head@example.org', byName: 'Hana Head', at: NOW.toISOString(), comment: null },
      pendingEffects: ['decided'],
    });
    expect(await resumePendingMoveEffects(ctx)).toBe(1);
    expect(await resumePendingMoveEffects(ctx)).toBe(0);
    expect(await ctx.records.outbox.count({ _id: `${ref}:decision:requester` })).toBe(1);
    expect(await ctx.records.tasks.count({ sourceRef: ref })).toBe(5);
  });

  test('a change whose process stopped right after its update gets its audit entry after restart, once, at the time of the change', async () => {
    const sam = await person('sam.social@example.org');
    const hana = await person('hana.head@example.org');
    // Killed before the audit insert: the new request is stored, its entry is not written yet.
    await expect(requestMove(killedBeforeInsertInto(ctx, 'audit'), sam, form())).rejects.toBeInstanceOf(ProcessKilled);
    const ref = 'PM-2026-0001';
    expect(await ctx.records.audit.count({ subject: ref })).toBe(0);
    now = new Date('2026-11-23T10:05:00Z');
    expect(await resumePendingMoveEffects(ctx)).toBe(1);

    // The decision's versioned update is stored, its audit entry and effects are not.
    now = new Date('2026-11-23T11:00:00Z');
    await expect(decideMove(killedBeforeInsertInto(ctx, 'audit'), hana, ref, { outcome: 'approved', comment: 'Agreed.' })).rejects.toBeInstanceOf(ProcessKilled);
    expect(await ctx.records.moveRequests.get(ref)).toMatchObject({ state: 'approved', pendingEffects: ['decided'] });
    expect(await ctx.records.audit.count({ subject: ref, action: 'move.approved' })).toBe(0);

    // The restart is killed too, after the entry and before the messages; the next one finishes.
    now = new Date('2026-11-23T12:00:00Z');
    await expect(resumePendingMoveEffects(killedBeforeInsertInto(ctx, 'outbox'))).rejects.toBeInstanceOf(ProcessKilled);
    expect(await resumePendingMoveEffects(ctx)).toBe(1);
    expect(await resumePendingMoveEffects(ctx)).toBe(0);
    const trail = (await auditTrail(ctx, ref)).filter((e) => e.action.startsWith('move.'));
    expect(trail.map((e) => [e.action, e.actor, e.fromState, e.toState, e.at])).toEqual([
      ['move.requested', sam.id, null, 'pending', NOW.toISOString()],
      ['move.approved', hana.id, 'pending', 'approved', '2026-11-23T11:00:00.000Z'],
    ]);
    expect(trail[1].details).toEqual({ comment: 'Agreed.' });
    expect(await ctx.records.audit.count({ subject: ref, action: 'task.created' })).toBe(5);
    expect(await ctx.records.outbox.count({ _id: `${ref}:decision:requester` })).toBe(1);
    expect(await ctx.records.moveRequests.get(ref)).toMatchObject({ pendingEffects: [], pendingAudit: [] });
  });

  test('more information: the requester answers and the request is back with the approvers', async () => {
    const sam = await person('sam.social@example.org');
    const hana = await person('hana.head@example.org');
    const ref = (await requestMove(ctx, sam, form())).ref;
    await expect(decideMove(ctx, hana, ref, { outcome: 'info' })).rejects.toBeInstanceOf(InvalidInputError);
    const asked = await decideMove(ctx, hana, ref, { outcome: 'info', comment: 'What does the Virtual School say about transport?' });
    expect(asked.state).toBe('info_requested');
    expect(await ctx.records.outbox.get(`${ref}:info:1:requester`)).not.toBeNull();
    await expect(answerInfoRequest(ctx, await person('priya.patel@example.org'), ref, { answer: 'Taxi funded.' })).rejects.toBeInstanceOf(NotPermittedError);
    const answered = await answerInfoRequest(ctx, sam, ref, { answer: 'Taxi funded for the rest of term.' });
    expect(answered.state).toBe('pending');
    expect(answered.infoRequests[0]).toMatchObject({ askedBy: 'hana.head@example.org', answer: 'Taxi funded for the rest of term.' });
    expect(await ctx.records.outbox.get(`${ref}:answered:1:hana.head@example.org`)).not.toBeNull();
  });

  test("confirming the move records it in the child's history and re-dates the tasks from the real date", async () => {
    const sam = await person('sam.social@example.org');
    const ref = (await requestMove(ctx, sam, form())).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    await expect(confirmMove(ctx, sam, ref, { moveDate: '2026-12-10', placementType: 'U6' })).rejects.toThrow(/future/);
    now = new Date('2026-12-12T09:00:00Z');
    const done = await confirmMove(ctx, sam, ref, { moveDate: '2026-12-10', placementType: 'U6' });
    expect(done.state).toBe('completed');
    expect(await ctx.records.placementMoves.get('CR-1001|2026-12-10')).toMatchObject({ source: 'bot', requestRef: ref, placementType: 'U6' });
    expect(await ctx.records.children.get('CR-1001')).toMatchObject({ placementType: 'U6', placementStart: '2026-12-10' });
    expect((await ctx.records.tasks.get(`${ref}:sw-visit`))!.dueDate).toBe('2026-12-17');
    // The next request for the same child shows the move in its history.
    now = new Date('2026-12-20T09:00:00Z');
    const next = await requestMove(ctx, sam, form({ proposedDate: '2027-01-10' }));
    expect(next.movesInLast12Months).toBe(1);
  });

  test('a task is marked done by its owner, once', async () => {
    const sam = await person('sam.social@example.org');
    const ref = (await requestMove(ctx, sam, form())).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    const [first] = await openTasksOf(ctx, sam);
    await expect(completeTask(ctx, await person('priya.patel@example.org'), first._id)).rejects.toBeInstanceOf(NotPermittedError);
    await completeTask(ctx, sam, first._id);
    await expect(completeTask(ctx, sam, first._id)).rejects.toBeInstanceOf(ConflictError);
    expect(await openTasksOf(ctx, sam)).toHaveLength(4);
  });

  test("the move tracker lists a manager's teams only, open requests first (MOVE-8)", async () => {
    await requestMove(ctx, await person('sam.social@example.org'), form());
    await requestMove(ctx, await person('priya.patel@example.org'), form({ caseRef: 'CR-1003' }));
    expect((await moveTracker(ctx, await person('tom.manager@example.org'))).map((r) => r.caseRef)).toEqual(['CR-1001']);
    expect(await moveTracker(ctx, await person('hana.head@example.org'))).toHaveLength(2);
    await expect(moveTracker(ctx, await person('sam.social@example.org'))).rejects.toBeInstanceOf(NotPermittedError);
  });
});
