// Who a Teams user is: their roster entry, found by AAD object id. Every turn starts here, so a
// process keeps the entry it found for 30 seconds; a roster change in the same process counts at
// once, and one made elsewhere (psb, another instance) within those 30 seconds.
import type { ServiceContext } from '../../src/services/context';
import { NotFoundError, NotOnRosterError } from '../../src/services/errors';
import { childrenFor, identify, importChildren, ROSTER_TRUSTED_FOR_MS, unlinkTeamsUser } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import { describeOnEveryBackend, storeAndClockForEachTest } from '../support/backends';

const HEADER = 'email,name,aadObjectId,roles,teams';
const SAM_AAD = '00000000-0000-4000-8000-00000000a001';
const roster = (samRoles: string) =>
  [HEADER, `sam.social@example.org,Sam Social,${SAM_AAD},${samRoles},North`, 'priya.patel@example.org,Priya Patel,,social_worker,North'].join('\n');
const noEmail = async () => null;

describeOnEveryBackend('identifying a Teams user', (freshStore) => {
  const each = storeAndClockForEachTest(freshStore, '2026-11-23T09:00:00Z');

  test('by AAD object id; someone not on the roster is refused', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    expect(await identify(ctx, SAM_AAD.toUpperCase(), noEmail)).toMatchObject({ id: 'sam.social@example.org', roles: ['social_worker'] });
    await expect(identify(ctx, '00000000-0000-4000-8000-0000000000ff', noEmail)).rejects.toThrow();
  });

  test('the same user again within 30 seconds needs no store read', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    await identify(ctx, SAM_AAD, noEmail);
    const records = ctx.records as unknown as Record<string, unknown>;
    const people = records.people;
    records.people = new Proxy({}, { get: () => () => Promise.reject(new Error('the store was used')) });
    try {
      expect(await identify(ctx, SAM_AAD, noEmail)).toMatchObject({ id: 'sam.social@example.org' });
    } finally {
      records.people = people;
    }
  });

  test('a roster import in this process counts at once', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    expect((await identify(ctx, SAM_AAD, noEmail)).roles).toEqual(['social_worker']);
    await importRoster(ctx, roster('social_worker;team_manager'), 'test');
    expect((await identify(ctx, SAM_AAD, noEmail)).roles).toEqual(['social_worker', 'team_manager']);
  });

  test('a roster change made by another process counts here within 30 seconds', async () => {
    const here = await each.context();
    const elsewhere = await each.context(); // psb, or a second bot instance, on the same database
    await importRoster(elsewhere, roster('social_worker;team_manager'), 'test');
    expect((await identify(here, SAM_AAD, noEmail)).roles).toEqual(['social_worker', 'team_manager']);

    await importRoster(elsewhere, roster('social_worker'), 'test'); // the manager role taken away
    each.advance(ROSTER_TRUSTED_FOR_MS + 1);
    expect((await identify(here, SAM_AAD, noEmail)).roles).toEqual(['social_worker']);
  });

  test('what a caller does to the person it was given does not change the next turn', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    const first = await identify(ctx, SAM_AAD, noEmail);
    first.roles.push('admin' as never);
    expect((await identify(ctx, SAM_AAD, noEmail)).roles).toEqual(['social_worker']);
  });

  test('a roster entry linked to one Teams user is never re-linked to another by an email match: refused and audited', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    const guest = '00000000-0000-4000-8000-0000000000ee';
    await expect(identify(ctx, guest, async () => 'Sam.Social@example.org')).rejects.toBeInstanceOf(NotOnRosterError);
    await expect(identify(ctx, undefined, async () => 'sam.social@example.org')).rejects.toBeInstanceOf(NotOnRosterError);
    expect((await ctx.records.people.get('sam.social@example.org'))!.aadObjectId).toBe(SAM_AAD);
    const refused = await ctx.records.audit.find({ subject: 'sam.social@example.org', action: 'roster.relink-refused' });
    expect(refused.map((a) => a.actor).sort()).toEqual([`teams:${guest}`, 'teams:unknown']);
    // The real Sam is still Sam.
    expect(await identify(ctx, SAM_AAD, noEmail)).toMatchObject({ id: 'sam.social@example.org' });
  });

  test('unlinking (psb roster unlink) lets the next user with the email be linked; audited', async () => {
    const ctx = await each.context();
    await importRoster(ctx, roster('social_worker'), 'test');
    await identify(ctx, SAM_AAD, noEmail);
    expect(await unlinkTeamsUser(ctx, 'SAM.social@example.org', 'cli')).toEqual({ unlinked: SAM_AAD });
    expect(await unlinkTeamsUser(ctx, 'sam.social@example.org', 'cli')).toEqual({ unlinked: null });
    await expect(identify(ctx, SAM_AAD, noEmail)).rejects.toBeInstanceOf(NotOnRosterError);
    const replacement = '00000000-0000-4000-8000-0000000000aa';
    expect(await identify(ctx, replacement, async () => 'sam.social@example.org')).toMatchObject({ id: 'sam.social@example.org', aadObjectId: replacement });
    expect((await ctx.records.audit.find({ subject: 'sam.social@example.org' })).map((a) => a.action)).toEqual(
      expect.arrayContaining(['roster.unlinked-teams-user', 'roster.linked-teams-user']),
    );
    await expect(unlinkTeamsUser(ctx, 'nobody@example.org', 'cli')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describeOnEveryBackend("a person's children", (freshStore) => {
  const CHILDREN_HEADER = 'caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro';
  const child = (caseRef: string, socialWorker: string) => `${caseRef},Child ${caseRef},2014-05-01,North,C2,U4,PR1,2025-01-01,,,${socialWorker},,`;
  const each = storeAndClockForEachTest(freshStore, '2026-11-23T09:00:00Z');
  const caseRefs = async (ctx: ServiceContext) => (await childrenFor(ctx, await identify(ctx, SAM_AAD, noEmail))).map((c) => c.caseRef);

  test('a children import counts at once in its own process, and within 30 seconds elsewhere', async () => {
    const here = await each.context();
    const elsewhere = await each.context();
    await importRoster(here, roster('social_worker'), 'test');
    await importChildren(here, [CHILDREN_HEADER, child('CR-1', 'sam.social@example.org')].join('\n'), 'test');
    expect(await caseRefs(here)).toEqual(['CR-1']);

    await importChildren(here, [CHILDREN_HEADER, child('CR-1', 'sam.social@example.org'), child('CR-2', 'sam.social@example.org')].join('\n'), 'test');
    expect(await caseRefs(here)).toEqual(['CR-1', 'CR-2']);

    await importChildren(elsewhere, [CHILDREN_HEADER, child('CR-2', 'priya.patel@example.org')].join('\n'), 'test'); // reallocated
    each.advance(ROSTER_TRUSTED_FOR_MS + 1);
    expect(await caseRefs(here)).toEqual(['CR-1']);
  });
});
