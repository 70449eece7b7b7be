// Asking for more information, confirming a move, and the approvals channel, over HTTP.
import { randomUUID } from 'node:crypto';
import { addDays, ukDate } from '../../src/domain/dates';
import { cardActions, cardText, firstCard, type TeamsUser } from '../support/fakeTeams';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { validMoveForm } from '../support/fixtures';

// Dates as the bot sees them: today in England.
const today = () => ukDate(new Date());
const inDays = (n: number) => addDays(today(), n);

const form = validMoveForm({ caseRef: 'CR-1002', proposedDate: inDays(0), reasonCode: 'LAREQ', educationDisrupted: 'unknown' });

describe('more information, confirmation and channels, over HTTP', () => {
  let h: Harness;
  let sam: TeamsUser;
  let hana: TeamsUser;

  beforeEach(async () => {
    h = await startHarness();
    sam = h.user(PEOPLE.sam);
    hana = h.user(PEOPLE.hana);
  });
  afterEach(() => h.stop());

  const refOf = (card: unknown) => /PM-\d{4}-\d{4}/.exec(cardText(card))![0];
  /** Sam asks for the form and sends it from the form he received. */
  const submit = async () => {
    await sam.say('request a move');
    return (await sam.pressButton('Send for approval', form)).body.value;
  };
  const cardsTo = (user: TeamsUser) => h.connector.sentTo(user.conversationId).map((a) => ({ kind: a.kind, card: firstCard(a.activity) }));

  test('the Head of Service asks a question; the social worker answers on their card; it goes back to the approver', async () => {
    await hana.say('hello');
    const ref = refOf(await submit());
    await h.connector.waitFor(() => cardsTo(hana).find((c) => cardText(c.card).includes(ref)));

    const asked = await hana.pressButton('Ask for more information', { comment: 'Has the IRO been consulted about this move?' }, { on: ref });
    expect(cardText(asked.body.value)).toContain('More information asked for');

    const question = await h.connector.waitFor(() => cardsTo(sam).find((c) => cardActions(c.card).has('Send answer')));
    expect(cardText(question.card)).toContain('Hana Head asked: Has the IRO been consulted about this move?');
    const answered = await sam.pressButton('Send answer', { answer: 'Yes, the IRO agrees with the plan.' }, { on: ref });
    expect(cardText(answered.body.value)).toContain('Your answer has been sent back');

    await h.connector.waitFor(() => cardsTo(hana).find((c) => cardText(c.card).includes(`${ref}: your question was answered`)));
    const updated = await h.connector.waitFor(() =>
      cardsTo(hana)
        .filter((c) => c.kind === 'update')
        .find((c) => cardText(c.card).includes('Yes, the IRO agrees')),
    );
    expect(cardActions(updated.card).has('Approve')).toBe(true);
  });

  test("after approval the social worker confirms the move on their card and it joins the child's history", async () => {
    await hana.say('hello');
    const ref = refOf(await submit());
    await h.connector.waitFor(() => cardsTo(hana).find((c) => cardText(c.card).includes(ref)));
    await hana.pressButton('Approve', {}, { on: ref });
    await h.connector.waitFor(() => cardsTo(sam).find((c) => cardActions(c.card).has('Confirm the move')));
    const confirmed = await sam.pressButton('Confirm the move', { moveDate: today(), placementType: 'U4' }, { on: ref });
    expect(cardText(confirmed.body.value)).toContain("The move is recorded in the child's history");
    expect(await h.bot.services.records.placementMoves.count({ caseRef: 'CR-1002' })).toBe(1);
  });

  test('with no Head of Service reachable in chat, the card goes to the approvals channel, with the case reference only', async () => {
    const tom = h.user(PEOPLE.tom);
    const channelId = `19:${randomUUID()}@thread.tacv2`;
    const inChannel = await tom.post({
      type: 'message',
      id: 'm1',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: PEOPLE.tom.id, name: PEOPLE.tom.name, aadObjectId: PEOPLE.tom.aadObjectId },
      recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
      conversation: { id: `${channelId};messageid=m1`, conversationType: 'channel', isGroup: true },
      channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: channelId }, tenant: { id: 't' } },
      entities: [{ type: 'mention', mentioned: { id: '28:bot-id', name: 'Placement Stability Bot' }, text: '<at>Placement Stability Bot</at>' }],
      text: '<at>Placement Stability Bot</at> approvals here North',
    });
    expect(inChannel.status).toBe(200);
    await h.connector.waitFor(() => h.connector.activities.find((a) => a.activity.text?.includes('This channel will now receive approval cards for North')));

    const status = await submit();
    const ref = refOf(status);
    const posted = await h.connector.waitFor(() => h.connector.sentTo(channelId).find((a) => cardText(firstCard(a.activity)).includes(ref)));
    const text = cardText(firstCard(posted.activity));
    expect(text).toContain('Child: CR-1002');
    expect(text).not.toContain('Riley');
    await h.connector.waitFor(() => h.connector.sentTo(sam.conversationId).find((a) => cardText(firstCard(a.activity)).includes("posted to the team's approvals channel")));

    // A social worker in the channel pressing Approve on the channel's card is refused; the card is unchanged.
    const approve = cardActions(firstCard(posted.activity)).get('Approve')!;
    const refused = await sam.press(approve.verb, approve.data, posted.activityId);
    expect(cardText(refused.body.value)).toContain('Only a Head of Service');
    expect((await h.bot.services.records.moveRequests.get(ref))!.state).toBe('pending');
  });

  test('the move tracker lists requests for managers; a social worker gets his own requests instead of a refusal', async () => {
    const ref = refOf(await submit());
    const [tracker] = await h.user(PEOPLE.tom).say('moves');
    expect(cardText(firstCard(tracker.activity))).toContain('CR-1002');
    const [own] = await sam.say('moves');
    expect(cardText(firstCard(own.activity))).toContain(`${ref} for Riley Sample (CR-1002)`);
    expect(cardActions(firstCard(own.activity)).has('Open')).toBe(true);
  });
});
