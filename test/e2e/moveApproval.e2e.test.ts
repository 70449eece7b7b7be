// The placement move approval flow end to end: real HTTP into /api/messages with Teams-shaped
// activities, the real bot and embedded store, and a fake Teams connector receiving what the bot sends.
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';
import { findReceivedButton } from '../support/receivedCards';
import { addDays, ukDate } from '../../src/domain/dates';

const findApprove = (user: TeamsUser) => findReceivedButton(user.member.name, user.receivedCards(), 'Approve', {});

describe('placement move approval, over HTTP', () => {
  let h: Harness;
  let sam: TeamsUser;
  let hana: TeamsUser;
  let harry: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    hana = h.user(PEOPLE.hana);
    harry = h.user(PEOPLE.harry);
    // Heads of Service and the placements officer open the bot once, so it can reach them.
    await hana.say('hi');
    await harry.say('hi');
    await h.user(PEOPLE.pat).say('hi');
  });

  afterEach(async () => {
    await h.stop();
  });

  /** Sam asks for the form in chat and sends it, pressing the button on the form he received. */
  async function submitRequest(form = validMoveForm()) {
    await sam.say('request a move');
    const { status, body } = await sam.pressButton('Send for approval', form);
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return body.value;
  }

  const refIn = (card: unknown) => /PM-\d{4}-\d{4}/.exec(cardText(card))![0];
  const received = (user: TeamsUser, words: string) =>
    h.connector
      .waitFor(() => user.receivedCards().find((c) => cardText(c.card).includes(words)))
      .catch((err) => {
        throw new Error(
          `${err.message}: "${words}" for ${user.member.name}, who received:\n${user
            .receivedCards()
            .map((c) => cardText(c.card).slice(0, 300))
            .join('\n---\n')}`,
        );
      });

  async function approvalCardFor(user: TeamsUser, ref: string) {
    const sent = await h.connector.waitFor(() =>
      h.connector.sentTo(user.conversationId).find((a) => a.kind === 'send' && cardText(firstCard(a.activity)).includes(`Placement move request ${ref}`)),
    );
    return firstCard(sent.activity);
  }

  test('"request a move" shows the form with only the social worker\'s own children', async () => {
    const [reply] = await sam.say('request a move');
    const card = firstCard(reply.activity);
    expect(card.version).toBe('1.5');
    const childChoices = card.body.find((e: any) => e.id === 'caseRef').choices.map((c: any) => c.value);
    expect(childChoices).toEqual(['CR-1001', 'CR-1002', 'CR-1004']);
    expect(cardActions(card).get('Send for approval')?.verb).toBe('move.submit');
  });

  test('request -> approval card to each Head of Service -> approve -> requester and placements told, tasks created', async () => {
    const status = await submitRequest();
    expect(cardText(status)).toContain('Sent for approval as PM-');
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(status))![0];

    const card = await approvalCardFor(hana, ref);
    await approvalCardFor(harry, ref);
    const text = cardText(card);
    for (const shown of [
      // The rules in words, each id in a small "why" line.
      'Why the child needs to move\nCarer has given notice',
      'Why: MOVE-1',
      'The Virtual School\u2019s advice on education',
      'Why: MOVE-4',
      'How and when the child will be told',
      'Why: MOVE-5',
      'After an allegation against the carer',
      'Why: MOVE-6',
      '0 moves in the last 12 months. This move would make 1.',
      // The child's voice, in the approver's own chat.
      'The child\u2019s wishes and feelings',
      'The child said: She would like to stay at the same school and see her brother every week.',
      'An advocate was offered.',
    ]) {
      expect(text).toContain(shown);
    }
    // No heading or step carries a rule id in brackets: ids live only in the "Why:" lines.
    expect(text).not.toMatch(/\((?:MOVE|FRAG|PLAN|END|AFTER)-\d+\)/);
    const decided = await hana.pressButton('Approve', { comment: '' }, { on: ref });
    expect(cardText(decided.body.value)).toContain('Approved by Hana Head');
    expect(cardActions(decided.body.value).has('Approve')).toBe(false);

    // The social worker is told once, in one card naming the child (his own chat), and the card
    // carries what he may do now; the placements team may now look (MOVE-2).
    const approvedNotice = (a: { kind: string; activity: any }) =>
      a.kind === 'send' && cardText(firstCard(a.activity)).includes(`${ref} for Jamie Example (CR-1001) approved by Hana Head`);
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find(approvedNotice));
    const told = h.connector.sentTo(sam.conversationId).filter(approvedNotice);
    expect(told).toHaveLength(1);
    expect(told[0].activity.text).toBeUndefined();
    expect(cardActions(firstCard(told[0].activity)).has('Confirm the move')).toBe(true);
    await h.connector.waitFor(() =>
      h.connector.sentTo(h.user(PEOPLE.pat).conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} authorised: you may now look for a placement`)),
    );
    // Every copy of the approval card now shows the outcome, without buttons.
    const harryUpdate = await h.connector.waitFor(() => h.connector.sentTo(harry.conversationId).find((a) => a.kind === 'update'));
    expect(cardText(firstCard(harryUpdate.activity))).toContain('Approved by Hana Head');
    expect(cardActions(firstCard(harryUpdate.activity)).has('Approve')).toBe(false);

    // The card Sam sent the request from was kept current too.
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => a.kind === 'update' && cardText(firstCard(a.activity)).includes('Approved by Hana Head')));

    const [tasksReply] = await sam.say('my tasks');
    const tasksText = cardText(firstCard(tasksReply.activity));
    expect(tasksText).toContain('Hold the Placement Planning Meeting before the move');
    expect(tasksText).toContain('Visit the child in the new placement within one week');
    expect(tasksText).toContain('Code the move and its reason correctly');
  });

  test('a social worker pressing Approve is refused and nothing changes', async () => {
    const status = await submitRequest();
    const ref = refIn(status);
    // A forged press: Sam's own cards have no Approve button.
    expect(() => sam.receivedCards().length && findApprove(sam)).toThrow(/received no card with a "Approve" button/);
    const refused = await sam.press('move.decide', { ref, outcome: 'approved', comment: '' });
    expect(cardText(refused.body.value)).toContain(
      `${ref}: Only a Head of Service of the child's team (or the person covering for them, or for an urgent request the out-of-hours approver, a Head of Service or service manager) who did not ask for the move may decide a move.`,
    );
    const stored = await h.bot.services.records.moveRequests.get(ref);
    expect(stored!.state).toBe('pending');
    expect(stored!.decision).toBeNull();
  });

  test('two Heads of Service approving at once give one decision', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await approvalCardFor(harry, ref);
    const [a, b] = await Promise.all([hana.pressButton('Approve', {}, { on: ref }), harry.pressButton('Decline', { comment: 'Not enough evidence yet.' }, { on: ref })]);
    const texts = [cardText(a.body.value), cardText(b.body.value)];
    expect(texts.filter((t) => t.includes('Your decision is recorded')).length).toBe(1);
    expect(texts.filter((t) => t.includes('was already')).length).toBe(1);
    const audit = await h.bot.services.records.audit.find({ subject: ref });
    expect(audit.filter((e) => ['move.approved', 'move.declined'].includes(e.action))).toHaveLength(1);
    // A second click by the winner (a double click on the card as it was) changes nothing either.
    const again = await hana.press('move.decide', { ref, outcome: 'approved' });
    expect(cardText(again.body.value)).toMatch(/was already (approved|declined) by/);
  });

  test('an invalid form is refused with a message beside each problem and nothing is stored', async () => {
    const card = await submitRequest(validMoveForm({ urgency: 'urgent', rationale: 'short', reasonCode: 'OTHER', followsAllegation: 'yes' }));
    const text = cardText(card);
    expect(text).toContain('Nothing was sent.');
    expect(text).toContain('needs at least 20 characters');
    expect(text).toContain('immediate safeguarding issue');
    expect(text).toContain('"Other" is for exceptional cases only');
    expect(text).toContain('keep the child for months');
    // The entered values are kept.
    expect(card.body.find((e: any) => e.id === 'rationale').value).toBe('short');
    expect(await h.bot.services.records.moveRequests.count({})).toBe(0);
  });

  test('the bot restarted between request and approval still works', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await h.restart();
    const decided = await hana.pressButton('Approve', {}, { on: ref });
    expect(cardText(decided.body.value)).toContain('Approved by Hana Head');
    await received(sam, `${ref} for Jamie Example (CR-1001) approved`);
  });

  test('the connector answering 429 twice still delivers the notification once', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await approvalCardFor(harry, ref);
    await received(sam, `${ref} for Jamie Example (CR-1001) sent for approval`);
    h.connector.failNext({ status: 429, retryAfter: '1' }, { status: 429, retryAfter: '1' });
    await hana.pressButton('Decline', { comment: 'Stability work first, please.' }, { on: ref });
    const declined = `${ref} for Jamie Example (CR-1001) declined`;
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => a.kind === 'send' && cardText(firstCard(a.activity)).includes(declined)), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const told = h.connector.sentTo(sam.conversationId).filter((a) => a.kind === 'send' && cardText(firstCard(a.activity)).includes(declined));
    expect(told).toHaveLength(1);
  });

  test('the requester confirms the move from his own card: the date is checked (not in the future, not before the request)', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await hana.pressButton('Approve', {}, { on: ref });
    await received(sam, `${ref} for Jamie Example (CR-1001) approved by Hana Head`);
    const today = ukDate(new Date());

    const future = await sam.pressButton('Confirm the move', { moveDate: addDays(today, 1), placementType: 'U1' }, { on: `${ref} for Jamie Example` });
    expect(cardText(future.body.value)).toContain('The move date cannot be in the future');
    const early = await sam.pressButton('Confirm the move', { moveDate: addDays(today, -3), placementType: 'U1' }, { on: ref });
    expect(cardText(early.body.value)).toContain('The move date cannot be before the request was made');
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('approved');

    const confirmed = await sam.pressButton('Confirm the move', { moveDate: today, placementType: 'U1' }, { on: ref });
    expect(cardText(confirmed.body.value)).toContain("The move is recorded in the child's history.");
    expect(cardActions(confirmed.body.value).has('Confirm the move')).toBe(false);
    const stored = (await h.bot.services.records.moveRequests.get(ref))!;
    expect(stored.state).toBe('completed');
    expect(stored.completion!.date).toBe(today);
    expect((await h.bot.services.records.audit.find({ subject: ref, action: 'move.completed' })).length).toBe(1);
  });

  test('the approver asks a question; the requester answers it from his card; the approver is told', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await hana.pressButton('Ask for more information', { comment: 'Which school will Jamie attend?' }, { on: ref });
    await received(sam, `Hana Head asked a question about ${ref} for Jamie Example (CR-1001)`);
    const answered = await sam.pressButton('Send answer', { answer: 'The same school, with a taxi arranged.' }, { on: 'asked a question' });
    expect(cardText(answered.body.value)).toContain('Your answer has been sent back to the approver.');
    await h.connector.waitFor(() => h.connector.sentTo(hana.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref}: your question was answered`)));
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test("withdraw: the requester withdraws with a reason; the approvers' cards show it; a new request for the child is then allowed", async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await approvalCardFor(harry, ref);
    const noReason = await sam.pressButton('Withdraw', { reason: '' }, { on: ref });
    expect(cardText(noReason.body.value)).toContain('The reason for withdrawing needs at least 5 characters');
    const withdrawn = await sam.pressButton('Withdraw', { reason: 'The carer has withdrawn her notice after support.' }, { on: ref });
    expect(cardText(withdrawn.body.value)).toContain('The request is withdrawn.');

    const hanaCopy = await h.connector.waitFor(() =>
      h.connector.sentTo(hana.conversationId).find((a) => a.kind === 'update' && cardText(firstCard(a.activity)).includes('Withdrawn by Sam Social')),
    );
    expect(cardActions(firstCard(hanaCopy.activity)).has('Approve')).toBe(false);
    expect((await h.bot.services.records.audit.find({ subject: ref, action: 'move.withdrawn' })).length).toBe(1);

    const again = await submitRequest();
    expect(cardText(again)).toContain('Sent for approval as PM-');
    expect(refIn(again)).not.toBe(ref);
  });

  test('withdraw after approval: the placements team is told to stop, open follow-up tasks close, the requester is told', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await hana.pressButton('Approve', {}, { on: ref });
    const pat = h.user(PEOPLE.pat);
    await h.connector.waitFor(() => h.connector.sentTo(pat.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} authorised`)));
    // Hana (a Head of Service) withdraws it from her card.
    const done = await hana.pressButton('Withdraw', { reason: 'A family placement has come forward instead.' }, { on: ref });
    expect(cardText(done.body.value)).toContain('Withdrawn by Hana Head');
    await h.connector.waitFor(() => h.connector.sentTo(pat.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} withdrawn: stop looking for a placement`)));
    await received(sam, `${ref} for Jamie Example (CR-1001) withdrawn by Hana Head`);
    const tasks = await h.bot.services.records.tasks.find({ sourceRef: ref });
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.state === 'closed')).toBe(true);
    const [mine] = await sam.say('my tasks');
    expect(cardText(firstCard(mine.activity))).not.toContain(ref);
  });

  test('"my requests" lists the open requests with a way in; typing a reference opens it for those allowed, and for others shows nothing', async () => {
    const ref = refIn(await submitRequest());
    const [list] = await sam.say('my requests');
    expect(cardText(firstCard(list.activity))).toContain(`${ref} for Jamie Example (CR-1001)`);
    const opened = await sam.pressButton('Open', {}, { on: ref });
    expect(cardActions(opened.body.value).has('Withdraw')).toBe(true);
    // "moves" does not strand a social worker: he gets his own requests.
    const [moves] = await sam.say('moves');
    expect(cardText(firstCard(moves.activity))).toContain(ref);

    const tom = h.user(PEOPLE.tom);
    const [tomsList] = await tom.say('my requests');
    expect(cardText(firstCard(tomsList.activity))).toContain(ref);
    const [byRef] = await tom.say(ref.toLowerCase());
    expect(cardText(firstCard(byRef.activity))).toContain(`Placement move request ${ref}`);

    const priya = h.user(PEOPLE.priya);
    const [refused] = await priya.say(ref);
    const text = cardText(firstCard(refused.activity));
    expect(text).toContain(`${ref}: Only the person who asked for it`);
    expect(text).not.toContain('CR-1001');
    const [unknown] = await priya.say('PM-2026-9999');
    expect(cardText(firstCard(unknown.activity)).replace('PM-2026-9999', ref)).toBe(text);
    // A forged Withdraw from her shows nothing of the request either, and changes nothing.
    const forged = cardText((await priya.press('move.withdraw', { ref, reason: 'Forged from another chat.' })).body.value);
    expect(forged).toContain('Not allowed');
    for (const secret of ['CR-1001', 'Jamie', 'North', 'Sam Social']) expect(forged).not.toContain(secret);
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('MOVE-7: the coding task offers "the right code is not available"; pressing it tells the Head of Service at once', async () => {
    const ref = refIn(await submitRequest());
    await approvalCardFor(hana, ref);
    await hana.pressButton('Approve', {}, { on: ref });
    await sam.say('my tasks');
    const flagged = await sam.pressButton('The right code is not available', {}, { on: 'Code the move' });
    expect(cardText(flagged.body.value)).toContain(`Flagged for ${ref}`);
    await h.connector.waitFor(() => h.connector.sentTo(hana.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref}: the right code is not available`)));
  });

  test('someone not on the roster is told politely who to ask', async () => {
    const [reply] = await h.user(PEOPLE.stranger).say('request a move');
    expect(cardText(firstCard(reply.activity))).toContain('ask your team manager or the system administrator');
  });
});
