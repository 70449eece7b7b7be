// A roster entry already linked to a Teams user is never re-linked to a different Teams user by an
// email match (a guest, or a user of another tenant, can carry the same address): over real HTTP the
// stranger is told they are not set up, the link stays, and the attempt is audited. `psb roster
// unlink <email>` is the way to move a person to a new Teams account, and is audited too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openRecords } from '../../src/store/records';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { cardText, firstCard } from '../support/fakeTeams';
import { EXAMPLES, PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { psbOnFreshDataFolder } from '../support/psb';

describe('re-linking a roster entry to another Teams user by email', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  test('is refused and audited; the linked user keeps their access', async () => {
    const sam = h.user(PEOPLE.sam);
    await sam.say('hi');
    expect((await h.bot.services.records.people.get('sam.social@example.org'))!.aadObjectId).toBe(PEOPLE.sam.aadObjectId);

    // A guest account whose email Teams reports as Sam's.
    const impostor = h.user({ id: '29:guest', name: 'Sam Social (Guest)', aadObjectId: '00000000-0000-0000-0000-0000000beef1', email: 'Sam.Social@example.org' });
    const [reply] = await impostor.say('request a move');
    expect(cardText(firstCard(reply.activity))).toContain('You are not set up to use the Placement Stability Bot');
    const refused = await impostor.press('move.submit', { caseRef: 'CR-1001' });
    expect(cardText(refused.body.value)).toMatch(/^Not set up/);
    expect(JSON.stringify(refused.body.value)).not.toMatch(/Jamie|CR-1001/);

    expect((await h.bot.services.records.people.get('sam.social@example.org'))!.aadObjectId).toBe(PEOPLE.sam.aadObjectId);
    const audit = await h.bot.services.records.audit.find({ subject: 'sam.social@example.org', action: 'roster.relink-refused' });
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ actor: `teams:${'00000000-0000-0000-0000-0000000beef1'}`, details: { linkedTo: PEOPLE.sam.aadObjectId } });

    const [own] = await sam.say('request a move');
    expect(cardText(firstCard(own.activity))).toContain('CR-1001: Jamie Example');
  });
});

describe('psb roster unlink', () => {
  const cli = psbOnFreshDataFolder('unlink');
  const psb = async (...argv: string[]) => {
    const { code, out, err } = await cli.run(...argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('forgets the link, says so, and audits it; an unknown email is an error', async () => {
    const roster = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').replace(
      'sam.social@example.org,Sam Social,,',
      `sam.social@example.org,Sam Social,${PEOPLE.sam.aadObjectId},`,
    );
    expect((await psb('roster', 'import', cli.file('roster.csv', roster))).code).toBe(0);

    const unlinked = await psb('roster', 'unlink', 'sam.social@example.org');
    expect(unlinked).toMatchObject({ code: 0 });
    expect(unlinked.out).toContain(`sam.social@example.org: unlinked from Teams user ${PEOPLE.sam.aadObjectId}`);
    expect((await psb('roster', 'unlink', 'sam.social@example.org')).out).toContain('was not linked to a Teams user');
    expect(await psb('roster', 'unlink', 'nobody@example.org')).toMatchObject({ code: 1, err: 'nobody@example.org is not on the roster.' });
    expect((await psb('roster', 'unlink')).code).toBe(2);

    const store = await openEmbeddedStore(cli.dataDir());
    try {
      const records = await openRecords(store);
      expect((await records.people.get('sam.social@example.org'))!.aadObjectId).toBeNull();
      expect(await records.audit.find({ action: 'roster.unlinked-teams-user' })).toEqual([
        expect.objectContaining({ actor: 'cli', subject: 'sam.social@example.org', details: { aadObjectId: PEOPLE.sam.aadObjectId } }),
      ]);
    } finally {
      await store.close();
    }
  });
});
