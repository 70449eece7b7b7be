// The placement move approval flow end to end: real HTTP into /api/messages with Teams-shaped
// activities, the real bot and embedded store, and a fake Teams connector receiving what the bot sends.
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/moveForm';

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

  async function submitRequest(form = validMoveForm()) {
    const { status, body } = await sam.press('move.submit', form);
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    return body.value;
  }

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
    for (const shown of ['Rationale (MOVE-1)', 'Virtual School (MOVE-4)', 'Telling the child (MOVE-5)', 'Allegation (MOVE-6)', '0 moves in the last 12 months. This move would make 1.']) {
      expect(text).toContain(shown);
    }
    const approve = cardActions(card).get('Approve')!;
    const decided = await hana.press(approve.verb, { ...approve.data, comment: '' });
    expect(cardText(decided.body.value)).toContain('Approved by Hana Head');
    expect(cardActions(decided.body.value).has('Approve')).toBe(false);

    // The social worker is told; the placements team may now look (MOVE-2).
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} approved by Hana Head`)));
    await h.connector.waitFor(() =>
      h.connector.sentTo(h.user(PEOPLE.pat).conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} authorised: you may now look for a placement`)),
    );
    // Every copy of the approval card now shows the outcome, without buttons.
    const harryUpdate = await h.connector.waitFor(() => h.connector.sentTo(harry.conversationId).find((a) => a.kind === 'update'));
    expect(cardText(firstCard(harryUpdate.activity))).toContain('Approved by Hana Head');
    expect(cardActions(firstCard(harryUpdate.activity)).has('Approve')).toBe(false);

    const [tasksReply] = await sam.say('my tasks');
    const tasksText = cardText(firstCard(tasksReply.activity));
    expect(tasksText).toContain('Hold the Placement Planning Meeting before the move');
    expect(tasksText).toContain('Visit the child in the new placement within one week');
    expect(tasksText).toContain('Code the move and its reason correctly');
  });

  test('a social worker pressing Approve is refused and nothing changes', async () => {
    const status = await submitRequest();
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(status))![0];
    const refused = await sam.press('move.decide', { ref, outcome: 'approved', comment: '' });
    expect(cardText(refused.body.value)).toContain(`${ref}: Only a Head of Service of the child's team who did not ask for the move may decide a move.`);
    const stored = await h.bot.services.records.moveRequests.get(ref);
    expect(stored!.state).toBe('pending');
    expect(stored!.decision).toBeNull();
  });

  test('two Heads of Service approving at once give one decision', async () => {
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(await submitRequest()))![0];
    const [a, b] = await Promise.all([
      hana.press('move.decide', { ref, outcome: 'approved' }),
      harry.press('move.decide', { ref, outcome: 'declined', comment: 'Not enough evidence yet.' }),
    ]);
    const texts = [cardText(a.body.value), cardText(b.body.value)];
    expect(texts.filter((t) => t.includes('Your decision is recorded')).length).toBe(1);
    expect(texts.filter((t) => t.includes('was already')).length).toBe(1);
    const audit = await h.bot.services.records.audit.find({ subject: ref });
    expect(audit.filter((e) => ['move.approved', 'move.declined'].includes(e.action))).toHaveLength(1);
    // A second click by the winner changes nothing either.
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
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(await submitRequest()))![0];
    await approvalCardFor(hana, ref);
    await h.restart();
    const decided = await hana.press('move.decide', { ref, outcome: 'approved' });
    expect(cardText(decided.body.value)).toContain('Approved by Hana Head');
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} approved`)));
  });

  test('the connector answering 429 twice still delivers the notification once', async () => {
    const ref = /PM-\d{4}-\d{4}/.exec(cardText(await submitRequest()))![0];
    await approvalCardFor(hana, ref);
    await approvalCardFor(harry, ref);
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} submitted`)));
    h.connector.failNext({ status: 429, retryAfter: '1' }, { status: 429, retryAfter: '1' });
    await hana.press('move.decide', { ref, outcome: 'declined', comment: 'Stability work first, please.' });
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes(`${ref} declined`)), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const told = h.connector.sentTo(sam.conversationId).filter((a) => cardText(firstCard(a.activity)).includes(`${ref} declined`));
    expect(told).toHaveLength(1);
  });

  test('someone not on the roster is told politely who to ask', async () => {
    const [reply] = await h.user(PEOPLE.stranger).say('request a move');
    expect(cardText(firstCard(reply.activity))).toContain('ask your team manager or the system administrator');
  });
});
