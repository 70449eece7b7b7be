// What the digest holds and when it is queued, on every storage backend.
import type { ServiceContext } from '../../src/services/context';
import { buildDigest, queueDigestNow, queueDueDigests, queueDueReminders, subscribeDigest, stopDigest } from '../../src/services/digest';
import { InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { decideMove, requestMove } from '../../src/services/moves';
import { identify } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { digestCard } from '../../src/teams/digestCards';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { cardText } from '../support/fakeTeams';
import { loadExamplePeople, validMoveForm } from '../support/fixtures';

const form = (caseRef: string) => validMoveForm({ caseRef, proposedDate: '2026-12-07' });

describeOnEveryBackend('the digest', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now: Date;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T07:00:00Z');
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
  });
  afterEach(() => store.close());

  test('only a manager of the teams can point a digest at a channel', async () => {
    await expect(subscribeDigest(ctx, await person('sam.social@example.org'), '19:c', ['North'])).rejects.toBeInstanceOf(NotPermittedError);
    await expect(subscribeDigest(ctx, await person('tom.manager@example.org'), '19:c', ['South'])).rejects.toBeInstanceOf(NotPermittedError);
    const sub = await subscribeDigest(ctx, await person('tom.manager@example.org'), '19:c', ['North']);
    expect(sub).toMatchObject({ teams: ['North'], days: [1, 2, 3, 4, 5], time: '08:00', active: true });
  });

  test('`digest here Narnia` says there is no team called Narnia, and subscribes nothing', async () => {
    const tom = await person('tom.manager@example.org');
    await expect(subscribeDigest(ctx, tom, '19:c', ['Narnia'])).rejects.toMatchObject({
      fields: { teams: 'There is no team called Narnia. The teams are: North, South. Nothing has changed.' },
    });
    await expect(subscribeDigest(ctx, await person('hana.head@example.org'), '19:c', ['North', 'Narnia'])).rejects.toBeInstanceOf(InvalidInputError);
    expect(await ctx.records.digestSubscriptions.count({})).toBe(0);
  });

  test('panels on an open alert are shown in the digest (FRAG-6, FRAG-7)', async () => {
    const data = await buildDigest(ctx, ['North'], '2026-11-23', null, {
      openAlerts: async () => [
        {
          ref: 'FA-2026-0001',
          caseRef: 'CR-1001',
          urgent: true,
          raisedAt: '2026-11-23T06:00:00Z',
          summary: 'Allegation or complaint',
          panels: ['Placement Stability Panel: referred 2026-11-23 by Sam Social; decision awaited'],
        },
      ],
    });
    expect(JSON.stringify(digestCard(data, now))).toContain('Placement Stability Panel: referred 2026-11-23 by Sam Social; decision awaited');
  });

  test('is queued once per scheduled day, not before its time, and not after it is stopped', async () => {
    await subscribeDigest(ctx, 'cli', '19:c', ['North']);
    expect(await queueDueDigests(ctx)).toBe(0); // Monday 07:00: the first occurrence after subscribing is 08:00
    now = new Date('2026-11-23T08:00:00Z');
    expect(await queueDueDigests(ctx)).toBe(1);
    expect(await queueDueDigests(ctx)).toBe(0);
    now = new Date('2026-11-24T09:00:00Z');
    expect(await queueDueDigests(ctx)).toBe(1);
    await stopDigest(ctx, 'cli', '19:c');
    now = new Date('2026-11-25T09:00:00Z');
    expect(await queueDueDigests(ctx)).toBe(0);
    expect(await ctx.records.outbox.count({ 'content.kind': 'digest' })).toBe(2);
  });

  test('"digest now" queues one at once, whatever the schedule', async () => {
    await subscribeDigest(ctx, 'cli', '19:c', ['North']);
    await queueDigestNow(ctx, await person('tom.manager@example.org'), '19:c');
    expect(await ctx.records.outbox.count({ 'content.kind': 'digest' })).toBe(1);
  });

  test('holds pending approvals oldest first, decisions since the last digest, overdue tasks, and no names', async () => {
    const sam = await person('sam.social@example.org');
    const first = await requestMove(ctx, sam, form('CR-1001'));
    now = new Date('2026-11-23T09:00:00Z');
    await requestMove(ctx, sam, form('CR-1002'));
    await decideMove(ctx, await person('hana.head@example.org'), first.ref, { outcome: 'approved' });
    now = new Date('2026-12-20T09:00:00Z'); // the follow-ups of the approved move are overdue
    const digest = await buildDigest(ctx, ['North'], '2026-12-20', '2026-11-23T08:00:00.000Z');
    expect(digest.pendingApprovals.map((p) => p.caseRef)).toEqual(['CR-1002']);
    // Planned, requested on Mon 23 Nov 09:00: past its 5-working-day target by 20 Dec.
    expect(digest.pastTarget.map((p) => p.caseRef)).toEqual(['CR-1002']);
    expect(cardText(digestCard(digest, now))).toContain('Waiting past the target for a decision');
    expect(digest.decisionsSince).toEqual([expect.objectContaining({ ref: first.ref, outcome: 'approved', byName: 'Hana Head' })]);
    expect(digest.overdueTasks.map((t) => t.title)).toContain('Visit the child in the new placement within one week');
    const text = cardText(digestCard(digest, now));
    expect(text).not.toMatch(/Jamie|Riley|Example|Sample/);
    expect(await buildDigest(ctx, ['South'], '2026-12-20', null)).toMatchObject({ pendingApprovals: [], overdueTasks: [] });
  });

  test('task reminders go once a day to owners of tasks due today or overdue', async () => {
    const ref = (await requestMove(ctx, await person('sam.social@example.org'), form('CR-1001'))).ref;
    await decideMove(ctx, await person('hana.head@example.org'), ref, { outcome: 'approved' });
    now = new Date('2026-12-07T08:30:00Z');
    expect(await queueDueReminders(ctx)).toBe(1);
    expect(await queueDueReminders(ctx)).toBe(0);
    expect(await ctx.records.outbox.get('reminder:sam.social@example.org:2026-12-07')).not.toBeNull();
  });
});

