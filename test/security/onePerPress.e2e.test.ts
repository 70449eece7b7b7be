// Nothing done twice, over real HTTP into /api/messages and on every storage backend: a form pressed
// twice (a double click, or again after a slow answer) creates one record and both answers show it;
// two people submitting a move request for the same child at the same moment make one request. The
// presses are of buttons on cards the presser received, repeated with the same message id, as Teams
// repeats a press of the same card.
import { addDays, ukDate } from '../../src/domain/dates';
import { describeOnEveryBackend } from '../support/backends';
import { PEOPLE, startHarness, type Harness } from '../support/botHarness';
import { cardActions, cardText, firstCard, type SentActivity, type TeamsUser } from '../support/fakeTeams';
import { validMoveForm } from '../support/moveForm';

const refIn = (card: unknown, prefix: string) => new RegExp(`${prefix}-\\d{4}-\\d{4}`).exec(cardText(card))?.[0];

/** The form a chat command answered with, its message id and the button that sends it. */
async function formFrom(user: TeamsUser, command: string, button: string): Promise<{ messageId: string; verb: string; data: Record<string, unknown> }> {
  const replies: SentActivity[] = await user.say(command);
  const reply = replies.find((a) => cardActions(firstCard(a.activity)).has(button));
  if (!reply) throw new Error(`"${command}" gave ${user.member.name} no card with "${button}"`);
  const action = cardActions(firstCard(reply.activity)).get(button)!;
  return { messageId: reply.activityId, verb: action.verb, data: action.data ?? {} };
}

const alertValues = {
  caseRef: 'CR-1001',
  triggers: 'carer-struggling',
  description: 'The carer rang: the evenings have become very hard since the exclusion.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: '',
  noticedOn: '',
};

describeOnEveryBackend('a press creates at most one record', (freshStore) => {
  let h: Harness;
  let sam: TeamsUser;
  beforeEach(async () => {
    h = await startHarness({ store: freshStore });
    sam = h.user(PEOPLE.sam);
    await h.user(PEOPLE.hana).say('hi');
  });
  afterEach(() => h.stop());

  test('the move form pressed twice at once, and once more later, makes one request; every answer shows it', async () => {
    const form = await formFrom(sam, 'request a move', 'Send for approval');
    const values = { ...form.data, ...validMoveForm({ caseRef: 'CR-1002' }) };
    const twice = await Promise.all([sam.press(form.verb, values, form.messageId), sam.press(form.verb, values, form.messageId)]);
    const later = await sam.press(form.verb, values, form.messageId);
    const refs = [...twice, later].map((answer) => refIn(answer.body.value, 'PM'));
    expect(refs[0]).toMatch(/^PM-/);
    expect(new Set(refs).size).toBe(1);
    for (const answer of [...twice, later]) expect(cardText(answer.body.value)).toContain(`Sent for approval as ${refs[0]}`);
    const records = h.bot.services.records;
    expect(await records.moveRequests.count({ caseRef: 'CR-1002' })).toBe(1);
    expect(await records.audit.count({ action: 'move.requested' })).toBe(1);
  });

  test('two people submit a request for the same child at the same moment: one request is made, the other is told it is open', async () => {
    const tom = h.user(PEOPLE.tom);
    const [samsForm, tomsForm] = [await formFrom(sam, 'request a move', 'Send for approval'), await formFrom(tom, 'request a move', 'Send for approval')];
    const answers = await Promise.all([
      sam.press(samsForm.verb, { ...samsForm.data, ...validMoveForm({ caseRef: 'CR-1001', rationale: 'Sam writes: the carer has given notice this week.' }) }, samsForm.messageId),
      tom.press(tomsForm.verb, { ...tomsForm.data, ...validMoveForm({ caseRef: 'CR-1001', rationale: 'Tom writes: the carer has given notice this week.' }) }, tomsForm.messageId),
    ]);
    const records = h.bot.services.records;
    const open = await records.moveRequests.find({ caseRef: 'CR-1001', state: { $in: ['pending', 'info_requested', 'approved'] } });
    expect(open).toHaveLength(1);
    const texts = answers.map((a) => cardText(a.body.value));
    expect(texts.filter((t) => t.includes(`Sent for approval as ${open[0].ref}`))).toHaveLength(1);
    expect(texts.filter((t) => /Nothing was sent\. (PM-\d{4}-\d{4} for CR-1001 is already open|A request for CR-1001 is being made by someone else)/.test(t))).toHaveLength(1);

    // Once it is withdrawn, the child may have a new request.
    const withdrawn = await tom.press('move.withdraw', { ref: open[0].ref, reason: 'Support first: the carer agreed to carry on.' });
    expect(cardText(withdrawn.body.value)).toContain('withdrawn');
    const again = await formFrom(sam, 'request a move', 'Send for approval');
    const next = await sam.press(again.verb, { ...again.data, ...validMoveForm({ caseRef: 'CR-1001' }) }, again.messageId);
    expect(cardText(next.body.value)).toMatch(/Sent for approval as PM-\d{4}-\d{4}/);
    expect(await records.moveRequests.count({ caseRef: 'CR-1001', state: 'pending' })).toBe(1);
  });

  test('the alert form pressed twice at once raises one alert', async () => {
    const form = await formFrom(sam, 'raise a concern', 'Raise the concern');
    const values = { ...form.data, ...alertValues };
    const answers = await Promise.all([sam.press(form.verb, values, form.messageId), sam.press(form.verb, values, form.messageId)]);
    const refs = answers.map((a) => refIn(a.body.value, 'FA'));
    expect(refs[0]).toMatch(/^FA-/);
    expect(refs[1]).toBe(refs[0]);
    expect(await h.bot.services.records.fragilityAlerts.count({})).toBe(1);
    expect(await h.bot.services.records.audit.count({ action: 'alert.raised' })).toBe(1);
  });

  test('"Send the invitations" pressed twice at once convenes one meeting, with one set of invitations', async () => {
    // The supervising social worker has a chat with the bot, so gets the invitation in Teams.
    await h.user({ id: '29:steve', name: 'Steve Supervising', aadObjectId: '00000000-0000-0000-0000-00000000a011', email: 'steve.ssw@example.org' }).say('hi');
    const form = await formFrom(sam, 'raise a concern', 'Raise the concern');
    const raised = (await sam.press(form.verb, { ...form.data, ...alertValues }, form.messageId)).body.value;
    const offer = cardActions(raised).get('Convene meeting')!;
    const proposal = (await sam.press(offer.verb, { ...offer.data, type: 'support' }, form.messageId)).body.value;
    const send = cardActions(proposal).get('Send the invitations')!;
    const values = {
      ...send.data,
      date: addDays(ukDate(new Date()), 3),
      time: '10:00',
      durationMinutes: '60',
      childAttendance: 'whole',
    };
    const answers = await Promise.all([sam.press(send.verb, values, form.messageId), sam.press(send.verb, values, form.messageId)]);
    const refs = answers.map((a) => refIn(a.body.value, 'MT'));
    expect(refs[0]).toMatch(/^MT-/);
    expect(refs[1]).toBe(refs[0]);
    const records = h.bot.services.records;
    expect(await records.meetings.count({})).toBe(1);
    expect(await records.audit.count({ action: 'meeting.convened' })).toBe(1);
    // One invitation per invitee.
    const invitations = await records.outbox.find({ subjectRef: refs[0]!, 'content.view': 'invitation' });
    expect(invitations.length).toBeGreaterThan(0);
    const recipients = invitations.map((m) => JSON.stringify(m.recipient));
    expect(new Set(recipients).size).toBe(recipients.length);
  });
});
