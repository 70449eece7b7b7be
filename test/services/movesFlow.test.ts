// A request's life after it is sent, on every storage backend: withdrawing it, chasing it when
// nobody decides (once across instances), cover for an absent Head of Service, out-of-hours approval.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Person } from '../../src/domain/people';
import type { ServiceContext } from '../../src/services/context';
import { rememberConversation, setApprovalsChannel } from '../../src/services/conversations';
import { coverNoteFor, setCover } from '../../src/services/cover';
import { ConflictError, InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { chaseUndecidedMoves } from '../../src/services/moveChasing';
import { reportCodeUnavailable } from '../../src/services/codeUnavailable';
import { applyRetention } from '../../src/services/dataProtection';
import { handOverLeaversWork } from '../../src/services/leavers';
import { DEFAULT_MOVE_FLOW, moveFlowSettings } from '../../src/services/moveFlowSettings';
import { confirmMove, decideMove, myMoveRequests, requestMove, withdrawMove } from '../../src/services/moves';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { chatAddress } from '../support/fixtures';

const EXAMPLES = path.resolve(__dirname, '../../examples');
// Monday 23 Nov 2026, 10:00 in England (GMT).
const MONDAY_10 = new Date('2026-11-23T10:00:00Z');

const form = (overrides: Record<string, string> = {}) => ({
  caseRef: 'CR-1001',
  urgency: 'planned',
  proposedDate: '2026-12-07',
  reasonCode: 'CREQB',
  rationale: 'Carer has given notice after repeated incidents at home.',
  virtualSchoolConsulted: 'yes',
  virtualSchoolAdvice: 'Keep the same school.',
  educationDisrupted: 'yes',
  childToldPlan: 'Together with the carer on Friday.',
  childToldAgreed: 'true',
  followsAllegation: 'no',
  childSaid: 'I want to stay near my school.',
  advocateOffered: 'yes',
  ...overrides,
});
const urgent = () =>
  form({
    urgency: 'urgent',
    safeguardingIssue: 'The carer hit the child; police informed today.',
    alternativesConsidered: 'Kinship placement with the aunt; emergency foster carer.',
  });

describeOnEveryBackend('a move request after it is sent', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = MONDAY_10;
  const person = (email: string) => identify(ctx, undefined, async () => email);
  const chatWith = (p: Person) => rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
  const keys = async (ref: string) => (await ctx.records.outbox.find({ subjectRef: ref }, { sort: { _id: 1 } })).map((m) => m._id);

  beforeEach(async () => {
    now = MONDAY_10;
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await importRoster(ctx, `${readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim()}\nsue.service@example.org,Sue Service,,service_manager,North\n`, 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  describe('withdraw', () => {
    test('the requester withdraws with a reason: state, audit, tasks closed, placements told to stop, a new request then allowed', async () => {
      const sam = await person('sam.social@example.org');
      const request = await requestMove(ctx, sam, form());
      await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'approved' });
      await expect(requestMove(ctx, sam, form())).rejects.toThrow(`type ${request.ref} to open it, and withdraw it there`);

      await expect(withdrawMove(ctx, sam, request.ref, { reason: '' })).rejects.toBeInstanceOf(InvalidInputError);
      const withdrawn = await withdrawMove(ctx, sam, request.ref, { reason: 'The carer has withdrawn her notice.' });
      expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawal: { by: sam.id, reason: 'The carer has withdrawn her notice.' }, pendingEffects: [] });
      expect((await ctx.records.tasks.find({ sourceRef: request.ref })).every((t) => t.state === 'closed')).toBe(true);
      expect((await ctx.records.audit.find({ subject: request.ref, action: 'task.closed' })).length).toBeGreaterThan(0);
      expect(await ctx.records.audit.count({ subject: request.ref, action: 'move.withdrawn' })).toBe(1);
      expect(await keys(request.ref)).toContain(`${request.ref}:withdrawn:placements:pat.placements@example.org`);
      // Withdrawing twice changes nothing.
      await expect(withdrawMove(ctx, sam, request.ref, { reason: 'Again, by a double click.' })).rejects.toBeInstanceOf(ConflictError);
      expect((await requestMove(ctx, sam, form())).ref).not.toBe(request.ref);
    });

    test('another social worker may not withdraw; a confirmed move cannot be withdrawn', async () => {
      const request = await requestMove(ctx, await person('sam.social@example.org'), form());
      await expect(withdrawMove(ctx, await person('priya.patel@example.org'), request.ref, { reason: 'Not mine to withdraw.' })).rejects.toBeInstanceOf(NotPermittedError);
      expect((await ctx.records.moveRequests.get(request.ref))!.state).toBe('pending');
      const sam = await person('sam.social@example.org');
      await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'approved' });
      await confirmMove(ctx, sam, request.ref, { moveDate: '2026-11-23', placementType: 'U4' });
      await expect(withdrawMove(ctx, sam, request.ref, { reason: 'Too late for this.' })).rejects.toThrow('cannot be withdrawn: it is move done');
    });

    test('a Head of Service withdrawing tells the requester, by name of the child in his chat', async () => {
      const request = await requestMove(ctx, await person('sam.social@example.org'), form());
      await withdrawMove(ctx, await person('hana.head@example.org'), request.ref, { reason: 'A family placement has come forward.' });
      const notice = await ctx.records.outbox.get(`${request.ref}:withdrawn:requester`);
      expect(notice?.content).toMatchObject({ kind: 'notice', title: `${request.ref} for Jamie Example (CR-1001) withdrawn by Hana Head` });
    });
  });

  test("retention removes a withdrawal's reason from every stored document", async () => {
    const sam = await person('sam.social@example.org');
    const request = await requestMove(ctx, sam, form());
    await withdrawMove(ctx, await person('hana.head@example.org'), request.ref, { reason: 'A family placement with the aunt has come forward.' });
    now = new Date('2027-03-01T10:00:00Z');
    await applyRetention(ctx, 30);
    expect((await ctx.records.moveRequests.get(request.ref))!.withdrawal!.reason).not.toContain('aunt');
    for (const collection of [ctx.records.audit, ctx.records.outbox, ctx.records.moveRequests] as const) {
      expect(JSON.stringify(await (collection as typeof ctx.records.audit).find({}))).not.toContain('with the aunt');
    }
  });

  describe('my requests', () => {
    test("a social worker gets his open requests; a team manager his team's; closed ones are not listed", async () => {
      const sam = await person('sam.social@example.org');
      const open = await requestMove(ctx, sam, form());
      const closed = await requestMove(ctx, sam, form({ caseRef: 'CR-1002' }));
      await withdrawMove(ctx, sam, closed.ref, { reason: 'No longer needed.' });
      await requestMove(ctx, await person('priya.patel@example.org'), form({ caseRef: 'CR-1003' }));
      expect((await myMoveRequests(ctx, sam)).map((r) => r.ref)).toEqual([open.ref]);
      expect((await myMoveRequests(ctx, await person('tom.manager@example.org'))).map((r) => r.ref)).toEqual([open.ref]);
    });
  });

  describe('chase and escalate (working time)', () => {
    test('urgent: a reminder to the Heads of Service after 2 working hours, escalation after 4 to the service manager and channel, the requester told; each once, on two instances', async () => {
      await setApprovalsChannel(ctx, 'cli', 'North', '19:north@thread');
      const request = await requestMove(ctx, await person('sam.social@example.org'), urgent());
      const ref = request.ref;
      const second = await serviceContextOn(store, () => now); // another instance on the same database

      now = new Date('2026-11-23T11:59:00Z');
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 0, escalated: 0 });
      now = new Date('2026-11-23T12:00:00Z');
      const [a, b] = await Promise.all([chaseUndecidedMoves(ctx), chaseUndecidedMoves(second)]);
      expect(a.reminded + b.reminded).toBeGreaterThanOrEqual(1);
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 0, escalated: 0 });
      expect((await keys(ref)).filter((k) => k.includes(':reminder:'))).toEqual([`${ref}:reminder:0:hana.head@example.org`, `${ref}:reminder:0:harry.hos@example.org`]);
      expect(await ctx.records.audit.count({ subject: ref, action: 'move.reminder-sent' })).toBe(1);

      now = new Date('2026-11-23T14:00:00Z');
      await Promise.all([chaseUndecidedMoves(ctx), chaseUndecidedMoves(second)]);
      expect(await chaseUndecidedMoves(second)).toEqual({ reminded: 0, escalated: 0 });
      const escalation = (await keys(ref)).filter((k) => k.includes(':escalat'));
      expect(escalation).toEqual([`${ref}:escalated:0:requester`, `${ref}:escalation:0:channel`, `${ref}:escalation:0:sue.service@example.org`]);
      expect(await ctx.records.audit.count({ subject: ref, action: 'move.escalated' })).toBe(1);
      const told = await ctx.records.outbox.get(`${ref}:escalated:0:requester`);
      expect(told?.content).toMatchObject({ title: `${ref} for Jamie Example (CR-1001) has been escalated` });
      expect(JSON.stringify(told?.content)).toContain('within 4 working hours');
    });

    test('planned: nothing at the weekend; the reminder after 2 working days; a decision stops the chase', async () => {
      now = new Date('2026-11-27T16:00:00Z'); // Friday 16:00
      const request = await requestMove(ctx, await person('sam.social@example.org'), form());
      now = new Date('2026-11-30T08:59:00Z'); // Monday before 9: 1 working hour so far
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 0, escalated: 0 });
      now = new Date('2026-12-02T09:00:00Z'); // Wednesday 09:00: 1 + 8 + 8 = 17 working hours
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 1, escalated: 0 });
      await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'declined', comment: 'Stability work first.' });
      now = new Date('2026-12-20T09:00:00Z');
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 0, escalated: 0 });
    });

    test('the targets are settings: "1h,3h" for urgent requests', async () => {
      ctx.moveFlow = moveFlowSettings({ WORKING_HOURS: '09:00-17:00', BANK_HOLIDAYS_EXTRA: [], MOVE_CHASE_URGENT: '1h,3h', MOVE_CHASE_PLANNED: '2d,5d' });
      await requestMove(ctx, await person('sam.social@example.org'), urgent());
      now = new Date('2026-11-23T11:00:00Z');
      expect(await chaseUndecidedMoves(ctx)).toEqual({ reminded: 1, escalated: 0 });
    });
  });

  describe('cover', () => {
    test('"Sue decides for North from 22 Dec to 2 Jan": during the cover she gets the cards, may decide, and the card says who covers for whom', async () => {
      now = new Date('2026-12-21T10:00:00Z');
      const hana = await person('hana.head@example.org');
      const sue = await person('sue.service@example.org');
      await chatWith(sue);
      await expect(setCover(ctx, sue, { team: 'North', cover: sue.id, from: '2026-12-22', to: '2027-01-02' })).rejects.toBeInstanceOf(NotPermittedError);
      await expect(setCover(ctx, hana, { team: 'North', cover: 'nobody@example.org', from: '2026-12-22', to: '2027-01-02' })).rejects.toBeInstanceOf(InvalidInputError);
      // MOVE-1: cover goes to a Head of Service or a service manager, not to a team manager.
      await expect(setCover(ctx, hana, { team: 'North', cover: 'tom.manager@example.org', from: '2026-12-22', to: '2027-01-02' })).rejects.toBeInstanceOf(InvalidInputError);
      await setCover(ctx, hana, { team: 'North', cover: sue.id, for: hana.id, from: '2026-12-22', to: '2027-01-02' });
      expect(await ctx.records.audit.count({ subject: 'North', action: 'cover.set' })).toBe(1);

      // Before the cover starts, Tom gets nothing and may not decide.
      const early = await requestMove(ctx, await person('sam.social@example.org'), form({ proposedDate: '2027-01-10' }));
      expect(await keys(early.ref)).not.toContain(`${early.ref}:approval:${sue.id}`);
      await expect(decideMove(ctx, sue, early.ref, { outcome: 'approved' })).rejects.toBeInstanceOf(NotPermittedError);

      now = new Date('2026-12-22T10:00:00Z');
      expect(await coverNoteFor(ctx, 'North')).toBe('Sue Service is covering for Hana Head (North) until Sat, 2 Jan 2027.');
      const during = await requestMove(ctx, await person('sam.social@example.org'), form({ caseRef: 'CR-1002', proposedDate: '2027-01-10' }));
      expect(await keys(during.ref)).toContain(`${during.ref}:approval:${sue.id}`);
      const decided = await decideMove(ctx, sue, during.ref, { outcome: 'approved' });
      expect(decided.decision).toMatchObject({ by: sue.id, outcome: 'approved' });
      const entry = await ctx.records.audit.findOne({ subject: during.ref, action: 'move.approved' });
      expect(entry?.details).toMatchObject({ coveringFor: hana.id });

      now = new Date('2027-01-03T10:00:00Z');
      await expect(decideMove(ctx, sue, early.ref, { outcome: 'approved' })).rejects.toBeInstanceOf(NotPermittedError);
    });

    test('cover set while requests wait: the covering person is sent them at once', async () => {
      const sue = await person('sue.service@example.org');
      const waiting = await requestMove(ctx, await person('sam.social@example.org'), form());
      await setCover(ctx, 'cli', { team: 'North', cover: sue.id, from: '2026-11-23', to: '2026-11-30' });
      expect(await keys(waiting.ref)).toContain(`${waiting.ref}:approval:${sue.id}`);
    });
  });

  describe('out of hours', () => {
    test('an urgent request at night also goes to the out-of-hours approver, who may decide it; a planned one does not', async () => {
      ctx.moveFlow = { ...DEFAULT_MOVE_FLOW, outOfHours: { approver: 'sue.service@example.org', channel: '19:out-of-hours@thread' } };
      const sue = await person('sue.service@example.org');
      await chatWith(sue);
      now = new Date('2026-11-23T22:00:00Z');
      const night = await requestMove(ctx, await person('sam.social@example.org'), urgent());
      expect(await keys(night.ref)).toEqual(expect.arrayContaining([`${night.ref}:approval:sue.service@example.org`, `${night.ref}:approval:channel:19:out-of-hours@thread`]));
      const planned = await requestMove(ctx, await person('sam.social@example.org'), form({ caseRef: 'CR-1002' }));
      expect(await keys(planned.ref)).not.toContain(`${planned.ref}:approval:sue.service@example.org`);
      await expect(decideMove(ctx, sue, planned.ref, { outcome: 'approved' })).rejects.toBeInstanceOf(NotPermittedError);
      expect((await decideMove(ctx, sue, night.ref, { outcome: 'approved' })).state).toBe('approved');
    });

    test('MOVE-1: an out-of-hours approver who is not a Head of Service or service manager gets no card and may decide nothing', async () => {
      ctx.moveFlow = { ...DEFAULT_MOVE_FLOW, outOfHours: { approver: 'tom.manager@example.org', channel: null } };
      const tom = await person('tom.manager@example.org');
      await chatWith(tom);
      now = new Date('2026-11-23T22:00:00Z');
      const night = await requestMove(ctx, await person('sam.social@example.org'), urgent());
      expect(await keys(night.ref)).not.toContain(`${night.ref}:approval:tom.manager@example.org`);
      await expect(decideMove(ctx, tom, night.ref, { outcome: 'approved' })).rejects.toBeInstanceOf(NotPermittedError);
    });
  });
});

