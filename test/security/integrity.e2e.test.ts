// Integrity of decisions and records, over real HTTP into /api/messages: who may decide through
// cover (MOVE-1: a Head of Service, or another Head of Service or a service manager covering; never
// an administrator), what a leaver may still do (nothing), refusals that are the same for a record
// that exists and one that does not, and the approvals channel of a team that does not exist.
// Presses made to attack are forged on purpose (the attacker never received the card).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, ukDate } from '../../src/domain/dates';
import { importRoster } from '../../src/services/rosterImport';
import { cardActions, cardText, firstCard, type Member } from '../support/fakeTeams';
import { EXAMPLES, PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { storedCover } from '../support/covers';
import { validMoveForm } from '../support/moveForm';

const MORE = {
  steve: { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' },
  ada: { id: '29:ada', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-00000000a014', email: 'ada.admin@example.org' },
  perry: { id: '29:perry', name: 'Perry Performance', aadObjectId: '00000000-0000-0000-0000-00000000a015', email: 'perry.performance@example.org' },
  sue: { id: '29:sue', name: 'Sue Service', aadObjectId: '00000000-0000-0000-0000-00000000a016', email: 'sue.service@example.org' },
} satisfies Record<string, Member>;

const ROSTER = readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8').trim();
const today = () => ukDate(new Date());
const refIn = (card: unknown, prefix: string) => new RegExp(`${prefix}-\\d{4}-\\d{4}`).exec(cardText(card))?.[0];

describe('cover is given only to those who could decide (MOVE-1), and checked again at every decision', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // A service manager of North, who may cover for its Head of Service.
    await importRoster(h.bot.services, `${ROSTER}\nsue.service@example.org,Sue Service,,service_manager,North`, 'test');
  });
  afterEach(() => h.stop());

  const coverForm = (cover: string) => ({ team: 'North', cover, for: '', from: today(), to: addDays(today(), 7) });
  const requestFor = async (caseRef: string) => refIn((await h.user(PEOPLE.sam).press('move.submit', validMoveForm({ caseRef }))).body.value, 'PM')!;

  test('an administrator cannot make themselves, or the performance team, a decider', async () => {
    const ada = h.user(MORE.ada);
    const perry = h.user(MORE.perry);
    await perry.say('hi');
    const ref = await requestFor('CR-1001');

    const herself = (await ada.press('cover.set', coverForm(MORE.ada.email))).body.value;
    expect(cardText(herself)).not.toContain('Cover set');
    expect(cardText(herself)).toContain('You cannot set yourself as cover');
    const forPerry = (await ada.press('cover.set', coverForm(MORE.perry.email))).body.value;
    expect(cardText(forPerry)).not.toContain('Cover set');
    expect(cardText(forPerry)).toContain('cannot decide moves: choose a Head of Service or a service manager');
    expect(await h.bot.services.records.covers.count({})).toBe(0);

    for (const who of [ada, perry]) expect(cardText((await who.press('move.decide', { ref, outcome: 'approved', comment: '' })).body.value)).toMatch(/^Not allowed/);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('a cover stored before the rule for someone who may not cover grants nothing: no approval card, no decision', async () => {
    const perry = h.user(MORE.perry);
    await perry.say('hi');
    await h.bot.services.records.covers.insert(
      storedCover({ team: 'North', coverId: MORE.perry.email, coverName: MORE.perry.name, setBy: MORE.ada.email, from: today(), to: addDays(today(), 7) }),
    );
    const ref = await requestFor('CR-1002');
    // The request's cards are queued in the press itself (its effects run before the answer).
    expect(await h.bot.services.records.outbox.count({ subjectRef: ref, 'recipient.personId': MORE.perry.email })).toBe(0);
    expect(cardText((await perry.press('move.decide', { ref, outcome: 'declined', comment: 'No.' })).body.value)).toMatch(/^Not allowed/);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('the cover form shows a cover for someone who may not cover as not in force, naming why', async () => {
    await h.bot.services.records.covers.insert(
      storedCover({ team: 'North', coverId: MORE.ada.email, coverName: MORE.ada.name, setBy: MORE.ada.email, from: today(), to: addDays(today(), 7) }),
    );
    const hana = h.user(PEOPLE.hana);
    const form = (await hana.say('cover')).map((a) => firstCard(a.activity)).find((c) => c && cardText(c).includes('Cover now set'))!;
    expect(cardText(form)).toContain('Ada Admin was set to decide for North');
    expect(cardText(form)).toContain('not in force: Ada Admin may not cover (cover is only for a Head of Service or a service manager');
    expect(cardText(form)).not.toContain('Ada Admin decides for North');
    // A valid cover set beside it is listed as in force.
    const set = (await hana.press('cover.set', coverForm(MORE.sue.email))).body.value;
    expect(cardText(set)).toContain('Sue Service decides for North');
    expect(cardText(set)).toContain('not in force: Ada Admin may not cover');
  });

  test('a service manager covering decides; once they lose the role, they cannot', async () => {
    const hana = h.user(PEOPLE.hana);
    const sue = h.user(MORE.sue);
    await sue.say('hi');
    expect(cardText((await hana.press('cover.set', coverForm(MORE.sue.email))).body.value)).toContain('Cover set: Sue Service decides for North');
    const first = await requestFor('CR-1001');
    const card = await h.connector.waitFor(() =>
      h.connector
        .sentTo(sue.conversationId)
        .map((a) => firstCard(a.activity))
        .find((c) => c && cardActions(c).has('Approve') && cardText(c).includes(first)),
    );
    const approve = cardActions(card).get('Approve')!;
    expect(cardText((await sue.press(approve.verb, { ...approve.data, comment: '' }, 'approve-1')).body.value)).toContain('Your decision is recorded');
    expect((await h.bot.services.records.moveRequests.get(first))!.decision).toMatchObject({ by: MORE.sue.email, outcome: 'approved' });

    // Sue becomes a team manager: the cover is still set, but she may no longer decide under it.
    await importRoster(h.bot.services, `${ROSTER}\nsue.service@example.org,Sue Service,,team_manager,North`, 'test');
    const second = await requestFor('CR-1002');
    expect(cardText((await sue.press('move.decide', { ref: second, outcome: 'approved', comment: '' })).body.value)).toMatch(/^Not allowed/);
    expect((await h.bot.services.records.moveRequests.get(second))!.state).toBe('pending');
  });
});

describe('a leaver may do nothing and see nothing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  test("the supervising social worker leaves: their alert, the child's name and new alerts are closed to them; the child's link to them is cleared and the team manager told", async () => {
    const steve = h.user(MORE.steve);
    const tom = h.user(PEOPLE.tom);
    await tom.say('hi');
    const raised = (
      await steve.press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: 'The carer rang in tears: the evenings have become very hard.',
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
      })
    ).body.value;
    const alert = refIn(raised, 'FA')!;
    expect(alert).toBeDefined();

    // The roster import without Steve makes him a leaver (no roles).
    await importRoster(
      h.bot.services,
      ROSTER.split('\n')
        .filter((line) => !line.startsWith('steve.ssw@'))
        .join('\n'),
      'test',
    );
    expect((await h.bot.services.records.people.get(MORE.steve.email))!.roles).toEqual([]);

    const shown = (await steve.press('alert.show', { ref: alert })).body.value;
    expect(cardText(shown)).toMatch(/^Not set up/);
    expect(JSON.stringify(shown)).not.toMatch(/Jamie|rang in tears/);
    const again = (
      await steve.press('alert.submit', {
        caseRef: 'CR-1002',
        triggers: 'carer-struggling',
        description: 'Another concern, raised after leaving.',
        immediateSafeguardingRisk: 'no',
      })
    ).body.value;
    expect(cardText(again)).toMatch(/^Not set up/);
    expect(await h.bot.services.records.fragilityAlerts.count({})).toBe(1);
    const [chat] = await steve.say('alerts');
    expect(cardText(firstCard(chat.activity))).toMatch(/^Not set up/);

    // His links to the children are cleared, audited, and the team manager is asked to see new ones allocated.
    for (const caseRef of ['CR-1001', 'CR-1002', 'CR-1004']) {
      expect((await h.bot.services.records.children.get(caseRef))!.supervisingSocialWorker).toBeNull();
      expect(await h.bot.services.records.audit.count({ subject: caseRef, action: 'child.link-cleared' })).toBe(1);
    }
    const told = await h.connector.waitFor(() => h.connector.sentTo(tom.conversationId).find((a) => JSON.stringify(a.activity).includes('Steve Supervising has left')));
    expect(JSON.stringify(told.activity)).toContain('CR-1001 (supervising social worker)');
  });
});