describe('the digest card', () => {
  test('stays under 80 KB however long the lists, with "and N more"', () => {
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const card = digestCard(
      {
        teams: ['*'],
        date: '2026-11-23',
        measure: {
          lookedAfter: 10_000,
          count: 812,
          percent: 8.1,
          nationalYear: 2026,
          nationalPercent: 9.4,
          trend: many(12, (i) => ({ at: `2026-${String(i + 1).padStart(2, '0')}-28`, percent: 8 + i / 10 })),
        },
        atRisk: many(3000, (i) => `CR-${i}`),
        pendingApprovals: many(2000, (i) => ({
          ref: `PM-2026-${i}`,
          caseRef: `CR-${i}`,
          urgent: i % 7 === 0,
          state: 'Waiting for a decision',
          requestedAt: '2026-11-01T09:00:00Z',
        })),
        pastTarget: many(1000, (i) => ({ ref: `PM-2026-${i}`, caseRef: `CR-${i}`, urgent: i % 7 === 0, requestedAt: '2026-11-01T09:00:00Z' })),
        decisionsSince: many(500, (i) => ({ ref: `PM-2026-${i}`, caseRef: `CR-${i}`, outcome: 'approved', byName: 'Hana Head', at: '2026-11-22T09:00:00Z' })),
        overdueTasks: many(5000, (i) => ({
          caseRef: `CR-${i}`,
          title: 'Visit the child in the new placement within one week',
          ownerName: 'Sam Social',
          dueDate: '2026-11-01',
          ref: `PM-2026-${i}`,
        })),
        codingToFix: many(4000, (i) => ({ caseRef: `CR-${i}`, title: 'Reason for placement change missing', dueDate: '2026-11-01' })),
        openAlerts: many(800, (i) => ({ ref: `FA-2026-${i}`, caseRef: `CR-${i}`, urgent: false, raisedAt: '2026-11-20T09:00:00Z', summary: 'Carer struggling' })),
        upcomingMeetings: many(300, (i) => ({ ref: `MT-2026-${i}`, caseRef: `CR-${i}`, type: 'Placement Stability Meeting', date: '2026-11-25' })),
      },
      new Date('2026-11-23T08:00:00Z'),
    );
    const bytes = Buffer.byteLength(JSON.stringify(card));
    expect(bytes).toBeLessThan(80 * 1024);
    expect(cardText(card)).toContain('and 4985 more');
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card)).not.toContain('${');
  });
});