describeOnEveryBackend('after approval (MOVE-4, MOVE-6, MOVE-7, MOVE-10, END-1)', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const person = (email: string) => identify(ctx, undefined, async () => email);
  const keys = async (ref: string) => (await ctx.records.outbox.find({ subjectRef: ref }, { sort: { _id: 1 } })).map((m) => m._id);

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => MONDAY_10);
    await importRoster(ctx, `${readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim()}\nsue.service@example.org,Sue Service,,service_manager,North\n`, 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(() => store.close());

  test('MOVE-4, MOVE-10: the Virtual School is told of the request and its decision when education is affected or its advice is pending; not otherwise', async () => {
    const sam = await person('sam.social@example.org');
    const concerned = await requestMove(ctx, sam, form({ educationDisrupted: 'unknown' }));
    await decideMove(ctx, await person('hana.head@example.org'), concerned.ref, { outcome: 'approved' });
    expect(await keys(concerned.ref)).toEqual(
      expect.arrayContaining([`${concerned.ref}:vs:requested:val.school@example.org`, `${concerned.ref}:vs:decided:val.school@example.org`]),
    );
    const told = await ctx.records.outbox.get(`${concerned.ref}:vs:decided:val.school@example.org`);
    expect(told?.content).toMatchObject({ title: `${concerned.ref} for Jamie Example (CR-1001) approved by Hana Head` });
    // Why, in words; the rule ids in the notice's "Why" fact, not in brackets in the text.
    expect(told?.content).toMatchObject({
      text: expect.stringContaining('You were told of this request because the move may disrupt education or training. The move is proposed for'),
      facts: [{ title: 'Why', value: 'MOVE-10' }],
    });
    const notConcerned = await requestMove(ctx, sam, form({ caseRef: 'CR-1002', educationDisrupted: 'no' }));
    expect((await keys(notConcerned.ref)).some((k) => k.includes(':vs:'))).toBe(false);
  });

  test('MOVE-6: after an allegation the placements team is told the next placement must keep the child for months', async () => {
    const request = await requestMove(ctx, await person('sam.social@example.org'), form({ followsAllegation: 'yes', nextPlacementCanKeepForMonths: 'true' }));
    await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'approved' });
    const notice = await ctx.records.outbox.get(`${request.ref}:approved:placements:pat.placements@example.org`);
    expect(notice?.content).toMatchObject({
      text: expect.stringContaining('must be able to keep the child for months, not a week or two.'),
      facts: [{ title: 'Why', value: 'MOVE-2, MOVE-6' }],
    });
  });

  test('MOVE-7: "the right code is not available" tells the Performance Team, Head of Service and service manager at once, with the reference; once', async () => {
    const sam = await person('sam.social@example.org');
    const request = await requestMove(ctx, sam, form());
    await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'approved' });
    const taskId = `${request.ref}:code-move`;
    await expect(reportCodeUnavailable(ctx, await person('priya.patel@example.org'), taskId)).rejects.toBeInstanceOf(NotPermittedError);
    // Any other task is refused as a missing one is: the refusal says nothing of what the task is.
    await expect(reportCodeUnavailable(ctx, sam, `${request.ref}:sw-visit`)).rejects.toBeInstanceOf(NotPermittedError);
    const { told } = await reportCodeUnavailable(ctx, sam, taskId);
    await reportCodeUnavailable(ctx, sam, taskId);
    expect(told.map((p) => p.id).sort()).toEqual(['hana.head@example.org', 'harry.hos@example.org', 'perry.performance@example.org', 'sue.service@example.org']);
    const sent = (await keys(request.ref)).filter((k) => k.includes('code-unavailable'));
    expect(sent).toHaveLength(4);
    const notice = await ctx.records.outbox.get(`${taskId}:code-unavailable:perry.performance@example.org`);
    expect(notice?.content).toMatchObject({ title: `${request.ref}: the right code is not available`, facts: [{ title: 'Why', value: 'MOVE-7' }] });
    expect(await ctx.records.audit.count({ subject: request.ref, action: 'move.code-unavailable' })).toBe(1);
  });

  test('END-1: confirming the move creates the tasks of ending the old placement', async () => {
    const sam = await person('sam.social@example.org');
    const request = await requestMove(ctx, sam, form());
    await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'approved' });
    await confirmMove(ctx, sam, request.ref, { moveDate: '2026-11-23', placementType: 'U4' });
    const ending = await ctx.records.tasks.find({ sourceRef: request.ref, kind: { $in: ['end-placement-officer', 'end-tell-those-told'] } }, { sort: { _id: 1 } });
    expect(ending.map((t) => [t.kind, t.owner, t.dueDate])).toEqual([
      ['end-placement-officer', 'sam.social@example.org', '2026-11-23'],
      ['end-tell-those-told', 'sam.social@example.org', '2026-11-23'],
    ]);
    // The carer is named beside the title, not in it: a title is listed in shared places (a channel's digest).
    expect(ending[0]).toMatchObject({
      title: 'Tell the Placement Officer that the old placement ended on Mon, 23 Nov 2026, so they serve notice on the provider and tell finance to stop payments',
      carerName: 'Alex Carer',
    });
  });
});