describe('a refusal is the same for a record that exists and one that does not', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const answer = async (who: Member, verb: string, data: Record<string, unknown>) => cardText((await h.user(who).press(verb, data)).body.value);

  test("referring another team's alert to a panel: the same words as for an alert that does not exist, and no team named", async () => {
    const raised = (
      await h.user(PEOPLE.sam).press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: 'The evenings have become very hard since the exclusion.',
        immediateSafeguardingRisk: 'no',
        supportInPlace: '',
        noticedOn: '',
        essentialServiceUnavailable: 'yes',
      })
    ).body.value;
    const alert = refIn(raised, 'FA')!;
    for (const verb of ['alert.panel.refer', 'alert.panel.decision']) {
      const data = { panel: 'stability-panel', outcome: 'agreed', decidedOn: today() };
      const known = (await answer(PEOPLE.priya, verb, { ...data, ref: alert })).replace(alert, 'REF');
      const unknown = (await answer(PEOPLE.priya, verb, { ...data, ref: 'FA-2026-0999' })).replace('FA-2026-0999', 'REF');
      expect(known).toMatch(/^Not allowed/);
      expect(unknown).toBe(known);
      expect(known).not.toMatch(/North|Jamie/);
    }
    expect((await h.bot.services.records.fragilityAlerts.get(alert))!.panelReferrals ?? []).toEqual([]);
  });

  test('task actions on a task id that exists and one that does not (ids can be guessed): the same words', async () => {
    const ref = refIn((await h.user(PEOPLE.sam).press('move.submit', validMoveForm({ caseRef: 'CR-1002' }))).body.value, 'PM')!;
    const hana = h.user(PEOPLE.hana);
    const decided = await hana.press('move.decide', { ref, outcome: 'approved', comment: '' });
    expect(cardText(decided.body.value)).toContain('Your decision is recorded');
    expect(await h.bot.services.records.tasks.get(`${ref}:code-move`)).not.toBeNull();
    for (const verb of ['task.done', 'task.code-unavailable', 'plan.checklist']) {
      const known = await answer(PEOPLE.priya, verb, { taskId: `${ref}:code-move` });
      const unknown = await answer(PEOPLE.priya, verb, { taskId: 'PM-2026-0999:code-move' });
      expect(unknown).toBe(known);
      expect(known).toMatch(/Only the task's owner, or a team manager of the child's team may /);
    }
    expect((await h.bot.services.records.tasks.get(`${ref}:code-move`))!.state).toBe('open');
  });
});

describe('"approvals here <team>" in a channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  test('a team that does not exist is refused with a clear message and nothing is set; a real one is set', async () => {
    const ada = h.user(MORE.ada).in({ id: '19:approvals@thread.tacv2', type: 'channel' });
    const [refused] = await ada.say('approvals here north');
    const text = JSON.stringify(refused.activity);
    expect(text).toContain('There is no team called north. The teams are: North, South.');
    expect(await h.bot.services.records.teamSettings.get('north')).toBeNull();
    const [accepted] = await ada.say('approvals here North');
    expect(JSON.stringify(accepted.activity)).toContain('This channel will now receive approval cards for North');
    expect((await h.bot.services.records.teamSettings.get('North'))!.approvalsChannel).toBe('19:approvals@thread.tacv2');
  });
});
