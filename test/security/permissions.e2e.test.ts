// Attacks on permission, over real HTTP into /api/messages: presses forged by people who may not
// make them, records opened by reference, and a Head of Service deciding their own request. Each
// press here is an attack, so it is forged on purpose (the attacker never received the card).
// The rules are the permission table's (src/domain/permissions.ts); every refusal must show
// nothing of the record: no child's name, nothing a worker wrote, no carer's email, no team.
import { addDays, ukDate } from '../../src/domain/dates';
import { cardActions, cardText, firstCard, type Member, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';

const MORE = {
  steve: { id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' },
  fiona: { id: '29:fiona', name: 'Fiona Foster', aadObjectId: '00000000-0000-0000-0000-00000000a012', email: 'fiona.foster@example.org' },
  ada: { id: '29:ada', name: 'Ada Admin', aadObjectId: '00000000-0000-0000-0000-00000000a014', email: 'ada.admin@example.org' },
} satisfies Record<string, Member>;

const RATIONALE = 'The carer gave notice after the third night-time incident this month.';
const DESCRIPTION = 'The carer rang in tears: the evenings have become very hard since the exclusion.';
const SUPPORT = 'Respite weekend arranged with the Oakfield short-breaks unit.';
/** What a refusal must never show. */
const PRIVATE = [
  /Riley/i,
  /Jamie/i,
  /Sample/,
  /Example/,
  /third night-time/,
  /rang in tears/,
  /Oakfield/,
  /alex\.carer/,
  /placements@brightfutures/,
  /North/,
  /Fiona Foster/,
  /2012/,
  /2009/,
];

function expectShowsNothing(card: unknown) {
  const json = JSON.stringify(card);
  expect(cardText(card)).toMatch(/^Not allowed/);
  for (const secret of PRIVATE) expect(json).not.toMatch(secret);
  expect([...cardActions(card).keys()]).toEqual([]);
}

describe('a press the presser may not make shows nothing of the record', () => {
  let h: Harness;
  let sam: TeamsUser;
  let move: string;
  let alert: string;
  let meeting: string;

  beforeAll(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    for (const u of [h.user(PEOPLE.hana), h.user(PEOPLE.tom), h.user(MORE.steve), h.user(MORE.fiona)]) await u.say('hi');
    move = /PM-\d{4}-\d{4}/.exec(cardText((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1002', rationale: RATIONALE }))).body.value))![0];
    const raised = (
      await sam.press('alert.submit', {
        caseRef: 'CR-1001',
        triggers: 'carer-struggling',
        description: DESCRIPTION,
        immediateSafeguardingRisk: 'no',
        supportInPlace: SUPPORT,
        noticedOn: '',
      })
    ).body.value;
    alert = /FA-\d{4}-\d{4}/.exec(cardText(raised))![0];
    const proposal = (await sam.press('meeting.propose', { alertRef: alert, type: 'stability' })).body.value;
    const convene = cardActions(proposal).get('Send the invitations')!;
    const convened = (
      await sam.press(convene.verb, {
        ...convene.data,
        date: addDays(ukDate(new Date()), 3),
        time: '10:00',
        durationMinutes: '60',
        chair: 'fiona.foster@example.org',
        minuteTaker: 'ada.admin@example.org',
        childAttendance: 'whole',
      })
    ).body.value;
    meeting = /MT-\d{4}-\d{4}/.exec(cardText(convened))![0];
  });
  afterAll(() => h.stop());

  // Priya works in another team; Pat (placements team) and Perry (performance team) cover every team
  // but do not work with the child. Before the permission table, Pat and Perry could open all of these.
  const outsiders = [
    ['a social worker of another team', PEOPLE.priya],
    ['the placements team', PEOPLE.pat],
    ['the performance team', { id: '29:perry', name: 'Perry Performance', aadObjectId: '00000000-0000-0000-0000-00000000a015', email: 'perry.performance@example.org' }],
  ] as const;
  const presses: Array<[string, () => [string, Record<string, unknown>]]> = [
    ['move.decide', () => ['move.decide', { ref: move, outcome: 'approved', comment: '' }]],
    ['move.answer', () => ['move.answer', { ref: move, answer: 'An answer nobody asked for.' }]],
    ['move.confirm', () => ['move.confirm', { ref: move, moveDate: ukDate(new Date()), placementType: 'U4' }]],
    ['alert.show (opening it by reference)', () => ['alert.show', { ref: alert }]],
    ['alert.close', () => ['alert.close', { ref: alert, reason: 'Closing it to see what it says.' }]],
    ['meeting.show (opening it by reference)', () => ['meeting.show', { ref: meeting }]],
    ['meeting.outcome', () => ['meeting.outcome', { ref: meeting, decision: 'continue-with-support', summary: 'Nothing much to say here.' }]],
    ['meeting.moveForm', () => ['meeting.moveForm', { ref: meeting }]],
    ['meeting.propose (convening about the alert)', () => ['meeting.propose', { alertRef: alert, type: 'stability' }]],
  ];
  const cases = outsiders.flatMap(([who, member]) => presses.map(([verb, data]) => [verb, who, member, data] as const));

  test.each(cases)('%s, pressed by %s', async (_verb, _who, member, data) => {
    const [verb, values] = data();
    const answer = await h.user(member).press(verb, values);
    expect(answer.status).toBe(200);
    expectShowsNothing(answer.body.value);
  });

  test('a reference that does not exist gets the same refusal as one that does', async () => {
    const pat = h.user(PEOPLE.pat);
    const known = cardText((await pat.press('alert.show', { ref: alert })).body.value).replace(alert, 'REF');
    const unknown = cardText((await pat.press('alert.show', { ref: 'FA-2099-9999' })).body.value).replace('FA-2099-9999', 'REF');
    expect(unknown).toBe(known);
  });

  test('nothing changed after all those presses', async () => {
    const records = h.bot.services.records;
    expect((await records.moveRequests.get(move))!.state).toBe('pending');
    expect((await records.fragilityAlerts.get(alert))!.state).toBe('open');
    expect((await records.meetings.get(meeting))!.state).toBe('scheduled');
  });
});

describe('separation of duties', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  test('a Head of Service cannot decide a move they requested; another Head of Service can', async () => {
    const hana = h.user(PEOPLE.hana);
    const harry = h.user(PEOPLE.harry);
    await hana.say('hi');
    await harry.say('hi');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await hana.press('move.submit', validMoveForm({ caseRef: 'CR-1001', rationale: RATIONALE }))).body.value))![0];
    // Hana's own copy (she is a Head of Service for North) has no decision buttons; a forged press is refused.
    const hers = await h.connector.waitFor(() =>
      h.connector
        .sentTo(hana.conversationId)
        .map((a) => firstCard(a.activity))
        .find((c) => c && cardText(c).includes(`Placement move request ${ref}`) && !cardText(c).includes('Sent for approval')),
    );
    expect(cardActions(hers).has('Approve')).toBe(false);
    expectShowsNothingButTheRule((await hana.press('move.decide', { ref, outcome: 'approved', comment: '' })).body.value);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');

    const his = await h.connector.waitFor(() =>
      h.connector
        .sentTo(harry.conversationId)
        .map((a) => firstCard(a.activity))
        .find((c) => cardActions(c).has('Approve') && cardText(c).includes(ref)),
    );
    const harrysApprove = cardActions(his).get('Approve')!;
    expect(cardText((await harry.press(harrysApprove.verb, { ...harrysApprove.data, comment: '' })).body.value)).toContain('Your decision is recorded');
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('approved');
  });

  test('the admin role administers but does not decide moves', async () => {
    const sam = h.user(PEOPLE.sam);
    await h.user(PEOPLE.hana).say('hi');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText((await sam.press('move.submit', validMoveForm({ caseRef: 'CR-1002', rationale: RATIONALE }))).body.value))![0];
    const refused = (await h.user(MORE.ada).press('move.decide', { ref, outcome: 'approved', comment: '' })).body.value;
    expectShowsNothing(refused);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
    // Nor does the admin get the move form for every child.
    const [form] = await h.user(MORE.ada).say('request a move');
    expect(cardText(firstCard(form.activity))).toContain('No children to request a move for');
  });

  function expectShowsNothingButTheRule(card: unknown) {
    expect(cardText(card)).toContain(
      "Only a Head of Service of the child's team (or the person covering for them, or for an urgent request the out-of-hours approver, a Head of Service or service manager) who did not ask for the move may decide a move.",
    );
    expect(JSON.stringify(card)).not.toMatch(/third night-time|Jamie/);
  }
});