describeOnEveryBackend('a worker who leaves', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => MONDAY_10);
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(() => store.close());

  test('their open tasks and requests pass to the team manager, who is told; they lose their roles; running it again changes nothing', async () => {
    const sam = await person('sam.social@example.org');
    const approved = await requestMove(ctx, sam, form());
    await decideMove(ctx, await person('hana.head@example.org'), approved.ref, { outcome: 'approved' });
    const pending = await requestMove(ctx, sam, form({ caseRef: 'CR-1002' }));

    const done = await handOverLeaversWork(ctx, 'sam.social@example.org', 'cli');
    expect(done).toMatchObject({ requests: [approved.ref, pending.ref].sort(), to: ['tom.manager@example.org'], unassigned: [] });
    expect(done.tasks).toBeGreaterThan(0);
    expect(await ctx.records.tasks.count({ owner: 'sam.social@example.org', state: 'open' })).toBe(0);
    expect(await ctx.records.moveRequests.get(pending.ref)).toMatchObject({ requestedBy: 'tom.manager@example.org', requestedByName: 'Tom Manager' });
    expect((await ctx.records.people.get('sam.social@example.org'))!.roles).toEqual([]);
    const told = await ctx.records.outbox.find({ 'recipient.personId': 'tom.manager@example.org', 'content.title': 'Sam Social has left: their open work is now yours' });
    expect(told).toHaveLength(1);
    expect(await ctx.records.audit.count({ action: 'move.handed-over' })).toBe(2);

    expect(await handOverLeaversWork(ctx, 'sam.social@example.org', 'cli')).toMatchObject({ tasks: 0, requests: [] });
    await expect(handOverLeaversWork(ctx, 'nobody@example.org', 'cli')).rejects.toThrow('is not on the roster');
  });
});
