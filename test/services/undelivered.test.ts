// What follows an undelivered message, on every storage backend: the person it mattered to is told,
// the digest lists it, held messages given up are followed up too, and the outbox is pruned.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { raiseAlert } from '../../src/services/alerts';
import type { ServiceContext } from '../../src/services/context';
import { chatAddress, validStabilityConveneForm } from '../support/fixtures';
import { rememberConversation } from '../../src/services/conversations';
import { buildDigest } from '../../src/services/digest';
import { enqueue, HELD_FOR_DAYS, pruneOutbox, sweepHeldMessages } from '../../src/services/outbox';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { failuresToFollowUp, followUpFailures, undeliveredMessages } from '../../src/services/undelivered';
import { cancelMeeting, conveneMeeting, rescheduleMeeting } from '../../src/services/meetings';
import type { Store } from '../../src/store/collection';
import { digestCard } from '../../src/teams/digestCards';
import { cardText } from '../support/fakeTeams';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const DAY = 86_400_000;

describeOnEveryBackend('undelivered messages', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let clock: number;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    clock = Date.parse('2026-11-23T10:00:00Z');
    store = await freshStore();
    ctx = await serviceContextOn(store, () => new Date(clock));
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(() => store.close());

  const fail = async (id: string, lastError: string) => {
    const entry = (await ctx.records.outbox.get(id))!;
    return (await ctx.records.outbox.updateIfVersion(id, entry.version, { state: 'failed', lastError, failedAt: new Date(clock).toISOString(), followedUp: false }))!;
  };

  test('an alert card not delivered: the person who raised it is told who was not reached, and the digest lists it', async () => {
    const sam = await person('sam.social@example.org');
    await rememberConversation(ctx, sam, { kind: 'personal', address: chatAddress('a:sam') });
    const alert = await raiseAlert(ctx, sam, {
      caseRef: 'CR-1001',
      triggers: 'carer-struggling',
      description: 'The carer rang: evenings have become very hard since the exclusion.',
      immediateSafeguardingRisk: 'no',
      supportInPlace: '',
    });
    await fail(`${alert.ref}:alert:tom.manager@example.org`, 'Teams refused it (403: the app is not installed for them, or it was blocked)');
    expect(await followUpFailures(ctx, await failuresToFollowUp(ctx))).toBe(1);
    expect(await failuresToFollowUp(ctx)).toEqual([]);
    const told = (await ctx.records.outbox.get(`${alert.ref}:alert:tom.manager@example.org:undelivered`))!;
    expect(told.recipient).toEqual({ kind: 'person', personId: sam.id });
    expect(told.content).toMatchObject({ title: `${alert.ref}: Tom Manager was not reached`, text: expect.stringContaining('403') });

    const digest = await buildDigest(ctx, ['North'], '2026-11-24', null);
    expect(digest.undelivered).toEqual([expect.objectContaining({ ref: alert.ref, to: 'Tom Manager', what: 'alert-card' })]);
    expect(cardText(digestCard(digest, new Date(clock)))).toContain(`Messages not delivered (1)`);
    expect((await buildDigest(ctx, ['South'], '2026-11-24', null)).undelivered).toEqual([]);
  });

  test('a message held past its time is given up and followed up like any failure', async () => {
    const sam = await person('sam.social@example.org');
    await rememberConversation(ctx, sam, { kind: 'personal', address: chatAddress('a:sam') });
    const alert = await raiseAlert(ctx, sam, {
      caseRef: 'CR-1001',
      triggers: 'carer-struggling',
      description: 'The carer rang: evenings have become very hard since the exclusion.',
      immediateSafeguardingRisk: 'no',
      supportInPlace: '',
    });
    const id = `${alert.ref}:alert:steve.ssw@example.org`;
    const entry = (await ctx.records.outbox.get(id))!;
    await ctx.records.outbox.updateIfVersion(id, entry.version, { state: 'held' });
    clock += (HELD_FOR_DAYS + 1) * DAY;
    expect(await sweepHeldMessages(ctx)).toMatchObject({ expired: expect.any(Number) });
    expect(await ctx.records.outbox.get(id)).toMatchObject({ state: 'failed', followedUp: false, failedAt: new Date(clock).toISOString() });
    await followUpFailures(ctx, await failuresToFollowUp(ctx));
    expect(await ctx.records.outbox.get(`${id}:undelivered`)).toMatchObject({ recipient: { kind: 'person', personId: sam.id } });
  });

  describe('a notice that a meeting moved or was cancelled, not delivered: the organiser is told who was not reached, and psb outbox lists it', () => {
    const convene = validStabilityConveneForm();
    const withCalendar = () => ({ ...ctx, calendar: { graph: null, publicUrl: () => 'https://bot.example.org' } });

    test.each([
      ['rescheduled', 'moved'],
      ['cancelled', 'cancelled'],
    ] as const)('%s', async (view, word) => {
      const c = withCalendar();
      const sam = await person('sam.social@example.org');
      for (const email of ['sam.social@example.org', 'fiona.foster@example.org']) {
        await rememberConversation(c, await person(email), { kind: 'personal', address: chatAddress(`a:${email}`) });
      }
      const meeting = await conveneMeeting(c, sam, convene);
      if (view === 'rescheduled')
        await rescheduleMeeting(c, sam, meeting.ref, { newDate: '2026-11-27', newTime: '14:00', changeReason: 'The carer has a hospital appointment that morning.' });
      else await cancelMeeting(c, sam, meeting.ref, { changeReason: 'The placement has settled; the team agreed no meeting is needed.' });
      const id = `${meeting.ref}:${view}:1:fiona.foster@example.org`;
      await fail(id, 'Teams refused it (403: the app is not installed for them, or it was blocked)');
      expect(await followUpFailures(c, await failuresToFollowUp(c))).toBe(1);
      const told = (await c.records.outbox.get(`${id}:undelivered`))!;
      expect(told.recipient).toEqual({ kind: 'person', personId: sam.id });
      expect(told.content).toMatchObject({
        title: `${meeting.ref}: Fiona Foster was not reached`,
        text: expect.stringMatching(new RegExp(`notice that the meeting was ${word} did not reach Fiona Foster: .*403`)),
      });
      expect(await undeliveredMessages(c)).toEqual([expect.objectContaining({ ref: meeting.ref, to: 'Fiona Foster', what: `meeting card (${view})` })]);
    });

    test('the organiser\u2019s own notice not delivered: whoever made the change is told', async () => {
      const c = withCalendar();
      const sam = await person('sam.social@example.org');
      const tom = await person('tom.manager@example.org');
      for (const p of [sam, tom]) await rememberConversation(c, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
      const meeting = await conveneMeeting(c, sam, convene);
      await rescheduleMeeting(c, tom, meeting.ref, { newDate: '2026-11-27', newTime: '10:00', changeReason: 'The chair is on leave that day.' });
      const id = `${meeting.ref}:rescheduled:1:${sam.id}`;
      await fail(id, 'Teams refused it (403)');
      await followUpFailures(c, await failuresToFollowUp(c));
      expect(await c.records.outbox.get(`${id}:undelivered`)).toMatchObject({ recipient: { kind: 'person', personId: tom.id } });
    });
  });

  test('the outbox stays bounded: delivered and followed-up failed messages go after the retention period, the rest stay', async () => {
    const queue = (key: string) => enqueue(ctx, { key, recipient: { kind: 'person', personId: 'p' }, content: { kind: 'notice', title: 't', text: 'x' }, subjectRef: null });
    for (const key of ['old-sent', 'old-failed', 'old-failed-not-followed', 'old-pending', 'new-sent']) await queue(key);
    const set = async (id: string, changes: object) => ctx.records.outbox.updateIfVersion(id, (await ctx.records.outbox.get(id))!.version, changes);
    const old = new Date(clock - 31 * DAY).toISOString();
    await set('old-sent', { state: 'sent', sentAt: old });
    await set('old-failed', { state: 'failed', failedAt: old, followedUp: true });
    await set('old-failed-not-followed', { state: 'failed', failedAt: old, followedUp: false });
    await set('new-sent', { state: 'sent', sentAt: new Date(clock - DAY).toISOString() });
    expect(await pruneOutbox(ctx, 30)).toBe(2);
    expect((await ctx.records.outbox.find({})).map((e) => e._id).sort()).toEqual(['new-sent', 'old-failed-not-followed', 'old-pending']);
  });
});
