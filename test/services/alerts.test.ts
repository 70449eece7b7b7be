// The fragility alert use cases, on every storage backend: what is stored and queued, who may raise
// and close an alert, the next steps, and that effects replayed after a restart do nothing twice.
import { alertAdvice, alertChildrenFor, closeAlert, openAlertsFor, openAlertsForTeams, raiseAlert } from '../../src/services/alerts';
import { resumePendingAlertEffects } from '../../src/services/alertEffects';
import type { ServiceContext } from '../../src/services/context';
import { rememberConversation } from '../../src/services/conversations';
import { ConflictError, InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { identify, toChild } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { killedBeforeInsertInto, ProcessKilled } from '../support/killedProcess';
import { loadExamplePeople, chatAddress } from '../support/fixtures';

const NOW = new Date('2026-11-23T10:00:00Z');

const alertForm = (overrides: Record<string, string> = {}) => ({
  caseRef: 'CR-1001',
  triggers: 'carer-struggling,fragile-relationship',
  description: 'The carer rang: evenings have become very hard since the school exclusion.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: '',
  ...overrides,
});

describeOnEveryBackend('fragility alerts', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  const person = (email: string) => identify(ctx, undefined, async () => email);
  const chatWith = async (...emails: string[]) => {
    for (const email of emails) {
      const p = await person(email);
      await rememberConversation(ctx, p, { kind: 'personal', address: chatAddress(`a:${p.id}`) });
    }
  };

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => NOW);
    await loadExamplePeople(ctx);
  });
  afterEach(async () => {
    await store.close();
  });

  test('an alert is stored with a reference, audited, and queued to the team manager and supervising social worker (FRAG-1)', async () => {
    await chatWith('tom.manager@example.org', 'steve.ssw@example.org', 'sam.social@example.org');
    const alert = await raiseAlert(ctx, await person('sam.social@example.org'), alertForm());
    expect(alert).toMatchObject({ ref: 'FA-2026-0001', state: 'open', team: 'North', triggers: ['fragile-relationship', 'carer-struggling'], pendingEffects: [] });
    const queued = await ctx.records.outbox.find({ subjectRef: alert.ref }, { sort: { _id: 1 } });
    // The social worker raised it, so is not told again.
    expect(queued.map((m) => m._id)).toEqual(['FA-2026-0001:alert:steve.ssw@example.org', 'FA-2026-0001:alert:tom.manager@example.org']);
    expect(queued[0].content).toEqual({ kind: 'alert-card', ref: 'FA-2026-0001' });
    expect((await ctx.records.audit.find({ subject: alert.ref })).map((a) => a.action)).toEqual(['alert.raised']);
    expect((await raiseAlert(ctx, await person('tom.manager@example.org'), alertForm({ caseRef: 'CR-1002' }))).ref).toBe('FA-2026-0002');
  });

  test('bad input, an unknown child and a child the person has no part in store nothing', async () => {
    const priya = await person('priya.patel@example.org');
    await expect(raiseAlert(ctx, await person('sam.social@example.org'), alertForm({ description: 'short' }))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(raiseAlert(ctx, priya, alertForm())).rejects.toThrow(InvalidInputError);
    await expect(raiseAlert(ctx, priya, alertForm({ caseRef: 'CR-9999' }))).rejects.toThrow(InvalidInputError);
    await expect(raiseAlert(ctx, await person('perry.performance@example.org'), alertForm())).rejects.toThrow(InvalidInputError);
    expect(await ctx.records.fragilityAlerts.count({})).toBe(0);
    expect(await ctx.records.outbox.count({})).toBe(0);
  });

  test('the supervising social worker and the IRO may raise one too; the form offers their children', async () => {
    const steve = await person('steve.ssw@example.org');
    expect((await alertChildrenFor(ctx, steve)).map((c) => c.caseRef)).toEqual(['CR-1001', 'CR-1002', 'CR-1004']);
    expect((await alertChildrenFor(ctx, await person('ivy.iro@example.org'))).map((c) => c.caseRef)).toEqual(['CR-1001', 'CR-1002', 'CR-1003', 'CR-1004', 'CR-1005']);
    expect(await alertChildrenFor(ctx, await person('perry.performance@example.org'))).toEqual([]);
    await expect(raiseAlert(ctx, steve, alertForm())).resolves.toMatchObject({ raisedBy: 'steve.ssw@example.org' });
  });

  test('FRAG-1: the fostering manager, the Virtual School and the placements team may raise one on a child of a team they cover', async () => {
    for (const email of ['fiona.foster@example.org', 'val.school@example.org', 'pat.placements@example.org']) {
      const who = await person(email);
      expect((await alertChildrenFor(ctx, who)).map((c) => c.caseRef)).toEqual(['CR-1001', 'CR-1002', 'CR-1003', 'CR-1004', 'CR-1005']);
      await expect(raiseAlert(ctx, who, alertForm())).resolves.toMatchObject({ raisedBy: email, caseRef: 'CR-1001' });
    }
  });

  test('the next steps: added support and a support meeting first; a stability meeting once support has been tried (FRAG-4, FRAG-5)', async () => {
    const sam = await person('sam.social@example.org');
    const child = toChild((await ctx.records.children.get('CR-1001'))!);
    const first = await raiseAlert(ctx, sam, alertForm());
    expect((await alertAdvice(ctx, first, child)).convene).toBe('support');
    const second = await raiseAlert(ctx, sam, alertForm({ triggers: 'child-wants-to-leave', supportInPlace: 'Respite weekend and extra SSW visits for a month.' }));
    const advice = await alertAdvice(ctx, second, child);
    expect(advice.convene).toBe('stability');
    expect(advice.notes.map((n) => n.text).join(' ')).toContain('1 other open alert');
  });

  test('a team manager closes an alert with a reason; others may not; a second close changes nothing', async () => {
    await chatWith('sam.social@example.org');
    const alert = await raiseAlert(ctx, await person('steve.ssw@example.org'), alertForm());
    const tom = await person('tom.manager@example.org');
    await expect(closeAlert(ctx, await person('sam.social@example.org'), alert.ref, { reason: 'Sorted out at the visit.' })).rejects.toBeInstanceOf(NotPermittedError);
    await expect(closeAlert(ctx, tom, alert.ref, { reason: 'ok' })).rejects.toBeInstanceOf(InvalidInputError);
    const closed = await closeAlert(ctx, tom, alert.ref, { reason: 'Carer and child settled after the respite weekend.' });
    expect(closed).toMatchObject({ state: 'closed', closure: { by: 'tom.manager@example.org', meetingRef: null } });
    await expect(closeAlert(ctx, tom, alert.ref, { reason: 'Carer and child settled after the respite weekend.' })).rejects.toBeInstanceOf(ConflictError);
    // One clock for the whole test: the entries share a time, so compare them as a set.
    expect((await ctx.records.audit.find({ subject: alert.ref })).map((a) => a.action).sort()).toEqual(['alert.closed', 'alert.raised']);
    expect(await ctx.records.outbox.get(`${alert.ref}:closed:sam.social@example.org`)).not.toBeNull();
  });

  test('"alerts" lists the open alerts of the person\'s teams; the digest gets urgent ones first, case references only', async () => {
    await raiseAlert(ctx, await person('sam.social@example.org'), alertForm());
    await raiseAlert(ctx, await person('priya.patel@example.org'), alertForm({ caseRef: 'CR-1003', immediateSafeguardingRisk: 'yes' }));
    expect((await openAlertsFor(ctx, await person('tom.manager@example.org'))).map((a) => a.alert.caseRef)).toEqual(['CR-1001']);
    expect(await openAlertsFor(ctx, await person('hana.head@example.org'))).toHaveLength(2);
    const digest = await openAlertsForTeams(ctx, ['North', 'South'], '2026-11-23');
    expect(digest.map((a) => [a.caseRef, a.urgent])).toEqual([
      ['CR-1003', true],
      ['CR-1001', false],
    ]);
    expect(JSON.stringify(digest)).not.toMatch(/Jamie|Morgan/);
  });

  test('an alert whose process stopped before its effects is finished after a restart, each message once', async () => {
    await chatWith('tom.manager@example.org');
    const alert = await raiseAlert(ctx, await person('sam.social@example.org'), alertForm());
    await ctx.records.fragilityAlerts.updateIfVersion(alert._id, alert.version, { pendingEffects: ['raised'] });
    expect(await resumePendingAlertEffects(ctx)).toBe(1);
    expect(await resumePendingAlertEffects(ctx)).toBe(0);
    // One message per person told: the team manager's to send, the SSW's held until he opens the bot.
    expect((await ctx.records.outbox.find({ subjectRef: alert.ref }, { sort: { _id: 1 } })).map((m) => m._id)).toEqual([
      `${alert.ref}:alert:steve.ssw@example.org`,
      `${alert.ref}:alert:tom.manager@example.org`,
    ]);
  });

  test('a change whose process stopped right after its update gets its audit entry after restart, once, at the time of the change', async () => {
    await chatWith('sam.social@example.org');
    const later = (iso: string): ServiceContext => ({ ...ctx, now: () => new Date(iso) });
    const steve = await person('steve.ssw@example.org');
    const tom = await person('tom.manager@example.org');
    // Killed before the audit insert: the new alert is stored, its entry is not written yet.
    await expect(raiseAlert(killedBeforeInsertInto(ctx, 'audit'), steve, alertForm())).rejects.toBeInstanceOf(ProcessKilled);
    const ref = 'FA-2026-0001';
    expect(await ctx.records.audit.count({ subject: ref })).toBe(0);
    expect(await resumePendingAlertEffects(later('2026-11-23T10:05:00Z'))).toBe(1);

    const closing = { ...killedBeforeInsertInto(ctx, 'audit'), now: () => new Date('2026-11-23T11:00:00Z') };
    await expect(closeAlert(closing, tom, ref, { reason: 'Carer and child settled after the respite weekend.' })).rejects.toBeInstanceOf(ProcessKilled);
    expect(await ctx.records.fragilityAlerts.get(ref)).toMatchObject({ state: 'closed', pendingEffects: ['closed'] });
    expect(await ctx.records.audit.count({ subject: ref, action: 'alert.closed' })).toBe(0);

    // The restart is killed too, after the entry and before the message; the next one finishes.
    await expect(resumePendingAlertEffects(killedBeforeInsertInto(later('2026-11-23T12:00:00Z'), 'outbox'))).rejects.toBeInstanceOf(ProcessKilled);
    expect(await resumePendingAlertEffects(later('2026-11-23T12:00:00Z'))).toBe(1);
    expect(await resumePendingAlertEffects(later('2026-11-23T12:00:00Z'))).toBe(0);
    const trail = await ctx.records.audit.find({ subject: ref }, { sort: { at: 1 } });
    expect(trail.map((e) => [e.action, e.actor, e.fromState, e.toState, e.at])).toEqual([
      ['alert.raised', steve.id, null, 'open', NOW.toISOString()],
      ['alert.closed', tom.id, 'open', 'closed', '2026-11-23T11:00:00.000Z'],
    ]);
    expect(trail[1].details).toEqual({ reason: 'Carer and child settled after the respite weekend.', meetingRef: null });
    expect(await ctx.records.outbox.count({ _id: `${ref}:closed:sam.social@example.org` })).toBe(1);
  });
});
